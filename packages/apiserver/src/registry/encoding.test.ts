/** Tests of the storage encoding: resourceVersion splicing and metadata slicing. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeStored, encodeForStorage, storedMetadataJson, withResourceVersion } from "./encoding.js";

describe("storage encoding", () => {
  const obj = {
    kind: "ConfigMap",
    apiVersion: "v1",
    data: { tricky: '}{"metadata":{' },
    metadata: { name: "a", resourceVersion: "9", annotations: { note: 'brace } and quote \\" and {' } },
  };

  it("stores apiVersion, kind and metadata first, without resourceVersion", () => {
    const stored = encodeForStorage(obj);
    assert.ok(stored.startsWith('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"'));
    assert.ok(!stored.includes('"resourceVersion"'));
  });

  it("splices a resourceVersion in without parsing", () => {
    const stored = encodeForStorage(obj);
    const served = JSON.parse(withResourceVersion(stored, 42));
    assert.equal(served.metadata.resourceVersion, "42");
    assert.deepEqual(served.data, obj.data);
    assert.deepEqual(decodeStored(stored, 42), served);
    assert.equal(JSON.parse(withResourceVersion('{"apiVersion":"v1","kind":"X","metadata":{}}', 3)).metadata.resourceVersion, "3");
  });

  it("slices metadata out past braces and quotes inside strings", () => {
    const stored = encodeForStorage(obj);
    const meta = JSON.parse(storedMetadataJson(stored) ?? "null");
    assert.deepEqual(meta, { name: "a", annotations: obj.metadata.annotations });
    assert.equal(storedMetadataJson('{"no":"metadata"}'), undefined);
  });
});

describe("display decoding", () => {
  it("drops managedFields without touching the rest, and keeps objects without them whole", async () => {
    const { decodeStoredForDisplay } = await import("./encoding.js");
    const obj = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", labels: { x: "y" }, managedFields: [{ manager: "m", fieldsV1: { "f:data": { "f:k": {} } } }] },
      data: { note: ',"managedFields":[ tricky' },
    };
    const stored = encodeForStorage(obj);
    const shown = decodeStoredForDisplay(stored, 7);
    assert.deepEqual(shown.metadata, { name: "a", labels: { x: "y" }, resourceVersion: "7" });
    assert.deepEqual(shown.data, obj.data);
    const plain = encodeForStorage({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" }, data: { note: ',"managedFields":[' } });
    assert.deepEqual(decodeStoredForDisplay(plain, 3), decodeStored(plain, 3));
  });
});

describe("metadata slices", () => {
  it("can leave managedFields out", () => {
    const stored = encodeForStorage({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", managedFields: [{ manager: "m" }], finalizers: ["x"] },
    });
    assert.deepEqual(JSON.parse(storedMetadataJson(stored, { withoutManagedFields: true }) ?? ""), { name: "a", finalizers: ["x"] });
    assert.deepEqual(JSON.parse(storedMetadataJson(stored) ?? "").managedFields, [{ manager: "m" }]);
  });
});
