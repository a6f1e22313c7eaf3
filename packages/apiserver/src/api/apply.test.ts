/**
 * Server-side apply and managedFields through the API: create-on-apply,
 * ownership recorded by every write path, conflicts and force, and removal
 * of fields a manager stops applying.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiHarness, startApiHarness } from "./harness.js";

type Managed = { manager: string; operation: string; apiVersion?: string; subresource?: string; fieldsV1?: Record<string, unknown> };
type Obj = { metadata: { name?: string; resourceVersion?: string; managedFields?: Managed[]; labels?: Record<string, string> }; spec?: Record<string, unknown>; data?: Record<string, string> };

const DEPLOY = "/apis/apps/v1/namespaces/default/deployments";
const APPLY = { "Content-Type": "application/apply-patch+yaml" };

function deployment(replicas?: number, extraLabel?: string) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "ssa", labels: { app: "ssa", ...(extraLabel ? { [extraLabel]: "yes" } : {}) } },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: "ssa" } },
      template: { metadata: { labels: { app: "ssa" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
}

describe("server-side apply", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  it("creates on apply and records the applier's fields", async () => {
    const res = await api.call<Obj>("PATCH", `${DEPLOY}/ssa?fieldManager=alice`, deployment(2), APPLY);
    assert.equal(res.status, 201, res.text);
    const entries = res.body.metadata.managedFields ?? [];
    assert.equal(entries.length, 1);
    assert.equal(entries[0].manager, "alice");
    assert.equal(entries[0].operation, "Apply");
    const fields = JSON.stringify(entries[0].fieldsV1);
    assert.ok(fields.includes('"f:replicas"') && fields.includes('k:{\\"name\\":\\"web\\"}'), fields);
  });

  it("does not write when the same configuration is applied again", async () => {
    const first = await api.call<Obj>("GET", `${DEPLOY}/ssa`);
    const again = await api.call<Obj>("PATCH", `${DEPLOY}/ssa?fieldManager=alice`, deployment(2), APPLY);
    assert.equal(again.status, 200);
    assert.equal(again.body.metadata.resourceVersion, first.body.metadata.resourceVersion);
  });

  it("records Update managers for ordinary writes", async () => {
    const res = await api.call<Obj>("PATCH", `${DEPLOY}/ssa?fieldManager=bob`, { spec: { replicas: 5 } }, {
      "Content-Type": "application/merge-patch+json",
    });
    const bob = res.body.metadata.managedFields?.find((m) => m.manager === "bob");
    assert.equal(bob?.operation, "Update");
    assert.equal(bob?.apiVersion, "apps/v1");
    assert.deepEqual(bob?.fieldsV1, { "f:spec": { "f:replicas": {} } });
    const alice = res.body.metadata.managedFields?.find((m) => m.manager === "alice");
    assert.ok(!JSON.stringify(alice?.fieldsV1).includes("f:replicas"), "alice lost the field bob changed");
  });

  it("reports conflicts with the other manager and field, and force takes ownership", async () => {
    await api.call("PATCH", `${DEPLOY}/ssa?fieldManager=carol`, deployment(7), APPLY).then((r) => assert.equal(r.status, 409, r.text));
    const conflict = await api.call<{ reason: string; message: string; details: { causes: Array<{ reason: string; field: string }> } }>(
      "PATCH",
      `${DEPLOY}/ssa?fieldManager=carol`,
      deployment(7),
      APPLY,
    );
    assert.equal(conflict.body.reason, "Conflict");
    assert.equal(conflict.body.message, 'Apply failed with 1 conflict: conflict with "bob" using apps/v1: .spec.replicas');
    assert.deepEqual(conflict.body.details.causes.map((c) => [c.reason, c.field]), [["FieldManagerConflict", ".spec.replicas"]]);
    const forced = await api.call<Obj>("PATCH", `${DEPLOY}/ssa?fieldManager=carol&force=true`, deployment(7), APPLY);
    assert.equal(forced.status, 200, forced.text);
    assert.equal(forced.body.spec?.replicas, 7);
    const bob = forced.body.metadata.managedFields?.find((m) => m.manager === "bob");
    assert.equal(bob, undefined, "bob owned nothing else and was dropped");
  });

  it("removes a field its only manager stops applying", async () => {
    await api.call("PATCH", `${DEPLOY}/ssa?fieldManager=alice`, deployment(undefined, "team"), APPLY);
    const withLabel = await api.call<Obj>("GET", `${DEPLOY}/ssa`);
    assert.equal(withLabel.body.metadata.labels?.team, "yes");
    const without = await api.call<Obj>("PATCH", `${DEPLOY}/ssa?fieldManager=alice`, deployment(), APPLY);
    assert.equal(without.body.metadata.labels?.team, undefined);
    assert.equal(without.body.spec?.replicas, 7, "carol still owns replicas");
  });

  it("retries concurrent applies and patches instead of answering 409", async () => {
    await api.call("PATCH", "/api/v1/namespaces/default/configmaps/busy?fieldManager=init", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "busy" } }, APPLY);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? api.call("PATCH", "/api/v1/namespaces/default/configmaps/busy?fieldManager=m", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "busy" }, data: { [`k${i}`]: String(i) } }, APPLY)
          : api.call("PATCH", "/api/v1/namespaces/default/configmaps/busy", { data: { [`p${i}`]: String(i) } }, { "Content-Type": "application/merge-patch+json" }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status), Array(20).fill(200));
  });

  it("requires a field manager and a matching apiVersion", async () => {
    const noManager = await api.call("PATCH", `${DEPLOY}/ssa`, deployment(1), APPLY);
    assert.equal(noManager.status, 400);
    assert.match(String(noManager.body.message), /fieldManager is required/);
    const wrongVersion = await api.call("PATCH", `${DEPLOY}/ssa?fieldManager=x`, { ...deployment(1), apiVersion: "apps/v1beta1" }, APPLY);
    assert.equal(wrongVersion.status, 400);
  });

  it("applies YAML bodies to built-in kinds of every group", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: '1'\n";
    const res = await api.call<Obj>("PATCH", "/api/v1/namespaces/default/configmaps/applied?fieldManager=yaml", yaml, APPLY);
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.data, { a: "1" });
  });
});
