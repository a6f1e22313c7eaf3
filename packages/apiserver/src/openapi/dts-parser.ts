/**
 * A small parser for the declaration files of the `kubernetes-types` npm
 * package. Those files are generated in one regular shape (imports, JSDoc
 * blocks, `export interface X { prop?: Type; }` and `export type X = ...;`),
 * so a line-oriented reader with a tiny type-expression parser is enough and
 * runs in a few milliseconds, where loading the TypeScript compiler would
 * take far longer (and is only a dev dependency).
 *
 * Grammar of the type expressions found there:
 * `string | number | boolean | "literal" | Name | Array<T> | T[] |
 * { [name: string]: T; } | T | U`.
 * @module
 */

/** A parsed type expression. */
export type TypeExpr =
  | { k: "string" }
  | { k: "number" }
  | { k: "boolean" }
  | { k: "literal"; value: string }
  /** A named type; `module` is the kubernetes-types module path (e.g. `meta/v1`) it is declared in. */
  | { k: "ref"; name: string; module: string }
  | { k: "array"; items: TypeExpr }
  | { k: "map"; values: TypeExpr }
  | { k: "union"; members: TypeExpr[] };

/** One property of an interface. */
export interface PropDecl {
  name: string;
  optional: boolean;
  description: string;
  type: TypeExpr;
}

/** A declaration exported by a module. */
export type Decl =
  | { kind: "interface"; name: string; description: string; props: PropDecl[] }
  | { kind: "alias"; name: string; description: string; type: TypeExpr };

/** The declarations of one module, e.g. `core/v1`. */
export interface ParsedModule {
  module: string;
  decls: Decl[];
}

/** Resolves a relative import specifier against the importing module path (`core/v1` + `../meta/v1` → `meta/v1`). */
export function resolveModule(from: string, spec: string): string {
  const parts = from.split("/");
  parts.pop();
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

const IMPORT_RE = /^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?\s*$/;
const INTERFACE_RE = /^export interface (\w+)\s*\{\s*(\})?\s*$/;
const ALIAS_RE = /^export type (\w+)\s*=\s*(.*?);?\s*$/;
const PROP_RE = /^\s*(?:readonly\s+)?("[^"]+"|[\w$-]+)(\?)?:\s*(.*)$/;

/**
 * Parses one declaration file.
 * @param module the module path inside the package, without extension (`core/v1`, `runtime`).
 * @param text the file contents.
 * @throws Error on a line it does not understand, naming the module and line, so a
 *   format change in a future kubernetes-types release fails loudly rather than silently.
 */
export function parseDeclarationFile(module: string, text: string): ParsedModule {
  const lines = text.split("\n");
  const imports = new Map<string, string>();
  const decls: Decl[] = [];
  let doc: string[] | null = null;
  let pendingDoc = "";
  let current: Extract<Decl, { kind: "interface" }> | null = null;
  const fail = (i: number, why: string): never => {
    throw new Error(`kubernetes-types ${module}.d.ts:${i + 1}: ${why}: ${lines[i]}`);
  };
  const resolve = (name: string): TypeExpr => ({ k: "ref", name, module: imports.get(name) ?? module });

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (doc !== null) {
      // Inside a multi-line JSDoc block: strip the ` * ` gutter but keep the
      // author's own indentation, which upstream descriptions carry too.
      const end = trimmed.endsWith("*/");
      let body = end ? line.slice(0, line.lastIndexOf("*/")) : line;
      body = body.replace(/^\s*\*(?: |(?=\t))?/, "");
      if (!(end && body.trim() === "")) doc.push(body);
      if (end) {
        pendingDoc = doc.join("\n").replace(/\s+$/, "");
        doc = null;
      }
      continue;
    }
    if (trimmed === "") continue;
    if (trimmed.startsWith("/**")) {
      if (trimmed.endsWith("*/") && trimmed.length > 4) {
        pendingDoc = trimmed.slice(3, -2).trim();
      } else {
        doc = [];
        const rest = trimmed.slice(3).trim();
        if (rest) doc.push(rest);
      }
      continue;
    }
    if (current === null) {
      let m = IMPORT_RE.exec(trimmed);
      if (m) {
        const target = resolveModule(module, m[2]);
        for (const n of m[1].split(",")) if (n.trim()) imports.set(n.trim(), target);
        continue;
      }
      m = INTERFACE_RE.exec(trimmed);
      if (m) {
        const decl = { kind: "interface" as const, name: m[1], description: pendingDoc, props: [] };
        decls.push(decl);
        if (!m[2]) current = decl;
        pendingDoc = "";
        continue;
      }
      m = ALIAS_RE.exec(trimmed);
      if (m) {
        decls.push({ kind: "alias", name: m[1], description: pendingDoc, type: parseType(m[2], resolve) });
        pendingDoc = "";
        continue;
      }
      fail(i, "unexpected top-level line");
    } else {
      if (trimmed === "}") {
        current = null;
        continue;
      }
      const m = PROP_RE.exec(line);
      if (!m) fail(i, "unexpected member line");
      let typeText = m![3];
      // Map types span lines: `x?: {` … `};` — gather until braces balance.
      let depth = braceDepth(typeText);
      while (depth > 0) {
        i++;
        if (i >= lines.length) fail(i - 1, "unterminated type");
        typeText += ` ${lines[i].trim()}`;
        depth += braceDepth(lines[i]);
      }
      const name = m![1].startsWith('"') ? m![1].slice(1, -1) : m![1];
      current.props.push({
        name,
        optional: m![2] === "?",
        description: pendingDoc,
        type: parseType(typeText.replace(/;\s*$/, ""), resolve),
      });
      pendingDoc = "";
    }
  }
  return { module, decls };
}

function braceDepth(s: string): number {
  let d = 0;
  for (const c of s) {
    if (c === "{") d++;
    else if (c === "}") d--;
  }
  return d;
}

const TOKEN_RE = /\s*("[^"]*"|'[^']*'|[A-Za-z_$][\w$]*|\[\]|[<>{}[\]:;|,])/y;

/** Parses a type expression; `resolve` turns a bare type name into a reference. */
export function parseType(text: string, resolve: (name: string) => TypeExpr): TypeExpr {
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  for (;;) {
    const start = TOKEN_RE.lastIndex;
    if (text.slice(start).trim() === "") break;
    const m = TOKEN_RE.exec(text);
    if (!m) throw new Error(`cannot tokenize type at ${start}: ${text}`);
    tokens.push(m[1]);
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (t: string) => {
    if (tokens[pos] !== t) throw new Error(`expected ${t} at token ${pos} in: ${text}`);
    pos++;
  };
  const union = (): TypeExpr => {
    const members = [postfix()];
    while (peek() === "|") {
      pos++;
      members.push(postfix());
    }
    return members.length === 1 ? members[0] : { k: "union", members };
  };
  const postfix = (): TypeExpr => {
    let t = primary();
    while (peek() === "[]") {
      pos++;
      t = { k: "array", items: t };
    }
    return t;
  };
  const primary = (): TypeExpr => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of type: ${text}`);
    if (t === "string" || t === "number" || t === "boolean") return { k: t };
    if (t.startsWith('"') || t.startsWith("'")) return { k: "literal", value: t.slice(1, -1) };
    if (t === "Array") {
      expect("<");
      const items = union();
      expect(">");
      return { k: "array", items };
    }
    if (t === "{") {
      expect("[");
      pos++; // key name
      expect(":");
      expect("string");
      expect("]");
      expect(":");
      const values = union();
      if (peek() === ";") pos++;
      expect("}");
      return { k: "map", values };
    }
    if (/^[A-Za-z_$]/.test(t)) return resolve(t);
    throw new Error(`unexpected token ${t} in: ${text}`);
  };
  const result = union();
  if (pos !== tokens.length) throw new Error(`trailing tokens in type: ${text}`);
  return result;
}
