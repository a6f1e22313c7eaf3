/** Tests of server-side {@link apply} on Deployments and ConfigMaps. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject } from "../patch/json.js";
import { deepFreeze } from "../patch/test-helpers.js";
import { ApplyConflictError, ApplyError } from "./errors.js";
import { type ApplyOptions, apply, updateManagedFields } from "./field-manager.js";
import { LAST_APPLIED_ANNOTATION } from "./last-applied.js";
import type { ManagedFieldsEntry } from "./managers.js";
import { resetFieldsFor } from "./reset-fields.js";
import { configMapSchema, deploymentSchema, nginxConfig } from "./test-fixtures.js";

const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T11:00:00Z";
const T2 = "2024-05-01T12:00:00Z";

/** Applies to a Deployment, threading the object's own managedFields. */
function applyDeployment(live: JsonObject | undefined, config: object, options: Partial<ApplyOptions> & { manager: string }) {
  const managed = (live?.metadata as JsonObject | undefined)?.managedFields as ManagedFieldsEntry[] | undefined;
  return apply(live ? deepFreeze(live) : undefined, deepFreeze(config), { apiVersion: "apps/v1", time: T0, ...options }, managed, deploymentSchema);
}

/** Reads a dotted path ("spec.template.spec.containers") from a value. */
function get<T = unknown>(value: unknown, path: string): T {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value) as T;
}

/** Sets (or, with undefined, deletes) a dotted path of a mutable copy. */
function edit<T extends object>(value: T, path: string, to: unknown): T {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = get<Record<string, unknown>>(value, keys.join("."));
  if (to === undefined) delete parent[last];
  else parent[last] = to;
  return value;
}

type Container = { name: string; imagePullPolicy?: string; ports?: Array<{ protocol?: string }> };

/** What the API server would store: defaults filled in (imagePullPolicy, port protocol). */
function stored(object: object): JsonObject {
  const copy = structuredClone(object) as JsonObject;
  for (const c of get<Container[] | undefined>(copy, "spec.template.spec.containers") ?? []) {
    c.imagePullPolicy ??= "IfNotPresent";
    for (const port of c.ports ?? []) port.protocol ??= "TCP";
  }
  edit(copy, "metadata.uid", get(copy, "metadata.uid") ?? "5f7a");
  return edit(copy, "metadata.resourceVersion", "42");
}

const owners = (object: JsonObject) =>
  ((object.metadata as JsonObject).managedFields as ManagedFieldsEntry[]).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ""}`);
const entry = (object: JsonObject, manager: string) => ((object.metadata as JsonObject).managedFields as ManagedFieldsEntry[]).find((e) => e.manager === manager);

/** Expects an ApplyConflictError and returns it. */
function conflict(fn: () => unknown): ApplyConflictError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ApplyConflictError, `expected an ApplyConflictError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an ApplyConflictError");
}

describe("apply: create and ownership", () => {
  it("creates the object and records what kubectl apply --server-side records", () => {
    const result = applyDeployment(undefined, nginxConfig(), { manager: "kubectl" });
    assert.ok(result.changed);
    const { metadata, ...rest } = result.object;
    assert.deepEqual(rest, (({ metadata: _, ...r }) => r)(nginxConfig()));
    assert.deepEqual((metadata as JsonObject).labels, { app: "nginx" });
    assert.deepEqual(result.managedFields, [
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
    assert.deepEqual((metadata as JsonObject).managedFields, result.managedFields);
  });

  it("shares fields set to equal values: no conflict, both own them", () => {
    const alice = stored(applyDeployment(undefined, nginxConfig(), { manager: "alice" }).object);
    const bob = applyDeployment(alice, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx" }, spec: { replicas: 3 } }, { manager: "bob", time: T1 });
    assert.ok(!bob.changed);
    assert.deepEqual(entry(bob.object, "bob")?.fieldsV1, { "f:spec": { "f:replicas": {} } });
    assert.ok(JSON.stringify(entry(bob.object, "alice")?.fieldsV1).includes('"f:replicas"'));
    assert.equal(entry(bob.object, "bob")?.time, undefined, "a no-op apply sets no time (upstream)");
  });

  it("reports a conflict with another applier in upstream's words", () => {
    const alice = stored(applyDeployment(undefined, nginxConfig(), { manager: "alice" }).object);
    const error = conflict(() => applyDeployment(alice, nginxConfig({ replicas: 5 }), { manager: "bob", time: T1 }));
    assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    assert.deepEqual(error.conflicts, [{ manager: "alice", operation: "Apply", field: ".spec.replicas", message: 'conflict with "alice"' }]);
    assert.deepEqual(error.toStatus(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas',
      reason: "Conflict",
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "alice"', field: ".spec.replicas" }] },
      code: 409,
    });
  });

  it("reports a conflict with client-side apply's Update entry, naming its apiVersion", () => {
    // `kubectl apply` (client side) creates the object as an Update by kubectl-client-side-apply.
    const created = stored(nginxConfig()) as JsonObject;
    (created.metadata as JsonObject).managedFields = updateManagedFields(undefined, undefined, created, { manager: "kubectl-client-side-apply", apiVersion: "apps/v1", time: T0 }, deploymentSchema) as never;
    const error = conflict(() => applyDeployment(created, nginxConfig({ replicas: 5 }), { manager: "argocd", time: T1 }));
    assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it("lists several conflicts per manager, managers sorted", () => {
    const alice = stored(applyDeployment(undefined, nginxConfig(), { manager: "alice" }).object);
    const paused = structuredClone(alice);
    (paused.spec as JsonObject).paused = true;
    (paused.metadata as JsonObject).managedFields = updateManagedFields(
      (alice.metadata as JsonObject).managedFields as ManagedFieldsEntry[],
      alice,
      paused,
      { manager: "bob", apiVersion: "apps/v1", time: T1 },
      deploymentSchema,
    ) as never;
    const config = edit(nginxConfig({ replicas: 5, image: "nginx:1.27" }), "spec.paused", false);
    const error = conflict(() => applyDeployment(paused, config, { manager: "carol", time: T2 }));
    assert.equal(
      error.message,
      "Apply failed with 3 conflicts: " +
        'conflicts with "alice":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image\n' +
        'conflicts with "bob" using apps/v1:\n- .spec.paused',
    );
    assert.deepEqual(
      error.conflicts.map((c) => [c.manager, c.field]),
      [
        ["alice", ".spec.replicas"],
        ["alice", '.spec.template.spec.containers[name="nginx"].image'],
        ["bob", ".spec.paused"],
      ],
    );
  });

  it("takes conflicting fields over with force", () => {
    const alice = stored(applyDeployment(undefined, nginxConfig(), { manager: "alice" }).object);
    const bob = applyDeployment(alice, nginxConfig({ replicas: 5 }), { manager: "bob", force: true, time: T1 });
    assert.equal((bob.object.spec as JsonObject).replicas, 5);
    assert.ok(!JSON.stringify(entry(bob.object, "alice")?.fieldsV1).includes('"f:replicas"'));
    assert.ok(JSON.stringify(entry(bob.object, "bob")?.fieldsV1).includes('"f:replicas"'));
    assert.equal(entry(bob.object, "bob")?.time, T1);
    assert.equal(entry(bob.object, "alice")?.time, T0, "the loser's time stays");
  });
});

describe("apply: removing fields by omission", () => {
  const withTier = () => {
    return edit(nginxConfig(), "metadata.labels.tier", "web");
  };

  it("removes a field the applier applied before and omits now", () => {
    const first = stored(applyDeployment(undefined, withTier(), { manager: "alice" }).object);
    const second = applyDeployment(first, nginxConfig(), { manager: "alice", time: T1 });
    assert.deepEqual((second.object.metadata as JsonObject).labels, { app: "nginx" });
    const noReplicas = edit(nginxConfig(), "spec.replicas", undefined);
    const third = applyDeployment(stored(second.object), noReplicas, { manager: "alice", time: T2 });
    assert.ok(!("replicas" in (third.object.spec as JsonObject)));
    assert.ok(!JSON.stringify(entry(third.object, "alice")?.fieldsV1).includes("replicas"));
  });

  it("only disowns a field another manager also owns", () => {
    const alice = stored(applyDeployment(undefined, withTier(), { manager: "alice" }).object);
    const shared = stored(applyDeployment(alice, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx", labels: { tier: "web" } } }, { manager: "bob", time: T1 }).object);
    const result = applyDeployment(shared, nginxConfig(), { manager: "alice", time: T2 });
    assert.deepEqual((result.object.metadata as JsonObject).labels, { app: "nginx", tier: "web" });
    assert.ok(!JSON.stringify(entry(result.object, "alice")?.fieldsV1).includes("tier"));
    assert.deepEqual(entry(result.object, "bob")?.fieldsV1, { "f:metadata": { "f:labels": { "f:tier": {} } } });
  });

  it("removes a container it no longer applies, keeping others' containers", () => {
    const two = nginxConfig();
    get<object[]>(two, "spec.template.spec.containers").push({ name: "log", image: "fluent-bit:3" });
    const alice = stored(applyDeployment(undefined, two, { manager: "alice" }).object);
    const sidecar = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nginx" },
      spec: { template: { spec: { containers: [{ name: "mesh", image: "envoy:1.30" }] } } },
    };
    const both = stored(applyDeployment(alice, sidecar, { manager: "injector", time: T1 }).object);
    const names = (o: JsonObject) => get<Container[]>(o, "spec.template.spec.containers").map((c) => c.name);
    assert.deepEqual(names(both), ["nginx", "log", "mesh"]);
    const result = applyDeployment(both, nginxConfig(), { manager: "alice", time: T2 });
    assert.deepEqual(names(result.object), ["nginx", "mesh"]);
    // Defaults the server filled in stay with the container that keeps existing.
    assert.equal(get<Container[]>(result.object, "spec.template.spec.containers")[0].imagePullPolicy, "IfNotPresent");
  });
});

describe("apply: kubectl apply --server-side, kubectl scale, re-apply", () => {
  function scaled() {
    const applied = stored(applyDeployment(undefined, nginxConfig(), { manager: "kubectl" }).object);
    const next = structuredClone(applied);
    (next.spec as JsonObject).replicas = 10;
    (next.metadata as JsonObject).managedFields = updateManagedFields(
      (applied.metadata as JsonObject).managedFields as ManagedFieldsEntry[],
      applied,
      next,
      { manager: "kubectl", apiVersion: "apps/v1", subresource: "scale", time: T1 },
      deploymentSchema,
    ) as never;
    return next;
  }

  it("moves .spec.replicas to the scale writer", () => {
    const object = scaled();
    assert.deepEqual(owners(object), ["kubectl/Apply", "kubectl/Update/scale"]);
    const [applied, scale] = get<ManagedFieldsEntry[]>(object, "metadata.managedFields");
    assert.deepEqual(scale.fieldsV1, { "f:spec": { "f:replicas": {} } });
    assert.ok(!JSON.stringify(applied.fieldsV1).includes("replicas"));
  });

  it("conflicts on .spec.replicas when the manifest still says 3", () => {
    const error = conflict(() => applyDeployment(scaled(), nginxConfig(), { manager: "kubectl", time: T2 }));
    assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    assert.deepEqual(error.conflicts[0], {
      manager: "kubectl",
      operation: "Update",
      apiVersion: "apps/v1",
      subresource: "scale",
      field: ".spec.replicas",
      message: 'conflict with "kubectl" with subresource "scale" using apps/v1',
    });
  });

  it("leaves replicas to the scaler when the manifest drops them, or takes them back with force", () => {
    const noReplicas = edit(nginxConfig(), "spec.replicas", undefined);
    const handedOver = applyDeployment(scaled(), noReplicas, { manager: "kubectl", time: T2 });
    assert.equal((handedOver.object.spec as JsonObject).replicas, 10);
    assert.deepEqual(owners(handedOver.object), ["kubectl/Apply", "kubectl/Update/scale"]);
    const forced = applyDeployment(scaled(), nginxConfig(), { manager: "kubectl", force: true, time: T2 });
    assert.equal((forced.object.spec as JsonObject).replicas, 3);
    assert.deepEqual(owners(forced.object), ["kubectl/Apply"]);
  });
});

describe("apply: ConfigMaps, upgrades and checks", () => {
  const cm = (data: Record<string, string>, extra: JsonObject = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default", ...extra }, data });
  const applyCM = (live: JsonObject | undefined, config: object, manager: string, options: Partial<ApplyOptions> = {}) =>
    apply(
      live ? deepFreeze(live) : undefined,
      deepFreeze(config),
      { manager, apiVersion: "v1", time: T0, ...options },
      (live?.metadata as JsonObject | undefined)?.managedFields as ManagedFieldsEntry[] | undefined,
      configMapSchema,
    );

  it("merges data key by key and re-applying the same configuration changes nothing", () => {
    const a = applyCM(undefined, cm({ a: "1" }), "alice").object;
    const b = applyCM(a, cm({ b: "2" }), "bob", { time: T1 }).object;
    assert.deepEqual(b.data, { a: "1", b: "2" });
    const again = applyCM(b, cm({ b: "2" }), "bob", { time: T2 });
    assert.ok(!again.changed);
    assert.equal(entry(again.object, "bob")?.time, T1);
  });

  it("attributes an object without managedFields to before-first-apply", () => {
    const legacy = { ...cm({ a: "1" }), metadata: { name: "settings", namespace: "default", uid: "x" } };
    const error = conflict(() => applyCM(legacy, cm({ a: "2" }), "alice"));
    assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.a');
    const shared = applyCM(legacy, cm({ a: "1" }), "alice").object;
    assert.deepEqual(owners(shared), ["alice/Apply", "before-first-apply/Update"]);
  });

  it("lets kubectl take over client-side-applied fields and keeps the last-applied annotation current", () => {
    const lastApplied = JSON.stringify(cm({ a: "1" }));
    const live = cm({ a: "1" }, { annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } }) as JsonObject;
    (live.metadata as JsonObject).managedFields = updateManagedFields(undefined, undefined, live, { manager: "kubectl-client-side-apply", apiVersion: "v1", time: T0 }, configMapSchema) as never;
    // Another manager conflicts; kubectl itself upgrades without a conflict.
    assert.throws(() => applyCM(live, cm({ a: "2" }), "other"), ApplyConflictError);
    const upgraded = applyCM(live, cm({ a: "2" }), "kubectl", { time: T1 });
    assert.deepEqual(upgraded.object.data, { a: "2" });
    const annotation = ((upgraded.object.metadata as JsonObject).annotations as JsonObject)[LAST_APPLIED_ANNOTATION];
    assert.equal(annotation, '{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"}}\n');
    // A field changed since the last client-side apply still conflicts.
    const drifted = structuredClone(live);
    (drifted.data as JsonObject).a = "manual";
    assert.throws(() => applyCM(drifted, cm({ a: "2" }), "kubectl"), /conflict with "kubectl-client-side-apply" using v1: \.data\.a/);
  });

  it("does not own the fields the write path resets", () => {
    const config = { ...nginxConfig(), status: { replicas: 3 } };
    const result = apply(undefined, config, { manager: "alice", apiVersion: "apps/v1", time: T0, resetFields: resetFieldsFor("deployments.apps") }, undefined, deploymentSchema);
    assert.ok(!JSON.stringify(result.managedFields).includes("status"));
  });

  it("rejects configurations upstream rejects, with its messages", () => {
    const rejects = (fn: () => unknown, message: string) =>
      assert.throws(fn, (e: unknown) => e instanceof ApplyError && e.message === message && e.toStatus().code === 400);
    rejects(() => applyCM(undefined, { ...cm({}), apiVersion: "v2" }, "a"), "Incorrect version specified in apply patch. Specified patch version: v2, expected: v1");
    rejects(() => applyCM(undefined, cm({}), "a", { kind: "Secret" }), "invalid object type: /v1, Kind=ConfigMap");
    rejects(() => applyCM(undefined, cm({}, { managedFields: [] }), "a"), "metadata.managedFields must be nil");
    const nameless = nginxConfig();
    delete (get<Container[]>(nameless, "spec.template.spec.containers")[0] as Partial<Container>).name;
    rejects(
      () => applyDeployment(undefined, nameless, { manager: "a" }),
      "failed to create typed patch object (default/nginx; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: " +
        'associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });
});
