/**
 * CustomResourceDefinitions through the API: acceptance and conditions,
 * serving and unserving the resource, schema enforcement (pruning,
 * defaults, validation, CEL), subresources, printer columns, several
 * versions, and cleanup on deletion.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiHarness, startApiHarness } from "./harness.js";

type Obj = { metadata: Record<string, unknown> & { name?: string; resourceVersion?: string; generation?: number }; [k: string]: unknown };

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

/** A CRD much like the ones operators ship: schema with defaults, enums, CEL, subresources and columns. */
function widgetCrd() {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", shortNames: ["wd"], categories: ["all"] },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          subresources: {
            status: {},
            scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector" },
          },
          additionalPrinterColumns: [
            { name: "Size", type: "string", jsonPath: ".spec.size" },
            { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                // As controller-gen writes it: must not prune the object's metadata.
                metadata: { type: "object" },
                spec: {
                  type: "object",
                  required: ["image"],
                  "x-kubernetes-validations": [{ rule: "self.minReplicas <= self.replicas", message: "replicas must be at least minReplicas" }],
                  properties: {
                    image: { type: "string", minLength: 1 },
                    size: { type: "string", enum: ["small", "large"], default: "small" },
                    replicas: { type: "integer", minimum: 0, default: 1 },
                    minReplicas: { type: "integer", minimum: 0, default: 0 },
                    labels: { type: "object", additionalProperties: { type: "string" } },
                    extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                  },
                },
                status: { type: "object", properties: { replicas: { type: "integer" }, selector: { type: "string" } } },
              },
            },
          },
        },
        {
          name: "v1beta1",
          served: true,
          storage: false,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        },
      ],
    },
  };
}

describe("custom resources", () => {
  let api: ApiHarness;
  const W = "/apis/example.com/v1/namespaces/default/widgets";

  async function eventually(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  before(async () => {
    api = await startApiHarness();
    const created = await api.call("POST", CRDS, widgetCrd());
    assert.equal(created.status, 201, created.text);
    await eventually(async () => {
      const crd = await api.call<{ status?: { conditions?: Array<{ type: string; status: string }> } }>("GET", `${CRDS}/widgets.example.com`);
      return crd.body.status?.conditions?.some((c) => c.type === "Established" && c.status === "True") ?? false;
    }, "the CRD is established");
  });
  after(() => api.stop());

  it("is served, discoverable and described in OpenAPI", async () => {
    const resources = await api.call<{ resources: Array<{ name: string; shortNames?: string[]; categories?: string[] }> }>("GET", "/apis/example.com/v1");
    const widgets = resources.body.resources.find((r) => r.name === "widgets");
    assert.deepEqual(widgets?.shortNames, ["wd"]);
    assert.deepEqual(widgets?.categories, ["all"]);
    assert.ok(resources.body.resources.some((r) => r.name === "widgets/status"));
    assert.ok(resources.body.resources.some((r) => r.name === "widgets/scale"));
    const index = await api.call<{ paths: Record<string, unknown> }>("GET", "/openapi/v3");
    assert.ok(index.body.paths["apis/example.com/v1"]);
    const doc = await api.call<{ components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>("GET", "/openapi/v3/apis/example.com/v1");
    assert.ok(doc.body.components.schemas["com.example.v1.Widget"]?.properties?.spec);
  });

  it("applies defaults, prunes unknown fields and keeps preserved ones", async () => {
    const created = await api.call<Obj>("POST", W, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w1" },
      spec: { image: "nginx", unknown: "dropped", extra: { anything: { goes: true } } },
    });
    assert.equal(created.status, 201, created.text);
    const spec = created.body.spec as Record<string, unknown>;
    assert.equal(spec.size, "small");
    assert.equal(spec.replicas, 1);
    assert.equal(spec.unknown, undefined);
    assert.deepEqual(spec.extra, { anything: { goes: true } });
    assert.equal(created.body.metadata.generation, 1);
    const strict = await api.call("POST", `${W}?fieldValidation=Strict`, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w-strict" },
      spec: { image: "nginx", unknown: "x" },
    });
    assert.equal(strict.status, 400);
    assert.match(String(strict.body.message), /unknown field "spec.unknown"/);
  });

  it("reports every schema violation in one 422", async () => {
    const res = await api.call<{ reason: string; details: { causes: Array<{ field: string }> } }>("POST", W, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "bad" },
      spec: { size: "medium", replicas: -1, labels: { a: 5 } },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.reason, "Invalid");
    const fields = res.body.details.causes.map((c) => c.field).sort();
    for (const f of ["spec.image", "spec.size", "spec.replicas", "spec.labels.a"]) assert.ok(fields.includes(f), `${f} in ${fields}`);
  });

  it("evaluates CEL rules", async () => {
    const res = await api.call("POST", W, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "cel" },
      spec: { image: "nginx", replicas: 1, minReplicas: 3 },
    });
    assert.equal(res.status, 422, res.text);
    assert.match(String(res.body.message), /replicas must be at least minReplicas/);
  });

  it("keeps spec and status apart and bumps generation on spec only", async () => {
    await api.call("POST", W, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "st" }, spec: { image: "a" } });
    const status = await api.call<Obj>("PATCH", `${W}/st/status`, { status: { replicas: 2 }, spec: { image: "ignored" } }, {
      "Content-Type": "application/merge-patch+json",
    });
    assert.equal(status.status, 200, status.text);
    assert.deepEqual(status.body.status, { replicas: 2 });
    assert.equal((status.body.spec as { image: string }).image, "a");
    assert.equal(status.body.metadata.generation, 1);
    const spec = await api.call<Obj>("PATCH", `${W}/st`, { spec: { image: "b" } }, { "Content-Type": "application/merge-patch+json" });
    assert.equal(spec.body.metadata.generation, 2);
    const smp = await api.call("PATCH", `${W}/st`, { spec: { image: "c" } }, { "Content-Type": "application/strategic-merge-patch+json" });
    assert.equal(smp.status, 415);
  });

  it("scales through the scale subresource", async () => {
    await api.call("POST", W, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "sc" }, spec: { image: "a", replicas: 2 } });
    const patched = await api.call<Obj>("PATCH", `${W}/sc/scale`, { spec: { replicas: 5 } }, { "Content-Type": "application/merge-patch+json" });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.body.spec, { replicas: 5 });
    const widget = await api.call<Obj>("GET", `${W}/sc`);
    assert.equal((widget.body.spec as { replicas: number }).replicas, 5);
  });

  it("prints additionalPrinterColumns", async () => {
    const table = await api.call<{ columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[] }> }>(
      "GET",
      `${W}?fieldSelector=metadata.name%3Dsc`,
      undefined,
      { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" },
    );
    assert.deepEqual(table.body.columnDefinitions.map((c) => c.name), ["Name", "Size", "Replicas", "Age"]);
    assert.deepEqual(table.body.rows[0].cells.slice(0, 3), ["sc", "small", 5]);
    assert.match(String(table.body.rows[0].cells[3]), /^\d+s$/);
  });

  it("serves every version from one storage", async () => {
    const v1beta1 = await api.call<Obj>("GET", "/apis/example.com/v1beta1/namespaces/default/widgets/w1");
    assert.equal(v1beta1.status, 200);
    assert.equal(v1beta1.body.apiVersion, "example.com/v1beta1");
    const created = await api.call<Obj>("POST", "/apis/example.com/v1beta1/namespaces/default/widgets", {
      apiVersion: "example.com/v1beta1",
      kind: "Widget",
      metadata: { name: "from-beta" },
      spec: { image: "x", anything: 1 },
    });
    assert.equal(created.status, 201, created.text);
    const asV1 = await api.call<Obj>("GET", `${W}/from-beta`);
    assert.equal(asV1.body.apiVersion, "example.com/v1");
  });

  it("deletes every custom resource with the CRD, then stops serving", async () => {
    const del = await api.call("DELETE", `${CRDS}/widgets.example.com`);
    assert.ok(del.status === 200 || del.status === 202, del.text);
    await eventually(async () => (await api.call("GET", `${CRDS}/widgets.example.com`)).status === 404, "the CRD is gone");
    assert.equal((await api.call("GET", W)).status, 404);
    const groups = await api.call<{ groups: Array<{ name: string }> }>("GET", "/apis");
    assert.ok(!groups.body.groups.some((g) => g.name === "example.com"));
  });

  it("rejects invalid CRDs with field causes", async () => {
    const bad = widgetCrd();
    bad.metadata.name = "wrong.example.com";
    bad.spec.versions[1].storage = true;
    const res = await api.call<{ details: { causes: Array<{ field: string }> } }>("POST", CRDS, bad);
    assert.equal(res.status, 422, res.text);
    const fields = res.body.details.causes.map((c) => c.field);
    assert.ok(fields.includes("metadata.name"));
    assert.ok(fields.includes("spec.versions"));
  });
});

describe("CRD validation", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  it("refuses a schema that is not structural, and a CEL rule that does not compile", async () => {
    const crd = widgetCrd();
    const schema = crd.spec.versions[0].schema.openAPIV3Schema as { properties: { spec: Record<string, unknown> } };
    schema.properties.spec["x-kubernetes-validations"] = [{ rule: "self.nope +", message: "broken" }];
    const cel = await api.call<{ details: { causes: Array<{ field: string }> } }>("POST", CRDS, crd);
    assert.equal(cel.status, 422, cel.text);
    assert.ok(cel.body.details.causes.some((c) => c.field.includes("x-kubernetes-validations[0].rule")), cel.text);
    const untyped = widgetCrd();
    (untyped.spec.versions[0].schema.openAPIV3Schema as { properties: { spec: Record<string, unknown> } }).properties.spec.type = undefined;
    const res = await api.call("POST", CRDS, JSON.parse(JSON.stringify(untyped)));
    assert.equal(res.status, 422, res.text);
    assert.match(String(res.body.message), /properties\[spec\]\.type: Required value/);
  });
});

describe("defaults on read", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  it("applies a default added to the schema after the object was stored", async () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "knobs.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "knobs", kind: "Knob" },
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { level: { type: "integer" } } } } } } }],
      },
    };
    await api.call("POST", CRDS, crd);
    const K = "/apis/example.com/v1/namespaces/default/knobs";
    const deadline = Date.now() + 5000;
    while ((await api.call("GET", K)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await api.call("POST", K, { apiVersion: "example.com/v1", kind: "Knob", metadata: { name: "k1" }, spec: {} });
    const current = await api.call<Obj & { spec: Record<string, unknown> }>("GET", `${CRDS}/knobs.example.com`);
    (current.body.spec as { versions: Array<{ schema: { openAPIV3Schema: { properties: { spec: { properties: { level: Record<string, unknown> } } } } } }> }).versions[0].schema.openAPIV3Schema.properties.spec.properties.level.default = 5;
    assert.equal((await api.call("PUT", `${CRDS}/knobs.example.com`, current.body)).status, 200);
    const deadline2 = Date.now() + 5000;
    let level: unknown;
    while (Date.now() < deadline2) {
      level = (await api.call<{ spec: { level?: number } }>("GET", `${K}/k1`)).body.spec?.level;
      if (level === 5) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(level, 5);
    const list = await api.call<{ items: Array<{ spec: { level?: number } }> }>("GET", K);
    assert.equal(list.body.items[0].spec.level, 5);
  });
});
