/** Tests of the schema lookups and the list ordering behind strategic merge patch. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import { identityBy, orderMergedList } from "./smp-order.js";
import { itemSchema, memberSchema, patchStrategy } from "./smp-schema.js";

describe("smp-schema", () => {
  const strategy: StructuralSchema = { type: "object", properties: { type: { type: "string" } } };
  const wrapped: StructuralSchema = { allOf: [strategy], description: "d", "x-kubernetes-patch-strategy": "retainKeys" };
  const env: StructuralSchema = { type: "object", properties: { name: { type: "string" } } };
  const listNode: StructuralSchema = {
    allOf: [{ type: "array", items: env }],
    "x-kubernetes-patch-strategy": "merge",
    "x-kubernetes-patch-merge-key": "name",
  };
  const root: StructuralSchema = {
    type: "object",
    properties: { strategy: wrapped, env: listNode, labels: { type: "object", additionalProperties: { type: "string" } }, free: { type: "object", additionalProperties: true } },
  };

  it("finds members through properties, allOf and additionalProperties", () => {
    assert.equal(memberSchema(root, "strategy"), wrapped);
    assert.equal(memberSchema(wrapped, "type"), strategy.properties?.type);
    assert.deepEqual(memberSchema(memberSchema(root, "labels"), "any-key"), { type: "string" });
    assert.equal(memberSchema(memberSchema(root, "free"), "x"), undefined);
    assert.equal(memberSchema(root, "missing"), undefined);
    assert.equal(memberSchema(undefined, "x"), undefined);
    // Inherited names are not members.
    assert.equal(memberSchema(root, "constructor"), undefined);
  });

  it("finds list items and the patch strategy through allOf", () => {
    assert.equal(itemSchema(listNode), env);
    assert.deepEqual(patchStrategy(listNode), { merge: true, replace: false, mergeKey: "name" });
    assert.deepEqual(patchStrategy(wrapped), { merge: false, replace: false, mergeKey: undefined });
    assert.deepEqual(patchStrategy({ "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "name" }), {
      merge: true,
      replace: false,
      mergeKey: "name",
    });
    assert.deepEqual(patchStrategy({ "x-kubernetes-patch-strategy": "replace" }).replace, true);
    assert.deepEqual(patchStrategy(undefined), { merge: false, replace: false, mergeKey: undefined });
  });

  it("does not loop on a cycle of allOf", () => {
    const a: StructuralSchema = {};
    const b: StructuralSchema = { allOf: [a] };
    a.allOf = [b];
    assert.equal(memberSchema(a, "x"), undefined);
  });
});

describe("smp-order", () => {
  const byName = identityBy("name");
  const named = (...names: string[]) => names.map((name) => ({ name }));
  const order = (merged: string[], patch: string[], server: string[]) =>
    orderMergedList(named(...merged), named(...patch), named(...server), byName).map((item) => (item as { name: string }).name);

  it("keeps the patch order for patch items and the live order for the rest", () => {
    assert.deepEqual(order(["a", "b", "c"], ["c", "a"], ["a", "b", "c"]), ["b", "c", "a"]);
    assert.deepEqual(order(["a", "b", "c"], ["a", "b", "c"], ["c", "b", "a"]), ["a", "b", "c"]);
  });

  it("puts a new item right after the patch item before it", () => {
    assert.deepEqual(order(["a", "b", "c", "n"], ["b", "n"], ["a", "b", "c"]), ["a", "b", "n", "c"]);
    assert.deepEqual(order(["a", "b", "n"], ["n"], ["a", "b"]), ["n", "a", "b"]);
  });

  it("identifies primitives by value and objects by merge key", () => {
    assert.deepEqual(orderMergedList([1, 2, 3], [3, 1], [1, 2, 3], identityBy(undefined)), [2, 3, 1]);
    assert.deepEqual(identityBy("port")({ port: 80, name: "http" }), 80);
    assert.equal(identityBy("port")({ name: "http" }), undefined);
  });
});
