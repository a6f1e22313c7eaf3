import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { builtinDefinition, type JsonSchema, REF_PREFIX, reachableDefinitions } from "./definitions.js";
import { buildGroupVersionDocument, buildOpenApiIndex, documentHash, groupFriendlyName, type OpenApiDocument, type Operation } from "./document.js";
import { OpenApiV3Documents } from "./service.js";
import { customResourceDefinitions } from "../crd/custom-resource.js";
import { compileVersionRules } from "../crd/rules.js";
import { SERVED_KINDS, servedResourcesByGroupVersion, UPSTREAM_SPEC_PATH } from "./test-fixtures.js";

const byGv = servedResourcesByGroupVersion();
const docs = new Map<string, OpenApiDocument>();
for (const [gv, resources] of byGv) {
  const [group, version] = gv.includes("/") ? gv.split("/") : ["", gv];
  docs.set(gv, buildGroupVersionDocument({ group, version }, resources));
}

/** Query parameters upstream added after v1.32, which we do not advertise. */
const NEWER_PARAMS = new Set(["ignoreStoreReadErrorWithClusterBreakingPotential", "shardSelector"]);

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

/** kubectl's lookup: the PATCH operation whose (single-object) GVK matches. */
function findPatchOperation(doc: OpenApiDocument, gvk: { group: string; version: string; kind: string }): Operation | undefined {
  for (const item of Object.values(doc.paths)) {
    const op = item.patch;
    const opGvk = op?.["x-kubernetes-group-version-kind"] as unknown;
    if (!op || Array.isArray(opGvk) || typeof opGvk !== "object" || opGvk === null) continue;
    const g = opGvk as Record<string, unknown>;
    if (g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind) return op;
  }
  return undefined;
}

function allRefs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) allRefs(x, out);
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") out.push(x);
      else allRefs(x, out);
    }
  }
  return out;
}

describe("group-version documents", () => {
  it("lets kubectl find a PATCH operation with fieldValidation for every served kind", () => {
    for (const s of SERVED_KINDS) {
      const doc = docs.get(s.group ? `${s.group}/${s.version}` : s.version)!;
      const op = findPatchOperation(doc, s);
      assert.ok(op, `${s.kind}: no PATCH operation`);
      const names = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      assert.deepEqual(names, ["dryRun", "fieldManager", "fieldValidation", "force"], s.kind);
      assert.deepEqual(Object.keys(op.requestBody?.content ?? {}), [
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
      ]);
    }
  });

  it("gives every operation an id, an action and a single-object GVK; POST and PUT take fieldValidation", () => {
    for (const doc of docs.values()) {
      assert.equal(doc.openapi, "3.0.0");
      assert.deepEqual(doc.info, { title: "Kubernetes", version: "v1.32.0" });
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const m of METHODS) {
          const op = item[m];
          if (!op) continue;
          assert.match(op.operationId, /^[a-z]+[A-Z]\w+$/, `${m} ${path}`);
          assert.ok(["get", "list", "post", "put", "patch", "delete", "deletecollection"].includes(op["x-kubernetes-action"]));
          const gvk = op["x-kubernetes-group-version-kind"];
          assert.ok(!Array.isArray(gvk) && typeof gvk.kind === "string", `${m} ${path}`);
          if (m === "post" || m === "put") {
            assert.deepEqual(
              (op.parameters ?? []).map((p) => p.name),
              ["dryRun", "fieldManager", "fieldValidation"],
            );
          }
        }
      }
    }
  });

  it("holds exactly the schemas reachable from its operations, and every $ref resolves", () => {
    for (const [gv, doc] of docs) {
      const roots = new Set<string>();
      for (const ref of allRefs(doc.paths)) roots.add(ref.slice(REF_PREFIX.length));
      const expected = reachableDefinitions(roots, builtinDefinition);
      assert.deepEqual(Object.keys(doc.components.schemas).sort(), expected, gv);
      for (const ref of allRefs(doc)) {
        assert.ok(ref.startsWith(REF_PREFIX) && ref.slice(REF_PREFIX.length) in doc.components.schemas, `${gv}: dangling ${ref}`);
      }
      assert.ok("io.k8s.apimachinery.pkg.apis.meta.v1.Status" in doc.components.schemas);
      assert.ok("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions" in doc.components.schemas);
      assert.ok("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" in doc.components.schemas);
    }
  });

  it("describes metadata as ObjectMeta and lists carry patch keys (what client-side apply needs)", () => {
    const core = docs.get("v1")!.components.schemas;
    const pod = core["io.k8s.api.core.v1.Pod"];
    assert.deepEqual(pod["x-kubernetes-group-version-kind"], [{ group: "", kind: "Pod", version: "v1" }]);
    const meta = (pod.properties as Record<string, JsonSchema>).metadata;
    assert.deepEqual(meta.allOf, [{ $ref: `${REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` }]);
    const containers = (core["io.k8s.api.core.v1.PodSpec"].properties as Record<string, JsonSchema>).containers;
    assert.equal(containers["x-kubernetes-patch-merge-key"], "name");
    assert.equal(containers["x-kubernetes-patch-strategy"], "merge");
    const strategy = (docs.get("apps/v1")!.components.schemas["io.k8s.api.apps.v1.DeploymentSpec"].properties as Record<string, JsonSchema>).strategy;
    assert.equal(strategy["x-kubernetes-patch-strategy"], "retainKeys");
  });

  it("publishes status and scale subresources with the Scale kind", () => {
    const apps = docs.get("apps/v1")!;
    const scale = apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"];
    assert.equal(scale.patch?.operationId, "patchAppsV1NamespacedDeploymentScale");
    assert.deepEqual(scale.patch?.["x-kubernetes-group-version-kind"], { group: "autoscaling", kind: "Scale", version: "v1" });
    assert.ok("io.k8s.api.autoscaling.v1.Scale" in apps.components.schemas);
    const status = apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"];
    assert.equal(status.put?.operationId, "replaceAppsV1NamespacedDeploymentStatus");
    assert.equal(status.delete, undefined);
    assert.equal(docs.get("v1")!.paths["/api/v1/configmaps"].get?.operationId, "listCoreV1ConfigMapForAllNamespaces");
    assert.equal(docs.get("v1")!.paths["/api/v1/nodes/{name}"].patch?.operationId, "patchCoreV1Node");
  });

  it("friendly group names follow upstream", () => {
    assert.equal(groupFriendlyName(""), "Core");
    assert.equal(groupFriendlyName("rbac.authorization.k8s.io"), "RbacAuthorization");
    assert.equal(groupFriendlyName("flowcontrol.apiserver.k8s.io"), "FlowcontrolApiserver");
    assert.equal(groupFriendlyName("stable.example.com"), "StableExampleCom");
  });

  it("matches upstream's paths, operation ids, actions and GVKs", { skip: !existsSync(UPSTREAM_SPEC_PATH) }, () => {
    const upstream = JSON.parse(readFileSync(UPSTREAM_SPEC_PATH, "utf8")).paths as Record<string, Record<string, Record<string, unknown>>>;
    let compared = 0;
    for (const doc of docs.values()) {
      for (const [path, item] of Object.entries(doc.paths)) {
        assert.ok(upstream[path], `upstream has no path ${path}`);
        for (const m of METHODS) {
          const op = item[m];
          if (!op) continue;
          const up = upstream[path][m];
          assert.ok(up, `upstream has no ${m} ${path}`);
          assert.equal(op.operationId, up.operationId, `${m} ${path}`);
          assert.equal(op["x-kubernetes-action"], up["x-kubernetes-action"], `${m} ${path}`);
          assert.deepEqual(op["x-kubernetes-group-version-kind"], up["x-kubernetes-group-version-kind"], `${m} ${path}`);
          // Parameters may sit on the path or the operation; compare their union.
          const names = (list: unknown) =>
            ((list as Array<Record<string, string>> | undefined) ?? []).map((p) => p.name ?? p.$ref?.split("/").pop()?.replace(/-[\w-]{8}$/, ""));
          const upParams = [...new Set([...names(upstream[path].parameters), ...names(up.parameters)])]
            .filter((n) => n !== "body" && !NEWER_PARAMS.has(n!))
            .sort();
          const myParams = [...new Set([...names(item.parameters), ...names(op.parameters)])].sort();
          assert.deepEqual(myParams, upParams, `${m} ${path} parameters`);
          compared++;
        }
      }
    }
    assert.ok(compared > 150, `compared ${compared} operations`);
  });
});

describe("custom resources through extraSchemas", () => {
  // A custom resource as the CRD controller defines it.
  const [widget] = customResourceDefinitions(
    {
      group: "example.com",
      names: { plural: "widgets", kind: "Widget" },
      scope: "Namespaced",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
    },
    compileVersionRules,
  );
  const extra = {
    "com.example.v1.Widget": {
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { $ref: `${REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` },
        spec: { type: "object", properties: { size: { type: "integer" } } },
      },
      "x-kubernetes-group-version-kind": [{ group: "example.com", kind: "Widget", version: "v1" }],
    },
  };

  it("uses the extra schema, pulls in referenced built-ins and synthesizes the list kind", () => {
    const doc = buildGroupVersionDocument({ group: "example.com", version: "v1" }, [widget], extra);
    const names = Object.keys(doc.components.schemas);
    assert.ok(names.includes("com.example.v1.Widget"));
    assert.ok(names.includes("com.example.v1.WidgetList"));
    assert.ok(names.includes("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    assert.ok(names.includes("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"));
    assert.ok(!names.includes("io.k8s.api.core.v1.Pod"));
    assert.deepEqual(doc.components.schemas["com.example.v1.WidgetList"]["x-kubernetes-group-version-kind"], [
      { group: "example.com", kind: "WidgetList", version: "v1" },
    ]);
    assert.equal(doc.paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"].patch?.operationId, "patchExampleComV1NamespacedWidget");
    assert.ok(findPatchOperation(doc, { group: "example.com", version: "v1", kind: "Widget" }));
  });

  it("fails loudly when a schema is missing", () => {
    assert.throws(() => buildGroupVersionDocument({ group: "example.com", version: "v1" }, [widget]), /no schema com\.example\.v1\.Widget/);
  });
});

describe("index and hashes", () => {
  it("hashes documents stably and changes the hash with the content", () => {
    const resources = byGv.get("apps/v1")!;
    const a = documentHash(buildGroupVersionDocument({ group: "apps", version: "v1" }, resources));
    const b = documentHash(buildGroupVersionDocument({ group: "apps", version: "v1" }, [...resources].reverse()));
    assert.equal(a, b);
    assert.match(a, /^[0-9A-F]{128}$/);
    const c = documentHash(buildGroupVersionDocument({ group: "apps", version: "v1" }, resources.slice(1)));
    assert.notEqual(a, c);
  });

  it("builds the /openapi/v3 index kubectl reads", () => {
    const index = buildOpenApiIndex(["v1", "apps/v1", "apis/batch/v1"], (p) => `H-${p}`);
    assert.deepEqual(index, {
      paths: {
        "api/v1": { serverRelativeURL: "/openapi/v3/api/v1?hash=H-api/v1" },
        "apis/apps/v1": { serverRelativeURL: "/openapi/v3/apis/apps/v1?hash=H-apis/apps/v1" },
        "apis/batch/v1": { serverRelativeURL: "/openapi/v3/apis/batch/v1?hash=H-apis/batch/v1" },
      },
    });
  });

  it("serves documents with immutable caching under the current hash and redirects stale hashes", () => {
    const svc = new OpenApiV3Documents();
    for (const [gv, resources] of byGv) svc.setGroupVersion(gv, resources);
    const index = JSON.parse(svc.respond("").body) as { paths: Record<string, { serverRelativeURL: string }> };
    assert.deepEqual(Object.keys(index.paths).sort(), [
      "api/v1",
      "apis/apps/v1",
      "apis/batch/v1",
      "apis/coordination.k8s.io/v1",
      "apis/discovery.k8s.io/v1",
      "apis/events.k8s.io/v1",
      "apis/networking.k8s.io/v1",
      "apis/rbac.authorization.k8s.io/v1",
    ]);
    const url = new URL(index.paths["api/v1"].serverRelativeURL, "http://x");
    const hash = url.searchParams.get("hash")!;
    const ok = svc.respond("/api/v1", hash);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers["Cache-Control"], "public, immutable");
    assert.equal(ok.headers.ETag, `"${hash}"`);
    assert.equal(documentHash(ok.body), hash);
    const stale = svc.respond("/api/v1", "0000");
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.Location, `/openapi/v3/api/v1?hash=${hash}`);
    assert.equal(svc.respond("/api/v1", null, `"${hash}"`).status, 304);
    assert.equal(svc.respond("/apis/nope/v1").status, 404);
    svc.setGroupVersion("v1", byGv.get("v1")!.slice(0, 2));
    assert.notEqual(svc.document("api/v1")!.hash, hash);
  });
});
