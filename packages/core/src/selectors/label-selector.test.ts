import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SelectorParseError } from "./errors.js";
import { labelSelectorFromObject, labelSelectorFromSet, newLabelRequirement, nothingSelector } from "./label-selector.js";

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SelectorParseError);
    return e.message;
  }
  assert.fail("expected an error");
}

describe("labelSelectorFromObject", () => {
  it("maps nil to nothing and empty to everything", () => {
    for (const nil of [null, undefined]) {
      const s = labelSelectorFromObject(nil);
      assert.equal(s.matchesNothing(), true);
      assert.equal(s.isEmpty(), false);
      assert.equal(s.matches({}), false);
      assert.equal(s.matches({ app: "x" }), false);
    }
    for (const empty of [{}, { matchLabels: {} }, { matchLabels: null, matchExpressions: [] }]) {
      const s = labelSelectorFromObject(empty);
      assert.equal(s.isEmpty(), true);
      assert.equal(s.matches({}), true);
      assert.equal(s.matches(undefined), true);
    }
  });

  it("combines matchLabels and matchExpressions", () => {
    const s = labelSelectorFromObject({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "NotIn", values: ["db"] },
        { key: "env", operator: "In", values: ["prod", "staging"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "team", operator: "Exists", values: [] },
      ],
    });
    assert.equal(s.toString(), "app=web,!canary,env in (prod,staging),team,tier notin (db)");
    assert.equal(s.matches({ app: "web", env: "prod", team: "a" }), true);
    assert.equal(s.matches({ app: "web", env: "prod", team: "a", tier: "db" }), false);
    assert.equal(s.matches({ app: "web", env: "dev", team: "a" }), false);
    assert.equal(s.matches({ app: "web", env: "prod" }), false);
    assert.equal(s.matches({ app: "web", env: "prod", team: "a", canary: "1" }), false);
  });

  it("rejects unknown operators with upstream's message", () => {
    assert.equal(
      errorOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "Seriously" }] })),
      '"Seriously" is not a valid label selector operator',
    );
  });

  it("rejects value counts as upstream's NewRequirement", () => {
    assert.equal(
      errorOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "name", operator: "In", values: [] }] })),
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    assert.equal(
      errorOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "name", operator: "Exists", values: ["a"] }] })),
      'values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist',
    );
  });

  it("aggregates several problems in brackets", () => {
    const msg = errorOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "-bad", operator: "In", values: [] }] }));
    assert.match(msg, /^\[key: Invalid value: "-bad": name part must consist of .*, values: Invalid value: \[\]string\(nil\): .*\]$/);
  });
});

describe("labelSelectorFromSet", () => {
  it("requires every label and treats empty as everything", () => {
    const s = labelSelectorFromSet({ app: "web", tier: "fe" });
    assert.equal(s.toString(), "app=web,tier=fe");
    assert.equal(s.matches({ app: "web", tier: "fe", x: "y" }), true);
    assert.equal(s.matches({ app: "web" }), false);
    assert.equal(labelSelectorFromSet({}).matches({}), true);
    assert.equal(labelSelectorFromSet(undefined).isEmpty(), true);
  });
});

describe("newLabelRequirement", () => {
  it("validates like upstream's NewRequirement", () => {
    assert.deepEqual(newLabelRequirement("a", "in", ["x"]), { key: "a", operator: "in", values: ["x"] });
    assert.equal(
      errorOf(() => newLabelRequirement("a", "=", ["x", "y"])),
      'values: Invalid value: []string{"x", "y"}: exact-match compatibility requires one single value',
    );
    assert.equal(
      errorOf(() => newLabelRequirement("a", "gt", [])),
      "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required",
    );
  });

  it("keeps the nothing selector inert", () => {
    const n = nothingSelector();
    assert.equal(n.toString(), "");
    assert.equal(n.requiresExactMatch("a"), undefined);
  });
});
