/**
 * The `fieldPath` of a validation rule, after apiextensions'
 * `ValidFieldPath`: a JSON path of field (`.foo`) and map-key (`['a.b']`)
 * steps, valid for the rule's schema node. Its normalized form is appended to
 * the node's path when the rule fails, so the error points at the field.
 * @module
 */
import type { StructuralSchema } from "../../schema.js";

/** A valid field path: its rendering (`spec.ports`, `labels[app]`) and the schema it reaches. */
export interface ValidFieldPath {
  path: string;
  schema: StructuralSchema | undefined;
}

const SINGLE_QUOTE_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "'": "'", "\\": "\\" };

function unescapeSingleQuote(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => {
    const r = SINGLE_QUOTE_ESCAPES[c];
    if (r === undefined) throw new Error(`invalid string literal: invalid escape char \\${c}`);
    return r;
  });
}

/** Splits into `.`, `[`, `]` and the text between them; a single-quoted string is one token. */
function tokens(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== "\\")) j++;
      out.push(path.slice(i, j + 1));
      i = j + 1;
    } else if (c === "." || c === "[" || c === "]") {
      out.push(c);
      i++;
    } else {
      let j = i;
      while (j < path.length && !".[]".includes(path[j])) j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Validates `jsonPath` against `schema`; throws an Error with upstream's reason when invalid. */
export function validFieldPath(jsonPath: string, schema: StructuralSchema, allowArrayNotation = true): ValidFieldPath {
  let path = "";
  let s: StructuralSchema | undefined = schema;
  const step = (name: string) => {
    if (s === undefined) throw new Error("does not refer to a valid field");
    if (s.properties !== undefined) {
      if (!Object.hasOwn(s.properties, name)) throw new Error("does not refer to a valid field");
      path = path === "" ? name : `${path}.${name}`;
      s = s.properties[name];
    } else if (s.additionalProperties !== undefined) {
      path = `${path}[${name}]`;
      s = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    } else {
      throw new Error("does not refer to a valid field");
    }
  };
  const toks = tokens(jsonPath);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok === "[") {
      if (!allowArrayNotation) throw new Error("array notation is not allowed");
      const q = toks[++i];
      if (q === undefined) throw new Error("unexpected end of JSON path");
      if (q.length < 2 || q[0] !== "'" || q[q.length - 1] !== "'") throw new Error(`expected single quoted string but got ${q}`);
      step(unescapeSingleQuote(q.slice(1, -1)));
      const close = toks[++i];
      if (close === undefined) throw new Error("unexpected end of JSON path");
      if (close !== "]") throw new Error(`expected ] but got ${close}`);
    } else if (tok === ".") {
      const name = toks[++i];
      if (name === undefined) throw new Error("unexpected end of JSON path");
      step(name);
    } else {
      throw new Error(`expected [ or . but got: ${tok}`);
    }
  }
  return { path, schema: s };
}
