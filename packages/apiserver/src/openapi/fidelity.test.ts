/**
 * Fidelity of the generated definitions against the upstream Kubernetes
 * OpenAPI spec (read here, in the test only — never by the server).
 *
 * For every definition reachable from the served kinds it compares property
 * names, shapes (type / $ref / items / additionalProperties), integer
 * formats, required lists, list extensions and GVKs, prints the agreement
 * and asserts it. Upstream is newer than kubernetes-types 1.30, so fields
 * added since are listed, not failed.
 * @module
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { builtinDefinitions, definitionBuildStats, type JsonSchema, reachableDefinitions } from "./definitions.js";
import { SERVED_KINDS, UPSTREAM_SPEC_PATH } from "./test-fixtures.js";

const specPath = process.env.KUBE_UPSTREAM_OPENAPI ?? UPSTREAM_SPEC_PATH;
const haveSpec = existsSync(specPath);

const EXT_KEYS = [
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
] as const;

/** Properties kubernetes-types 1.30 has that upstream has since removed (alpha fields dropped later). */
const REMOVED_UPSTREAM = new Set(["io.k8s.api.core.v1.PodResourceClaim.source"]);
/** Definitions only kubernetes-types 1.30 has (alpha types removed upstream later). */
const REMOVED_DEFINITIONS = new Set(["io.k8s.api.core.v1.ClaimSource"]);

/** Normalised shape of a property schema: `string`, `integer`, `ref:Name`, `array<…>`, `map<…>`. */
function shape(s: JsonSchema | undefined): string {
  if (!s) return "none";
  const ref = refOf(s);
  if (ref) return `ref:${ref}`;
  if (s.type === "array") return `array<${shape(s.items as JsonSchema)}>`;
  if (s.type === "object" && s.additionalProperties) return `map<${shape(s.additionalProperties as JsonSchema)}>`;
  return String(s.type ?? "any");
}

/** Shape with formats, for format agreement. */
function formatted(s: JsonSchema | undefined): string {
  if (!s) return "none";
  if (s.type === "array") return `array<${formatted(s.items as JsonSchema)}>`;
  if (s.type === "object" && s.additionalProperties) return `map<${formatted(s.additionalProperties as JsonSchema)}>`;
  return `${shape(s)}${s.format ? `:${s.format}` : ""}`;
}

function refOf(s: JsonSchema): string | undefined {
  const direct = s.$ref as string | undefined;
  const viaAllOf = (s.allOf as JsonSchema[] | undefined)?.[0]?.$ref as string | undefined;
  const ref = direct ?? viaAllOf;
  return ref?.slice(ref.lastIndexOf("/") + 1);
}

class Tally {
  ok = 0;
  total = 0;
  misses: string[] = [];
  add(ok: boolean, what: string) {
    this.total++;
    if (ok) this.ok++;
    else this.misses.push(what);
  }
  get pct() {
    return this.total === 0 ? 100 : (100 * this.ok) / this.total;
  }
  toString() {
    return `${this.pct.toFixed(2)}% (${this.ok}/${this.total})`;
  }
}

describe("definitions vs upstream OpenAPI", { skip: haveSpec ? false : `no upstream spec at ${specPath}` }, () => {
  const upstream = haveSpec ? (JSON.parse(readFileSync(specPath, "utf8")).definitions as Record<string, JsonSchema>) : {};
  const mine = builtinDefinitions();
  const roots = SERVED_KINDS.flatMap((s) => [s.schemaName, `${s.schemaName}List`]);
  const upReach = reachableDefinitions(roots, (n) => rewriteV2(upstream[n]));
  const myReach = reachableDefinitions(roots, (n) => mine.get(n));
  const common = upReach.filter((n) => mine.has(n));

  const names = new Tally();
  const shapes = new Tally();
  const formats = new Tally();
  const required = new Tally();
  const extensions = new Tally();
  const descriptions = new Tally();
  const newer: string[] = [];
  for (const name of common) {
    const up = upstream[name];
    const my = mine.get(name)!;
    const upProps = (up.properties ?? {}) as Record<string, JsonSchema>;
    const myProps = (my.properties ?? {}) as Record<string, JsonSchema>;
    for (const p of new Set([...Object.keys(upProps), ...Object.keys(myProps)])) {
      if (!(p in myProps)) {
        newer.push(`${name}.${p}`);
        continue;
      }
      if (!(p in upProps)) {
        names.add(REMOVED_UPSTREAM.has(`${name}.${p}`), `${name}.${p} (only in kubernetes-types)`);
        continue;
      }
      names.add(true, "");
      shapes.add(shape(myProps[p]) === shape(upProps[p]), `${name}.${p}: ${shape(myProps[p])} vs ${shape(upProps[p])}`);
      formats.add(
        formatted(myProps[p]) === formatted(upProps[p]),
        `${name}.${p}: ${formatted(myProps[p])} vs ${formatted(upProps[p])}`,
      );
      for (const key of EXT_KEYS) {
        if (myProps[p][key] === undefined && upProps[p][key] === undefined) continue;
        extensions.add(
          JSON.stringify(myProps[p][key]) === JSON.stringify(upProps[p][key]),
          `${name}.${p} ${key}: ${JSON.stringify(myProps[p][key])} vs ${JSON.stringify(upProps[p][key])}`,
        );
      }
      descriptions.add(myProps[p].description === upProps[p].description, `${name}.${p}`);
    }
    for (const key of EXT_KEYS) {
      if (my[key] === undefined && up[key] === undefined) continue;
      extensions.add(JSON.stringify(my[key]) === JSON.stringify(up[key]), `${name} ${key}: ${JSON.stringify(my[key])} vs ${JSON.stringify(up[key])}`);
    }
    // Required: compare over the properties both sides know.
    const both = (list: unknown) => ((list as string[] | undefined) ?? []).filter((p) => p in upProps && p in myProps).sort();
    required.add(JSON.stringify(both(my.required)) === JSON.stringify(both(up.required)), `${name}: ${both(my.required)} vs ${both(up.required)}`);
    descriptions.add(my.description === up.description, name);
  }

  it("reports agreement", (t) => {
    const stats = definitionBuildStats();
    t.diagnostic(`definitions: ${stats.definitions} built from ${stats.files} files in ${stats.millis.toFixed(1)} ms`);
    t.diagnostic(`reachable from served kinds: upstream ${upReach.length}, ours ${myReach.length}, common ${common.length}`);
    t.diagnostic(`upstream-only definitions (newer than kubernetes-types 1.30): ${upReach.filter((n) => !mine.has(n)).join(", ")}`);
    t.diagnostic(`upstream-only properties (newer than kubernetes-types 1.30): ${newer.join(", ")}`);
    t.diagnostic(`property names ${names}`);
    t.diagnostic(`types/$refs ${shapes}`);
    t.diagnostic(`formats ${formats}${formats.misses.length ? `; misses: ${formats.misses.join("; ")}` : ""}`);
    t.diagnostic(`required ${required}${required.misses.length ? `; misses: ${required.misses.join("; ")}` : ""}`);
    t.diagnostic(`list extensions ${extensions}`);
    t.diagnostic(`descriptions (exact text) ${descriptions}`);
  });

  it("reports agreement over every definition both sides have (not only served kinds)", (t) => {
    const allNames = new Tally();
    const allShapes = new Tally();
    const allFormats = new Tally();
    const allExt = new Tally();
    for (const [name, up] of Object.entries(upstream)) {
      const my = mine.get(name);
      if (!my) continue;
      const upProps = (up.properties ?? {}) as Record<string, JsonSchema>;
      const myProps = (my.properties ?? {}) as Record<string, JsonSchema>;
      for (const p of Object.keys(myProps)) {
        allNames.add(p in upProps, `${name}.${p}`);
        if (!(p in upProps)) continue;
        allShapes.add(shape(myProps[p]) === shape(upProps[p]), `${name}.${p}`);
        allFormats.add(formatted(myProps[p]) === formatted(upProps[p]), `${name}.${p}: ${formatted(myProps[p])} vs ${formatted(upProps[p])}`);
        for (const key of EXT_KEYS) {
          if (myProps[p][key] === undefined && upProps[p][key] === undefined) continue;
          allExt.add(JSON.stringify(myProps[p][key]) === JSON.stringify(upProps[p][key]), `${name}.${p} ${key}`);
        }
      }
    }
    t.diagnostic(`all definitions: property names ${allNames}, types/$refs ${allShapes}, formats ${allFormats}, list extensions ${allExt} (the table covers served kinds only)`);
    if (allFormats.misses.length) t.diagnostic(`format misses: ${allFormats.misses.join("; ")}`);
    assert.ok(allFormats.pct >= 99, `formats ${allFormats}`);
  });

  it("has every reachable upstream definition that kubernetes-types 1.30 knows", () => {
    const extra = myReach.filter((n) => !upReach.includes(n) && !REMOVED_DEFINITIONS.has(n));
    assert.deepEqual(extra, []);
  });

  it("has the same property names (100% of fields kubernetes-types knows)", () => {
    assert.deepEqual(names.misses, []);
  });

  it("has the same types and $refs", () => {
    assert.deepEqual(shapes.misses, []);
  });

  it("has the same integer/byte/date formats", () => {
    assert.deepEqual(formats.misses, []);
  });

  it("has the same required lists (100%)", () => {
    assert.deepEqual(required.misses, []);
  });

  it("has the same list/patch extensions (100%)", () => {
    assert.deepEqual(extensions.misses, []);
  });

  it("carries upstream's descriptions", () => {
    assert.ok(descriptions.pct >= 90, `description agreement ${descriptions}`);
  });

  it("gives each served kind its group-version-kind", () => {
    for (const s of SERVED_KINDS) {
      assert.deepEqual(mine.get(s.schemaName)?.["x-kubernetes-group-version-kind"], upstream[s.schemaName]["x-kubernetes-group-version-kind"], s.schemaName);
    }
  });
});

/** The v2 spec refers to `#/definitions/…`; rewrite to v3 so one reachability walk serves both. */
function rewriteV2(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s) return s;
  return JSON.parse(JSON.stringify(s).replaceAll('"#/definitions/', '"#/components/schemas/'));
}
