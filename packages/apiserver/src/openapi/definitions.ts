/**
 * OpenAPI v3 component schemas for every built-in Kubernetes type, built at
 * run time from the declaration files of the `kubernetes-types` package (our
 * npm dependency), plus the project's own tables for what those files do not
 * carry: integer widths and byte fields ({@link ./formats.ts}) and list
 * semantics ({@link ./extensions.ts}).
 *
 * The output follows the shape kube-apiserver serves at `/openapi/v3`:
 * references with siblings are wrapped as `{allOf: [{$ref}], description}`,
 * IntOrString is `{format: "int-or-string", oneOf: [integer, string]}`,
 * Quantity is `{oneOf: [string, number]}`, required scalar fields carry their
 * Go zero value as `default`, and top-level kinds carry
 * `x-kubernetes-group-version-kind` as a list.
 *
 * Built lazily on first use (about 30–60 ms) and cached for the life of the
 * process; the returned objects are shared, so callers must not mutate them.
 * @module
 */

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Decl, type ParsedModule, type PropDecl, parseDeclarationFile, type TypeExpr } from "./dts-parser.js";
import { LIST_EXTENSIONS } from "./extensions.js";
import { isByteField, numberSchema } from "./formats.js";
import { definitionName, INT_OR_STRING, parseApiVersion } from "./names.js";
import { EXTRA_PROPERTIES, REQUIRED_OVERRIDES } from "./overrides.js";

/** An OpenAPI v3 schema object, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** A group/version/kind triple as OpenAPI extensions spell it. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Prefix of local references in an OpenAPI v3 document. */
export const REF_PREFIX = "#/components/schemas/";

/** Aliases that are `string` on the wire but have their own upstream definition and format. */
const DATE_TIME_ALIASES = new Set(["Time", "MicroTime"]);

/** Empty interfaces that hold arbitrary JSON and so have no `type` upstream. */
const UNTYPED_EMPTY = new Set(["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON"]);

/** GVKs of meta types whose TypeScript declaration does not pin apiVersion/kind. */
const EXTRA_GVK: Record<string, GroupVersionKind[]> = {
  "io.k8s.apimachinery.pkg.apis.meta.v1.Status": [{ group: "", kind: "Status", version: "v1" }],
};

let cache: Map<string, JsonSchema> | undefined;
let stats = { millis: 0, files: 0, definitions: 0 };

/** Directory of the installed kubernetes-types package. */
export function kubernetesTypesDir(): string {
  return dirname(createRequire(import.meta.url).resolve("kubernetes-types/package.json"));
}

/**
 * All built-in definitions, by upstream name (`io.k8s.api.core.v1.Pod`).
 * Built on first call, then cached.
 */
export function builtinDefinitions(): ReadonlyMap<string, JsonSchema> {
  if (!cache) {
    const start = performance.now();
    const modules = readModules(kubernetesTypesDir());
    cache = buildDefinitions(modules);
    stats = { millis: performance.now() - start, files: modules.length, definitions: cache.size };
  }
  return cache;
}

/** One built-in definition, or undefined. */
export function builtinDefinition(name: string): JsonSchema | undefined {
  return builtinDefinitions().get(name);
}

/** How long the first {@link builtinDefinitions} call took, and what it produced. */
export function definitionBuildStats(): { millis: number; files: number; definitions: number } {
  builtinDefinitions();
  return { ...stats };
}

/** Reads and parses every `.d.ts` of the package. */
function readModules(root: string): ParsedModule[] {
  const out: ParsedModule[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith(".d.ts")) {
        const module = prefix + entry.name.slice(0, -".d.ts".length);
        out.push(parseDeclarationFile(module, readFileSync(join(dir, entry.name), "utf8")));
      }
    }
  };
  walk(root, "");
  return out;
}

/** Builds the definitions from parsed modules (exported for tests). */
export function buildDefinitions(modules: ParsedModule[]): Map<string, JsonSchema> {
  const decls = new Map<string, Decl>();
  for (const m of modules) for (const d of m.decls) decls.set(definitionName(m.module, d.name), d);

  const defs = new Map<string, JsonSchema>();
  for (const [name, decl] of decls) {
    defs.set(name, decl.kind === "interface" ? interfaceSchema(name, decl, decls) : aliasSchema(decl));
  }
  defs.set(INT_OR_STRING, {
    description:
      "IntOrString is a type that can hold an int32 or a string. In JSON and YAML it is written as the inner value: a number or a string.",
    format: "int-or-string",
    oneOf: [{ type: "integer" }, { type: "string" }],
    "x-kubernetes-int-or-string": true,
  });
  for (const [name, schema] of defs) defs.set(name, sortKeys(schema) as JsonSchema);
  return defs;
}

function aliasSchema(decl: Extract<Decl, { kind: "alias" }>): JsonSchema {
  const s: JsonSchema = {};
  if (decl.description) s.description = decl.description;
  if (DATE_TIME_ALIASES.has(decl.name)) return { ...s, type: "string", format: "date-time" };
  if (decl.name === "Quantity") return { ...s, oneOf: [{ type: "string" }, { type: "number" }] };
  // JSONSchemaPropsOrArray / OrBool / OrStringArray: unions described by prose only, as upstream.
  if (decl.type.k === "string") return { ...s, type: "string" };
  return s;
}

function interfaceSchema(name: string, decl: Extract<Decl, { kind: "interface" }>, decls: Map<string, Decl>): JsonSchema {
  const s: JsonSchema = {};
  if (decl.description) s.description = decl.description;
  const ext = LIST_EXTENSIONS[name];
  if (decl.props.length === 0) {
    if (!UNTYPED_EMPTY.has(name)) s.type = "object";
    Object.assign(s, ext?.["."]);
    return s;
  }
  const properties: Record<string, JsonSchema> = {};
  const override = REQUIRED_OVERRIDES[name];
  const required: string[] = [];
  for (const p of decl.props) {
    const prop = override ? { ...p, optional: !override.includes(p.name) } : p;
    properties[prop.name] = propertySchema(decl.name, prop, ext?.[prop.name], decls);
    if (!prop.optional) required.push(prop.name);
  }
  Object.assign(properties, EXTRA_PROPERTIES[name]);
  s.properties = properties;
  if (required.length > 0) s.required = required;
  s.type = "object";
  const gvk = groupVersionKind(decl.props) ?? EXTRA_GVK[name];
  if (gvk) s["x-kubernetes-group-version-kind"] = gvk;
  Object.assign(s, ext?.["."]);
  return s;
}

/** GVK list from literal `apiVersion` and `kind` property types, e.g. `apiVersion?: "apps/v1"`. */
function groupVersionKind(props: PropDecl[]): GroupVersionKind[] | undefined {
  const apiVersion = props.find((p) => p.name === "apiVersion")?.type;
  const kind = props.find((p) => p.name === "kind")?.type;
  if (apiVersion?.k !== "literal" || kind?.k !== "literal") return undefined;
  return [{ ...parseApiVersion(apiVersion.value), kind: kind.value }];
}

/** Properties whose Go field is a non-pointer struct by convention, which v3 defaults to `{}`. */
const VALUE_STRUCT_FIELDS = new Set(["metadata", "spec", "status"]);

function propertySchema(typeName: string, prop: PropDecl, ext: object | undefined, decls: Map<string, Decl>): JsonSchema {
  const base = typeSchema(prop.type, typeName, prop.name, decls);
  const s: JsonSchema = { ...base };
  if (prop.description) s.description = prop.description;
  const zero = zeroValue(prop.type, decls);
  if (zero !== undefined && (!prop.optional || (typeof zero === "object" && VALUE_STRUCT_FIELDS.has(prop.name)))) {
    s.default = zero;
  }
  Object.assign(s, ext);
  return wrapRef(s);
}

/** A `$ref` cannot carry siblings in OpenAPI 3.0, so upstream moves it into `allOf`. */
function wrapRef(s: JsonSchema): JsonSchema {
  if (typeof s.$ref !== "string" || Object.keys(s).length === 1) return s;
  const { $ref, ...rest } = s;
  return { allOf: [{ $ref }], ...rest };
}

/** The Go zero value kube-openapi publishes as `default` for non-pointer fields, when known. */
function zeroValue(t: TypeExpr, decls: Map<string, Decl>): unknown {
  switch (t.k) {
    case "string":
    case "literal":
      return "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "ref": {
      const d = decls.get(definitionName(t.module, t.name));
      return d?.kind === "interface" && d.props.length > 0 ? {} : undefined;
    }
    default:
      return undefined;
  }
}

function typeSchema(t: TypeExpr, typeName: string, field: string, decls: Map<string, Decl>): JsonSchema {
  switch (t.k) {
    case "string":
      return isByteField(typeName, field) ? { type: "string", format: "byte" } : { type: "string" };
    case "literal":
      return { type: "string" };
    case "boolean":
      return { type: "boolean" };
    case "number":
      return numberSchema(typeName, field);
    case "ref":
      return { $ref: REF_PREFIX + definitionName(t.module, t.name) };
    case "array":
      return { type: "array", items: elementSchema(t.items, typeName, field, decls) };
    case "map":
      return { type: "object", additionalProperties: elementSchema(t.values, typeName, field, decls) };
    case "union":
      if (t.members.length === 2 && t.members.some((m) => m.k === "number") && t.members.some((m) => m.k === "string")) {
        return { $ref: REF_PREFIX + INT_OR_STRING };
      }
      throw new Error(`unsupported union type in ${typeName}.${field}`);
  }
}

/** Items of a list or values of a map: v3 gives non-pointer elements their zero value as default. */
function elementSchema(t: TypeExpr, typeName: string, field: string, decls: Map<string, Decl>): JsonSchema {
  const s = typeSchema(t, typeName, field, decls);
  // []byte values have no meaningful zero value in JSON; upstream leaves them without default.
  const zero = s.format === "byte" ? undefined : zeroValue(t, decls);
  return wrapRef(zero === undefined ? s : { ...s, default: zero });
}

/** Deep copy with object keys in code-point order, as Go's encoding/json writes maps. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/**
 * Names of all definitions reachable through `$ref`s from `roots` (roots included),
 * sorted. `lookup` resolves a name to its schema (built-in or extra).
 */
export function reachableDefinitions(roots: Iterable<string>, lookup: (name: string) => JsonSchema | undefined): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = lookup(name);
    if (schema) collectRefs(schema, stack);
  }
  return [...seen].sort();
}

function collectRefs(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, out);
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string" && x.startsWith(REF_PREFIX)) out.push(x.slice(REF_PREFIX.length));
      else if (k !== "x-kubernetes-group-version-kind" && k !== "default" && k !== "enum") collectRefs(x, out);
    }
  }
}
