/** Tests of {@link applyMergePatch}: the RFC 7386 cases and copy semantics. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyMergePatch } from "./merge-patch.js";
import { deepFreeze } from "./test-helpers.js";

describe("applyMergePatch", () => {
  // The cases of RFC 7386 section 3 / appendix A, as target → patch → result.
  const rfcCases: Array<[unknown, unknown, unknown]> = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, result] of rfcCases) {
    it(`${JSON.stringify(target)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(applyMergePatch(deepFreeze(target), deepFreeze(patch)), result);
    });
  }

  it("merges a kubectl --type=merge patch into a Deployment", () => {
    const deployment = deepFreeze({
      metadata: { name: "web", labels: { app: "web", stale: "yes" } },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: "app", image: "nginx:1.25" }, { name: "sidecar", image: "envoy" }] } },
      },
    });
    const result = applyMergePatch(deployment, {
      metadata: { labels: { stale: null, tier: "frontend" } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } },
    });
    // Lists are replaced wholesale: the sidecar is gone.
    assert.deepEqual(result, {
      metadata: { name: "web", labels: { app: "web", tier: "frontend" } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } },
    });
  });

  it("shares no structure with its inputs", () => {
    const target = deepFreeze({ keep: { deep: [1] }, change: { x: 1 } });
    const patch = deepFreeze({ change: { y: { z: [2] } } });
    const result = applyMergePatch(target, patch) as { keep: { deep: number[] }; change: { y: { z: number[] } } };
    assert.notEqual(result.keep, target.keep);
    assert.notEqual(result.change.y, patch.change.y);
    result.keep.deep.push(2);
    assert.deepEqual(target.keep.deep, [1]);
  });

  it("treats keys such as __proto__ and constructor as plain members", () => {
    const result = applyMergePatch({}, JSON.parse('{"__proto__": {"x": 1}, "constructor": {"y": 2}}')) as object;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(JSON.stringify(result), '{"__proto__":{"x":1},"constructor":{"y":2}}');
  });
});
