/** Tests of {@link updateManagedFields}: ownership after create, update and patch. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject } from "../patch/json.js";
import { deepFreeze } from "../patch/test-helpers.js";
import { updateManagedFields } from "./field-manager.js";
import { type ManagedFieldsEntry, ManagedFieldsError, managedFieldsForWrite } from "./managers.js";
import { resetFieldsFor } from "./reset-fields.js";
import { configMapSchema, deploymentSchema, widgetSchema } from "./test-fixtures.js";

const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T10:05:00Z";

function configMap(data: Record<string, string>, labels?: Record<string, string>): JsonObject {
  return deepFreeze({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings", namespace: "default", uid: "1234", resourceVersion: "7", ...(labels ? { labels } : {}) },
    data,
  });
}

const fields = (entries: ManagedFieldsEntry[]) => entries.map((e) => [e.manager, e.operation, JSON.stringify(e.fieldsV1)]);

describe("updateManagedFields", () => {
  it("on create, gives the creator every field, with '.' on the maps it created", () => {
    const created = updateManagedFields(undefined, undefined, configMap({ a: "1" }, { app: "web" }), { manager: "kubectl-create", apiVersion: "v1", time: T0 }, configMapSchema);
    assert.deepEqual(created, [
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      },
    ]);
  });

  it("never records apiVersion, kind or metadata's system fields", () => {
    const created = updateManagedFields(undefined, undefined, configMap({}), { manager: "m", apiVersion: "v1", time: T0 }, configMapSchema);
    assert.deepEqual(fields(created), [["m", "Update", '{"f:data":{}}']]);
  });

  it("gives the writer what it changed and takes it from others; empty entries disappear", () => {
    const v1 = configMap({ a: "1", b: "2" });
    const created = updateManagedFields([], undefined, v1, { manager: "creator", apiVersion: "v1", time: T0 }, configMapSchema);
    const v2 = configMap({ a: "1", b: "3", c: "4" });
    const updated = updateManagedFields(created, v1, v2, { manager: "editor", apiVersion: "v1", time: T1 }, configMapSchema);
    assert.deepEqual(fields(updated), [
      ["creator", "Update", '{"f:data":{".":{},"f:a":{}}}'],
      ["editor", "Update", '{"f:data":{"f:b":{},"f:c":{}}}'],
    ]);
    assert.equal(updated[1].time, T1);
    // Removing what the creator owned: it keeps only the map itself.
    const v3 = configMap({ b: "3", c: "4" });
    const again = updateManagedFields(updated, v2, v3, { manager: "editor", apiVersion: "v1", time: T1 }, configMapSchema);
    assert.deepEqual(fields(again), [
      ["creator", "Update", '{"f:data":{}}'],
      ["editor", "Update", '{"f:data":{"f:b":{},"f:c":{}}}'],
    ]);
    // Taking every field of an entry drops the entry.
    const taken = updateManagedFields(updated, v2, configMap({ a: "1", b: "5", c: "6" }), { manager: "cleaner", apiVersion: "v1", time: T1 }, configMapSchema);
    assert.deepEqual(fields(taken), [
      ["creator", "Update", '{"f:data":{".":{},"f:a":{}}}'],
      ["cleaner", "Update", '{"f:data":{"f:b":{},"f:c":{}}}'],
    ]);
  });

  it("keeps the writer's earlier fields and moves its time only when something changed", () => {
    const v1 = configMap({ a: "1" });
    const created = updateManagedFields(undefined, undefined, v1, { manager: "m", apiVersion: "v1", time: T0 }, configMapSchema);
    const v2 = configMap({ a: "1", b: "2" });
    const updated = updateManagedFields(created, v1, v2, { manager: "m", apiVersion: "v1", time: T1 }, configMapSchema);
    assert.deepEqual(fields(updated), [["m", "Update", '{"f:data":{".":{},"f:a":{},"f:b":{}}}']]);
    assert.equal(updated[0].time, T1);
    const noop = updateManagedFields(updated, v2, configMap({ a: "1", b: "2" }), { manager: "m", apiVersion: "v1", time: "2030-01-01T00:00:00Z" }, configMapSchema);
    assert.deepEqual(noop, updated);
    assert.equal(noop[0].fieldsV1, updated[0].fieldsV1, "an unchanged entry keeps its stored fieldsV1");
  });

  it("keys entries by manager, operation, apiVersion and subresource, sorted as upstream", () => {
    const v1 = configMap({ a: "1" });
    let mf = updateManagedFields(undefined, undefined, v1, { manager: "m", apiVersion: "v1", time: T1 }, configMapSchema);
    const v2 = configMap({ a: "1", b: "2" });
    mf = updateManagedFields(mf, v1, v2, { manager: "m", apiVersion: "v1", subresource: "status", time: T0 }, configMapSchema);
    const v3 = configMap({ a: "1", b: "2", c: "3" });
    mf = updateManagedFields(mf, v2, v3, { manager: "m", apiVersion: "v2", time: T0 }, configMapSchema);
    assert.deepEqual(
      mf.map((e) => [e.manager, e.apiVersion, e.subresource, e.time]),
      [
        ["m", "v1", "status", T0],
        ["m", "v2", undefined, T0],
        ["m", "v1", undefined, T1],
      ],
    );
    assert.equal(Object.keys(mf[0]).join(), "manager,operation,apiVersion,time,fieldsType,fieldsV1,subresource");
  });

  it("names a writer without a manager 'unknown' and stores whole seconds", () => {
    const mf = updateManagedFields(undefined, undefined, configMap({ a: "1" }), { manager: "", apiVersion: "v1", time: new Date("2024-05-01T10:00:00.789Z") }, configMapSchema);
    assert.equal(mf[0].manager, "unknown");
    assert.equal(mf[0].time, T0);
  });

  it("ignores the fields the write path resets: status on the resource, spec on /status", () => {
    const before = deepFreeze({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 1 }, status: { replicas: 1 } });
    const after = deepFreeze({ ...before, spec: { replicas: 2 }, status: { replicas: 2 } });
    const main = updateManagedFields(undefined, before, after, { manager: "m", apiVersion: "apps/v1", resetFields: resetFieldsFor("deployments.apps"), time: T0 }, deploymentSchema);
    assert.deepEqual(fields(main), [["m", "Update", '{"f:spec":{"f:replicas":{}}}']]);
    const status = updateManagedFields(
      undefined,
      before,
      after,
      { manager: "kube-controller-manager", apiVersion: "apps/v1", subresource: "status", resetFields: resetFieldsFor("deployments.apps", "status"), time: T0 },
      deploymentSchema,
    );
    assert.deepEqual(fields(status), [["kube-controller-manager", "Update", '{"f:status":{"f:replicas":{}}}']]);
    assert.equal(status[0].subresource, "status");
  });

  it("tracks items of map lists and sets, and a custom resource without a schema", () => {
    const before = deepFreeze({ spec: { routes: [{ host: "a", port: 80, backend: "x" }], tags: ["t1"] } });
    const after = deepFreeze({ spec: { routes: [{ host: "a", port: 80, backend: "y" }, { host: "b", port: 81 }], tags: ["t1", "t2"] } });
    const mf = updateManagedFields(undefined, before, after, { manager: "m", apiVersion: "example.com/v1", time: T0 }, widgetSchema);
    assert.deepEqual(mf[0].fieldsV1, {
      "f:spec": {
        "f:routes": {
          'k:{"host":"a","port":80}': { "f:backend": {} },
          'k:{"host":"b","port":81}': { ".": {}, "f:host": {}, "f:port": {} },
        },
        "f:tags": { 'v:"t2"': {} },
      },
    });
    const untyped = updateManagedFields(undefined, undefined, { spec: { x: { y: [1] } } }, { manager: "m", apiVersion: "example.com/v1", time: T0 }, undefined);
    assert.deepEqual(untyped[0].fieldsV1, { "f:spec": { ".": {}, "f:x": { ".": {}, "f:y": {} } } });
  });

  it("caps Update entries at ten, merging the oldest into ancient-changes", () => {
    let mf: ManagedFieldsEntry[] = [];
    let previous = configMap({});
    for (let i = 0; i < 12; i++) {
      const next = configMap({ ...(previous.data as Record<string, string>), [`k${i}`]: "v" });
      mf = updateManagedFields(mf, previous, next, { manager: `m${i}`, apiVersion: "v1", time: new Date(Date.UTC(2024, 0, 1, 0, i)) }, configMapSchema);
      previous = next;
    }
    assert.equal(mf.length, 10);
    const ancient = mf.find((e) => e.manager === "ancient-changes");
    assert.ok(ancient, "a bucket entry exists");
    assert.deepEqual(Object.keys((ancient.fieldsV1 as JsonObject)["f:data"] as JsonObject).sort(), ["f:k0", "f:k1", "f:k2"]);
    assert.equal(ancient.time, "2024-01-01T00:02:00Z");
    assert.ok(!mf.some((e) => ["m0", "m1", "m2"].includes(e.manager ?? "")));
  });

  it("rejects managedFields upstream cannot decode", () => {
    const bad = (entry: object) => () => updateManagedFields([entry as ManagedFieldsEntry], undefined, configMap({}), { manager: "m", apiVersion: "v1" }, configMapSchema);
    assert.throws(bad({ manager: "x", operation: "Delete", apiVersion: "v1", fieldsType: "FieldsV1" }), /operation must be `Apply` or `Update`/);
    assert.throws(bad({ manager: "x", operation: "Update", fieldsType: "FieldsV1" }), /apiVersion must not be empty/);
    assert.throws(bad({ manager: "x", operation: "Update", apiVersion: "v1" }), /missing fieldsType in managed fields entry 0/);
    assert.throws(bad({ manager: "x", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV2" }), /invalid fieldsType "FieldsV2"/);
    assert.throws(bad({ manager: "x", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { bad: {} } }), ManagedFieldsError);
  });
});

describe("managedFieldsForWrite", () => {
  const entry: ManagedFieldsEntry = { manager: "a", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "f:data": {} } };
  const mine: ManagedFieldsEntry = { manager: "b", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "f:data": {} } };
  const live = { metadata: { managedFields: [entry] } };

  it("takes the request's entries, else the live ones; a reset clears them", () => {
    assert.deepEqual(managedFieldsForWrite(live, { metadata: { managedFields: [mine] } }), [mine]);
    assert.deepEqual(managedFieldsForWrite(live, { metadata: {} }), [entry]);
    assert.deepEqual(managedFieldsForWrite(live, { metadata: { managedFields: [{ manager: "x" }] } }), [entry], "undecodable: the live ones");
    assert.deepEqual(managedFieldsForWrite(live, { metadata: { managedFields: [] } }), []);
    assert.deepEqual(managedFieldsForWrite(live, { metadata: { managedFields: [{}] } }), []);
  });

  it("ignores the request's entries on a subresource", () => {
    assert.deepEqual(managedFieldsForWrite(live, { metadata: { managedFields: [] } }, { subresource: "status" }), [entry]);
  });
});
