/**
 * The JSONPath subset of `additionalPrinterColumns` and scale subresource
 * paths: `.a.b`, `['key.with.dots']`, `[0]`, `[*]` and filters
 * `[?(@.type=="Ready")]`, evaluated to every matching value.
 * @module
 */

type Step =
  | { kind: "field"; name: string }
  | { kind: "index"; index: number }
  | { kind: "all" }
  | { kind: "filter"; path: Step[]; value: string | undefined };

/** A malformed path; the CRD is rejected with this message. */
export class JsonPathError extends Error {}

function parseSteps(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const text = path.startsWith("{") && path.endsWith("}") ? path.slice(1, -1) : path;
  while (i < text.length) {
    const c = text[i];
    if (c === ".") {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_\-$]/.test(text[j])) j++;
      if (j === i + 1) throw new JsonPathError(`invalid JSONPath ${JSON.stringify(path)}: empty field name at ${i}`);
      steps.push({ kind: "field", name: text.slice(i + 1, j) });
      i = j;
    } else if (c === "[") {
      const end = text.indexOf("]", i);
      if (end < 0) throw new JsonPathError(`invalid JSONPath ${JSON.stringify(path)}: unclosed [`);
      const inner = text.slice(i + 1, end).trim();
      if (inner === "*") steps.push({ kind: "all" });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: "index", index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: "field", name: inner.slice(1, -1) });
      else {
        const filter = /^\?\(@((?:\.[A-Za-z0-9_\-$]+)+)\s*(?:==\s*(?:"([^"]*)"|'([^']*)'|(-?[\w.]+)))?\s*\)$/.exec(inner);
        if (!filter) throw new JsonPathError(`invalid JSONPath ${JSON.stringify(path)}: unsupported [${inner}]`);
        steps.push({ kind: "filter", path: parseSteps(filter[1]), value: filter[2] ?? filter[3] ?? filter[4] });
      }
      i = end + 1;
    } else {
      throw new JsonPathError(`invalid JSONPath ${JSON.stringify(path)}: unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return steps;
}

function evaluate(values: unknown[], steps: Step[]): unknown[] {
  let current = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== "object") continue;
      if (step.kind === "field") {
        const field = (value as Record<string, unknown>)[step.name];
        if (field !== undefined) next.push(field);
      } else if (step.kind === "index") {
        if (Array.isArray(value)) {
          const item = value.at(step.index);
          if (item !== undefined) next.push(item);
        }
      } else {
        const items = Array.isArray(value) ? value : Object.values(value);
        for (const item of items) {
          if (step.kind === "all") next.push(item);
          else {
            const found = evaluate([item], step.path);
            if (found.length > 0 && (step.value === undefined || String(found[0]) === step.value)) next.push(item);
          }
        }
      }
    }
    current = next;
  }
  return current;
}

/** A compiled path. */
export interface JsonPath {
  /** Every value the path selects in `obj`. */
  find(obj: unknown): unknown[];
}

/** Compiles a path; throws {@link JsonPathError} when it is not in the supported subset. */
export function compileJsonPath(path: string): JsonPath {
  const steps = parseSteps(path.trim());
  return { find: (obj) => evaluate([obj], steps) };
}
