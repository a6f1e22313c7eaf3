/**
 * Server-side apply on a custom resource whose schema uses every list type:
 * a map list with two keys (one defaulted), a set and an atomic list, plus
 * preserved unknown fields.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject } from "../patch/json.js";
import { deepFreeze } from "../patch/test-helpers.js";
import { ApplyConflictError } from "./errors.js";
import { apply } from "./field-manager.js";
import type { ManagedFieldsEntry } from "./managers.js";
import { widgetSchema } from "./test-fixtures.js";

const T0 = "2024-05-01T10:00:00Z";

function widget(spec: JsonObject): JsonObject {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default" }, spec };
}

function applyWidget(live: JsonObject | undefined, spec: JsonObject, manager: string, force = false) {
  const managed = (live?.metadata as JsonObject | undefined)?.managedFields as ManagedFieldsEntry[] | undefined;
  return apply(live ? deepFreeze(live) : undefined, deepFreeze(widget(spec)), { manager, apiVersion: "example.com/v1", force, time: T0 }, managed, widgetSchema).object;
}

const spec = (object: JsonObject) => object.spec as JsonObject;
const fieldsOf = (object: JsonObject, manager: string) =>
  ((object.metadata as JsonObject).managedFields as ManagedFieldsEntry[]).find((e) => e.manager === manager)?.fieldsV1;

describe("apply: a custom resource's list types", () => {
  it("merges a two-key map list item by item, filling a defaulted key from the schema", () => {
    const a = applyWidget(undefined, { routes: [{ host: "a.example", port: 8080, backend: "v1" }, { host: "a.example", backend: "web" }] }, "alice");
    const b = applyWidget(a, { routes: [{ host: "b.example", port: 443, backend: "api" }, { host: "a.example", weight: 10 }] }, "bob");
    assert.deepEqual(spec(b).routes, [
      { host: "a.example", port: 8080, backend: "v1" },
      { host: "b.example", port: 443, backend: "api" },
      { host: "a.example", backend: "web", weight: 10 },
    ]);
    assert.deepEqual(fieldsOf(b, "bob"), {
      "f:spec": {
        "f:routes": {
          'k:{"host":"a.example","port":80}': { ".": {}, "f:host": {}, "f:weight": {} },
          'k:{"host":"b.example","port":443}': { ".": {}, "f:backend": {}, "f:host": {}, "f:port": {} },
        },
      },
    });
    // The item is shared: alice omitting it removes only what she alone owned.
    const c = applyWidget(b, { routes: [{ host: "a.example", port: 8080, backend: "v1" }] }, "alice");
    assert.deepEqual(spec(c).routes, [
      { host: "a.example", port: 8080, backend: "v1" },
      { host: "b.example", port: 443, backend: "api" },
      { host: "a.example", weight: 10 },
    ]);
  });

  it("conflicts on a map-list field with the item's keys in the path", () => {
    const a = applyWidget(undefined, { routes: [{ host: "a.example", port: 8080, backend: "v1" }] }, "alice");
    assert.throws(
      () => applyWidget(a, { routes: [{ host: "a.example", port: 8080, backend: "v2" }] }, "bob"),
      (e: unknown) => e instanceof ApplyConflictError && e.message === 'Apply failed with 1 conflict: conflict with "alice": .spec.routes[host="a.example",port=8080].backend',
    );
  });

  it("merges a set by value; an applier's omitted values leave, others' stay", () => {
    const a = applyWidget(undefined, { tags: ["blue", "green"] }, "alice");
    const b = applyWidget(a, { tags: ["red", "blue"] }, "bob");
    assert.deepEqual(spec(b).tags, ["red", "blue", "green"]);
    assert.deepEqual(fieldsOf(b, "bob"), { "f:spec": { "f:tags": { 'v:"blue"': {}, 'v:"red"': {} } } });
    const c = applyWidget(b, { tags: [] }, "alice");
    assert.deepEqual(spec(c).tags, ["red", "blue"]);
  });

  it("replaces an atomic list whole, and conflicts on it as one field", () => {
    const a = applyWidget(undefined, { command: ["serve", "--port=80"] }, "alice");
    assert.throws(() => applyWidget(a, { command: ["serve"] }, "bob"), /conflict with "alice": \.spec\.command$/);
    const b = applyWidget(a, { command: ["serve"] }, "bob", true);
    assert.deepEqual(spec(b).command, ["serve"]);
    assert.equal(fieldsOf(b, "alice"), undefined, "alice's only field was taken: her entry is gone");
    // An equal atomic value is shared.
    const c = applyWidget(b, { command: ["serve"] }, "carol");
    assert.deepEqual(fieldsOf(c, "carol"), { "f:spec": { "f:command": {} } });
  });

  it("merges preserved unknown fields as maps, their lists atomic", () => {
    const a = applyWidget(undefined, { extra: { a: { b: 1, list: [1] } } }, "alice");
    const b = applyWidget(a, { extra: { a: { c: 2, list: [1] } } }, "bob");
    assert.deepEqual(spec(b).extra, { a: { b: 1, list: [1], c: 2 } });
    assert.deepEqual(fieldsOf(b, "bob"), { "f:spec": { "f:extra": { "f:a": { ".": {}, "f:c": {}, "f:list": {} } } } });
  });
});
