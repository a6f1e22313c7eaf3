import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatLabelSelector, formatLabels, humanDuration, rfc3339, selectorString, since } from "./format.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration", () => {
  const cases: Array<[number, string]> = [
    [-2 * s, "<invalid>"],
    [-1999, "0s"],
    [-1 * s, "0s"],
    [-500, "0s"],
    [0, "0s"],
    [999, "0s"],
    [45 * s, "45s"],
    [119 * s + 999, "119s"],
    [2 * m, "2m"],
    [2 * m + 30 * s, "2m30s"],
    [5 * m, "5m"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m, "10m"],
    [10 * m + 30 * s, "10m"],
    [179 * m + 59 * s, "179m"],
    [3 * h, "3h"],
    [3 * h + 30 * m, "3h30m"],
    [7 * h + 59 * m, "7h59m"],
    [8 * h, "8h"],
    [8 * h + 30 * m, "8h"],
    [47 * h + 59 * m, "47h"],
    [48 * h, "2d"],
    [49 * h, "2d1h"],
    [7 * d + 23 * h, "7d23h"],
    [8 * d, "8d"],
    [8 * d + 5 * h, "8d"],
    [729 * d + 23 * h, "729d"],
    [730 * d, "2y"],
    [731 * d, "2y1d"],
    [8 * 365 * d - 1, "7y364d"],
    [8 * 365 * d, "8y"],
    [3700 * d, "10y"],
  ];
  for (const [ms, want] of cases) {
    it(`${ms}ms -> ${want}`, () => assert.equal(humanDuration(ms), want));
  }
});

describe("since / rfc3339", () => {
  const now = new Date("2024-06-01T12:00:00Z");
  it("prints <unknown> for missing and zero times", () => {
    assert.equal(since(undefined, now), "<unknown>");
    assert.equal(since(null, now), "<unknown>");
    assert.equal(since("0001-01-01T00:00:00Z", now), "<unknown>");
    assert.equal(since("not a time", now), "<unknown>");
  });
  it("measures from now, accepting micro-times", () => {
    assert.equal(since("2024-06-01T11:55:00Z", now), "5m");
    assert.equal(since("2024-06-01T11:59:15.123456Z", now), "44s");
    assert.equal(since("2024-06-01T12:00:01Z", now), "0s");
    assert.equal(since("2024-06-01T12:00:05Z", now), "<invalid>");
  });
  it("formats RFC 3339 in UTC with whole seconds", () => {
    assert.equal(rfc3339("2024-06-01T12:00:00Z"), "2024-06-01T12:00:00Z");
    assert.equal(rfc3339("2024-06-01T14:00:00.750+02:00"), "2024-06-01T12:00:00Z");
    assert.equal(rfc3339(undefined), "0001-01-01T00:00:00Z");
  });
});

describe("labels and selectors", () => {
  it("formats label maps sorted, <none> when empty", () => {
    assert.equal(formatLabels({ tier: "web", app: "shop" }), "app=shop,tier=web");
    assert.equal(formatLabels({}), "<none>");
    assert.equal(formatLabels(undefined), "<none>");
  });
  it("formats selectors sorted by key with sorted values", () => {
    const sel = {
      matchLabels: { "app.kubernetes.io/name": "web", app: "shop" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["frontend", "backend"] },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "canary", operator: "Exists" },
        { key: "legacy", operator: "DoesNotExist" },
      ],
    };
    assert.equal(
      formatLabelSelector(sel),
      "app=shop,app.kubernetes.io/name=web,canary,env notin (prod),!legacy,tier in (backend,frontend)",
    );
  });
  it("distinguishes empty, nil and invalid selectors", () => {
    assert.equal(formatLabelSelector({}), "<none>");
    assert.equal(formatLabelSelector(undefined), "<none>");
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: [] }] }), "<error>");
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Bogus" }] }), "<error>");
    assert.equal(formatLabelSelector({ matchLabels: { "bad key!": "x" } }), "<error>");
    assert.equal(selectorString({}), "");
    assert.equal(selectorString(undefined), "");
    assert.equal(selectorString({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }), undefined);
  });
});
