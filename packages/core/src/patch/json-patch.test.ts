/** Tests of {@link applyJsonPatch}: each operation, pointers, limits and error statuses. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyJsonPatch } from "./json-patch.js";
import { deepFreeze, patchError } from "./test-helpers.js";

function deployment() {
  return deepFreeze({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" }, annotations: { "example.com/owner": "team-a" } },
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            {
              name: "app",
              image: "nginx:1.25",
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
            },
          ],
        },
      },
    },
  });
}

describe("applyJsonPatch: operations", () => {
  it("applies a typical kubectl --type=json patch", () => {
    const original = deployment();
    const result = applyJsonPatch(original, [
      { op: "add", path: "/metadata/labels/tier", value: "frontend" },
      { op: "replace", path: "/spec/replicas", value: 3 },
      { op: "remove", path: "/spec/template/spec/containers/0/env/1" },
      { op: "add", path: "/spec/template/spec/containers/0/env/-", value: { name: "C", value: "3" } },
      { op: "test", path: "/spec/template/spec/containers/0/image", value: "nginx:1.25" },
    ]) as ReturnType<typeof deployment>;
    assert.deepEqual(result.metadata.labels, { app: "web", tier: "frontend" });
    assert.equal(result.spec.replicas, 3);
    assert.deepEqual(result.spec.template.spec.containers[0].env, [
      { name: "A", value: "1" },
      { name: "C", value: "3" },
    ]);
    // The input is untouched and shares nothing with the result.
    assert.equal(original.spec.replicas, 2);
    assert.notEqual(result.metadata, original.metadata);
  });

  it("add sets a new member, overwrites an existing one, and inserts into arrays", () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "add", path: "/b", value: 2 }]), { a: 1, b: 2 });
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "add", path: "/a", value: [1] }]), { a: [1] });
    assert.deepEqual(applyJsonPatch({ a: ["x", "z"] }, [{ op: "add", path: "/a/1", value: "y" }]), { a: ["x", "y", "z"] });
    assert.deepEqual(applyJsonPatch({ a: ["x"] }, [{ op: "add", path: "/a/1", value: "y" }]), { a: ["x", "y"] });
    assert.deepEqual(applyJsonPatch({ a: ["x"] }, [{ op: "add", path: "/a/-", value: "y" }]), { a: ["x", "y"] });
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "add", path: "/n", value: null }]), { a: 1, n: null });
  });

  it("add needs an existing parent and an index within the array", () => {
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "add", path: "/b/c", value: 2 }]), 422, /path \/b\/c does not exist/);
    patchError(() => applyJsonPatch({ a: ["x"] }, [{ op: "add", path: "/a/2", value: "y" }]), 422, /out of range/);
    patchError(() => applyJsonPatch({ a: ["x"] }, [{ op: "add", path: "/a/one", value: "y" }]), 422, /not an array index/);
    patchError(() => applyJsonPatch({ a: "text" }, [{ op: "add", path: "/a/b", value: 1 }]), 422, /does not exist/);
  });

  it("counts negative indices from the end, as upstream does", () => {
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: "remove", path: "/a/-1" }]), { a: [1, 2] });
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: "replace", path: "/a/-3", value: 0 }]), { a: [0, 2, 3] });
    // For add, -1 is the position after the last item.
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: "add", path: "/a/-1", value: 3 }]), { a: [1, 2, 3] });
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: "add", path: "/a/-3", value: 0 }]), { a: [0, 1, 2] });
    patchError(() => applyJsonPatch({ a: [1] }, [{ op: "remove", path: "/a/-2" }]), 422, /out of range/);
  });

  it("remove needs an existing target", () => {
    assert.deepEqual(applyJsonPatch({ a: 1, b: 2 }, [{ op: "remove", path: "/a" }]), { b: 2 });
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: "remove", path: "/a/1" }]), { a: [1, 3] });
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "remove", path: "/b" }]), 422, /path \/b does not exist/);
    patchError(() => applyJsonPatch({ a: [1] }, [{ op: "remove", path: "/a/1" }]), 422, /out of range for an array of 1 items/);
    patchError(() => applyJsonPatch({ a: [1] }, [{ op: "remove", path: "/a/-" }]), 422, /not an array index/);
    // A member is not found through the prototype chain.
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "remove", path: "/constructor" }]), 422, /does not exist/);
  });

  it("replace needs an existing target", () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "replace", path: "/a", value: { b: 2 } }]), { a: { b: 2 } });
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: "replace", path: "/a/0", value: 9 }]), { a: [9, 2] });
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "replace", path: "/b", value: 2 }]), 422, /path \/b does not exist/);
    patchError(() => applyJsonPatch({ a: [1] }, [{ op: "replace", path: "/a/1", value: 2 }]), 422, /out of range/);
  });

  it("move removes the source and adds it at the destination", () => {
    assert.deepEqual(applyJsonPatch({ a: { x: 1 }, b: {} }, [{ op: "move", from: "/a/x", path: "/b/y" }]), { a: {}, b: { y: 1 } });
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: "move", from: "/a/0", path: "/a/-" }]), { a: [2, 3, 1] });
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "move", from: "/a", path: "/a" }]), { a: 1 });
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "move", from: "/b", path: "/c" }]), 422, /path \/b does not exist/);
    patchError(() => applyJsonPatch({ a: { b: 1 } }, [{ op: "move", from: "/a", path: "/a/b/c" }]), 422, /own child/);
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "move", path: "/c" }]), 422, /missing "from"/);
  });

  it("copy adds a deep copy of the source", () => {
    const result = applyJsonPatch({ a: { list: [1] } }, [
      { op: "copy", from: "/a", path: "/b" },
      { op: "add", path: "/b/list/-", value: 2 },
    ]);
    assert.deepEqual(result, { a: { list: [1] }, b: { list: [1, 2] } });
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "copy", from: "/missing", path: "/b" }]), 422, /does not exist/);
  });

  it("copy cannot grow the document past the copy limit", () => {
    // Each copy doubles the array: a few operations would otherwise make it huge.
    const doubling = Array.from({ length: 30 }, () => ({ op: "copy", from: "/a", path: "/a/-" }));
    patchError(() => applyJsonPatch({ a: ["0123456789"] }, doubling), 422, /more than the limit of 3145728/);
    patchError(() => applyJsonPatch({ a: "0123456789" }, [{ op: "copy", from: "/a", path: "/b" }], { maxCopyBytes: 5 }), 422, /limit of 5/);
  });

  it("test compares deeply, ignoring member order", () => {
    const doc = { a: { x: [1, { y: null }], z: "s" } };
    assert.deepEqual(applyJsonPatch(doc, [{ op: "test", path: "/a", value: { z: "s", x: [1, { y: null }] } }]), doc);
    assert.deepEqual(applyJsonPatch({ a: null }, [{ op: "test", path: "/a", value: null }]), { a: null });
    patchError(() => applyJsonPatch(doc, [{ op: "test", path: "/a/z", value: "t" }]), 422, /test failed: the value at \/a\/z is not "t"/);
    patchError(() => applyJsonPatch(doc, [{ op: "test", path: "/a/x", value: [1] }]), 422, /test failed/);
    patchError(() => applyJsonPatch(doc, [{ op: "test", path: "/a", value: { z: "s" } }]), 422, /test failed/);
    // A missing member is not null.
    patchError(() => applyJsonPatch(doc, [{ op: "test", path: "/b", value: null }]), 422, /does not exist/);
  });

  it("a failed test aborts the whole patch", () => {
    const doc = deepFreeze({ metadata: { resourceVersion: "5" }, spec: { replicas: 1 } });
    patchError(
      () =>
        applyJsonPatch(doc, [
          { op: "replace", path: "/spec/replicas", value: 4 },
          { op: "test", path: "/metadata/resourceVersion", value: "4" },
        ]),
      422,
      /operation 1 \(test\)/,
    );
    assert.equal(doc.spec.replicas, 1);
  });
});

describe("applyJsonPatch: pointers", () => {
  it("unescapes ~1 and ~0", () => {
    const doc = { metadata: { annotations: { "example.com/owner": "a", "x~y": "b" } } };
    const result = applyJsonPatch(doc, [
      { op: "replace", path: "/metadata/annotations/example.com~1owner", value: "c" },
      { op: "remove", path: "/metadata/annotations/x~0y" },
      { op: "add", path: "/metadata/annotations/~01", value: "tilde-one" },
    ]);
    assert.deepEqual(result, { metadata: { annotations: { "example.com/owner": "c", "~1": "tilde-one" } } });
  });

  it("addresses the empty key and keys such as __proto__ as plain members", () => {
    assert.deepEqual(applyJsonPatch({}, [{ op: "add", path: "/", value: 1 }]), { "": 1 });
    const result = applyJsonPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(JSON.stringify(result), '{"__proto__":{"polluted":true}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("refuses the whole-document path and paths that are not pointers", () => {
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "replace", path: "", value: {} }]), 422, /whole document/);
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "add", path: "a", value: 1 }]), 422, /must start with "\/"/);
  });

  it("patches a document whose root is an array", () => {
    assert.deepEqual(applyJsonPatch([1, 2], [{ op: "add", path: "/0", value: 0 }]), [0, 1, 2]);
  });
});

describe("applyJsonPatch: malformed patches", () => {
  it("answers 400 for a body that is not an array of objects", () => {
    patchError(() => applyJsonPatch({}, { op: "add" }), 400, /JSON array of operations/);
    patchError(() => applyJsonPatch({}, [{ op: "add", path: "/a", value: 1 }, "remove"]), 400, /operation 1 must be a JSON object/);
  });

  it("answers 422 for operations that cannot be applied", () => {
    patchError(() => applyJsonPatch({}, [{ path: "/a", value: 1 }]), 422, /missing "op"/);
    patchError(() => applyJsonPatch({}, [{ op: "append", path: "/a", value: 1 }]), 422, /unknown operation "append"/);
    patchError(() => applyJsonPatch({}, [{ op: "add", value: 1 }]), 422, /missing "path"/);
    patchError(() => applyJsonPatch({}, [{ op: "add", path: 3, value: 1 }]), 422, /"path" must be a string/);
    patchError(() => applyJsonPatch({}, [{ op: "add", path: "/a" }]), 422, /missing "value"/);
    patchError(() => applyJsonPatch({ a: 1 }, [{ op: "test", path: "/a" }]), 422, /missing "value"/);
  });

  it("answers 413 for more operations than the limit", () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: "test", path: "/a", value: 1 }));
    patchError(() => applyJsonPatch({ a: 1 }, ops), 413, /at most 10000 operations/);
    assert.deepEqual(applyJsonPatch({ a: 1 }, ops.slice(1)), { a: 1 });
    patchError(() => applyJsonPatch({ a: 1 }, ops.slice(0, 3), { maxOperations: 2 }), 413);
  });

  it("names the failing operation in the message", () => {
    const message = patchError(
      () =>
        applyJsonPatch({ spec: {} }, [
          { op: "add", path: "/spec/a", value: 1 },
          { op: "remove", path: "/spec/b" },
        ]),
      422,
    );
    assert.equal(message, "JSON patch operation 1 (remove): path /spec/b does not exist");
  });
});
