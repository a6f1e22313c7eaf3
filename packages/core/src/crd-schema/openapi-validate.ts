/**
 * OpenAPI value validation of custom resources, after kube-openapi's
 * `validate.SchemaValidator` and apiextensions' conversion of its results
 * into field errors (`kubeOpenAPIResultToFieldErrors`). Upstream's quirks
 * are kept because kubectl users read them verbatim:
 *
 * - messages name the field twice: `spec.replicas: Invalid value: 0:
 *   spec.replicas in body should be greater than or equal to 1`;
 * - a type mismatch prints the JSON type found: `Invalid value: "string":
 *   spec.replicas in body must be of type integer: "string"`;
 * - a string reports only its first failure (maxLength, then minLength,
 *   then pattern); an object failing min/maxProperties is not looked into;
 * - `anyOf`/`oneOf`/`allOf`/`not` failures are reported at the validator's
 *   root path, which for a custom resource is nil and prints as `<nil>`;
 * - only the formats CRDs support are checked (see `formats.ts`);
 * - an integral number is compared as an int64 (bounds truncated to
 *   integers), a fractional one as a float64.
 *
 * Per schema node, the order of checks is kube-openapi's: type, composition,
 * string, format, number, array, enum, object.
 * @module
 */
import { RE2JS } from "@bufbuild/re2";
import type { StructuralSchema } from "../schema.js";
import type { FieldError } from "../validation/field-error.js";
import { invalid, notSupported, required, tooMany } from "../validation/field-error.js";
import { goNumber, goQuote } from "../validation/go-format.js";
import { anchoredBody, fastRegExp, MAX_FAST_LENGTH } from "./fast-pattern.js";
import { formatChecker } from "./formats.js";
import { childPath, goValue, type JsonObject, type NullablePath, pathString } from "./unstructured.js";

/** One kube-openapi result entry, before it becomes a {@link FieldError}. */
type Failure =
  | { kind: "required" | "type" | "enum" | "tooLong" | "maxItems" | "maxProperties" | "invalid"; name: string; value: unknown; limit?: number; values?: unknown[]; message: string }
  | { kind: "composite"; message: string };

/** What a node needs at validation time, computed once per schema node. */
interface NodeInfo {
  types: string[];
  /** Supported format (others are stripped, as upstream does). */
  format: string;
  formatCheck: ((s: string) => boolean) | undefined;
  pattern: RE2JS | Error | undefined;
  /** A RegExp matching exactly as `pattern` does, for short strings (see `fast-pattern.ts`). */
  fastPattern: RegExp | undefined;
  /** For a pattern `^X$`: `(?:X)`, to match whole strings with (same answers as `pattern.test`, faster). */
  anchored: RE2JS | undefined;
  /** The properties, in schema order, each with its node's info once first needed. */
  props: { key: string; schema: StructuralSchema; info: NodeInfo | undefined }[];
  /** Whether the node has allOf/anyOf/oneOf/not. */
  composite: boolean;
  /** Enum members that are strings, numbers or booleans, for a quick membership test. */
  scalarEnum: Set<unknown> | undefined;
}

const infos = new WeakMap<StructuralSchema, NodeInfo>();

function nodeInfo(s: StructuralSchema): NodeInfo {
  let info = infos.get(s);
  if (info === undefined) {
    const formatCheck = formatChecker(s.format);
    let pattern: RE2JS | Error | undefined;
    let fastPattern: RegExp | undefined;
    let anchored: RE2JS | undefined;
    if (s.pattern !== undefined) {
      try {
        pattern = RE2JS.compile(s.pattern);
        fastPattern = fastRegExp(s.pattern);
        const body = anchoredBody(s.pattern);
        if (body !== undefined) anchored = compileOrUndefined(`(?:${body})`);
      } catch (err) {
        pattern = err instanceof Error ? err : new Error(String(err));
      }
    }
    // int-or-string is converted to `type: [integer, string]` before validation.
    const types = s["x-kubernetes-int-or-string"] ? ["integer", "string"] : s.type ? [s.type] : [];
    const composite = s.anyOf !== undefined || s.oneOf !== undefined || s.allOf !== undefined || s.not !== undefined;
    const scalarEnum = s.enum?.every((e) => typeof e !== "object" || e === null) ? new Set(s.enum) : undefined;
    info = { types, format: formatCheck ? (s.format ?? "") : "", formatCheck, pattern, fastPattern, anchored, props: Object.entries(s.properties ?? {}).map(([key, schema]) => ({ key, schema, info: undefined })), composite, scalarEnum };
    infos.set(s, info);
  }
  return info;
}

function compileOrUndefined(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
}

/** `pattern.test(v)`, by the quickest equivalent means the node has. */
function patternMatches(info: NodeInfo, pattern: RE2JS, v: string): boolean {
  if (info.fastPattern !== undefined && v.length <= MAX_FAST_LENGTH) return info.fastPattern.test(v);
  if (info.anchored !== undefined) return info.anchored.matches(v);
  return pattern.test(v);
}

/** The JSON type of a value, as kube-openapi infers it from the decoded Go value. */
function kindOf(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(v) ? "integer" : "number";
    default:
      return Array.isArray(v) ? "array" : "object";
  }
}

/** Go's utf8.RuneCount. */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** swag.IsFloat64AJSONInteger. */
function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f) || Math.abs(f) > 2 ** 53) return false;
  const g = Math.trunc(f);
  if (f === g) return true;
  const fa = Math.abs(f);
  if (fa < 1e-9) return false;
  return Math.abs(f - g) < 1e-9 * fa;
}

/** `%s in body ...`: kube-openapi words every message with the validator's path and `in: body`. */
const inBody = (name: string, rest: string): string => `${name} in body ${rest}`;

function typeFailure(name: string, typeName: string, found: string): Failure {
  return { kind: "type", name, value: found, message: inBody(name, `must be of type ${typeName}: ${goQuote(found)}`) };
}

class Validator {
  readonly failures: Failure[] = [];

  node(v: unknown, s: StructuralSchema, name: string, info: NodeInfo = nodeInfo(s)): void {
    if (v === null || v === undefined) {
      if (info.types.length > 0 && !s.nullable) this.failures.push(typeFailure(name, info.types.join(","), "null"));
      this.enumCheck(v, s, info, name);
      return;
    }
    const kind = kindOf(v);
    if (info.types.length > 0 || info.format !== "") this.typeCheck(kind, info, name);
    if (info.composite) this.composition(v, s, name);
    if (kind === "string") {
      this.stringChecks(v as string, s, info, name);
      if (info.formatCheck && !info.formatCheck(v as string)) this.failures.push(typeFailure(name, info.format, v as string));
    } else if (kind === "integer" || kind === "number") {
      this.numberChecks(v as number, kind === "integer", s, name);
    } else if (kind === "array") {
      this.arrayChecks(v as unknown[], s, name);
    }
    this.enumCheck(v, s, info, name);
    if (kind === "object") this.objectChecks(v as JsonObject, s, info, name);
  }

  private typeCheck(kind: string, info: NodeInfo, name: string): void {
    const { types, format } = info;
    const intAsNumber = kind === "integer" && types.includes("number");
    if (kind !== "string" && kind !== "array" && format !== "" && !(types.includes(kind) || intAsNumber)) {
      // kube-openapi prints the Go format it inferred from the value.
      this.failures.push(typeFailure(name, format, kind === "integer" ? "int64" : kind === "number" ? "float64" : ""));
      return;
    }
    if (!types.includes("number") && !types.includes("integer") && format !== "" && (kind === "string" || kind === "array")) return;
    if (!(types.includes(kind) || intAsNumber)) this.failures.push(typeFailure(name, types.join(","), kind));
  }

  /** allOf/anyOf/oneOf/not; alternatives are checked at the same path. */
  private composition(v: unknown, s: StructuralSchema, name: string): void {
    if (s.anyOf === undefined && s.oneOf === undefined && s.allOf === undefined && s.not === undefined) return;
    const path = () => goQuote(name);
    if (s.anyOf && s.anyOf.length > 0) {
      // Upstream reports the failures of the alternative with the most passing checks;
      // we take the one with the fewest failures (the first on a tie).
      let best: Failure[] | undefined;
      let ok = false;
      for (const alt of s.anyOf) {
        const r = this.sub(v, alt, name);
        if (r.length === 0) {
          ok = true;
          best = undefined;
          break;
        }
        if (best === undefined || r.length < best.length) best = r;
      }
      if (!ok) this.failures.push({ kind: "composite", message: `${path()} must validate at least one schema (anyOf)` });
      if (best) this.failures.push(...best);
    }
    if (s.oneOf && s.oneOf.length > 0) {
      let valid = 0;
      let best: Failure[] | undefined;
      for (const alt of s.oneOf) {
        const r = this.sub(v, alt, name);
        if (r.length === 0) {
          valid++;
          best = undefined;
        } else if (valid === 0 && (best === undefined || r.length < best.length)) {
          best = r;
        }
      }
      if (valid !== 1) {
        const more = valid === 0 ? "Found none valid" : `Found ${valid} valid alternatives`;
        this.failures.push({ kind: "composite", message: `${path()} must validate one and only one schema (oneOf). ${more}` });
        if (best) this.failures.push(...best);
      }
    }
    if (s.allOf && s.allOf.length > 0) {
      let valid = 0;
      for (const alt of s.allOf) {
        const r = this.sub(v, alt, name);
        if (r.length === 0) valid++;
        this.failures.push(...r);
      }
      if (valid !== s.allOf.length) {
        this.failures.push({ kind: "composite", message: `${path()} must validate all the schemas (allOf)${valid === 0 ? ". None validated" : ""}` });
      }
    }
    if (s.not && this.sub(v, s.not, name).length === 0) {
      this.failures.push({ kind: "composite", message: `${path()} must not validate the schema (not)` });
    }
  }

  /** The failures of `v` against an alternative schema, without keeping them. */
  private sub(v: unknown, s: StructuralSchema, name: string): Failure[] {
    const start = this.failures.length;
    this.node(v, s, name);
    return this.failures.splice(start);
  }

  private stringChecks(v: string, s: StructuralSchema, info: NodeInfo, name: string): void {
    // A string has at most as many runes as UTF-16 units, and at least half as many.
    if (s.maxLength !== undefined && v.length > s.maxLength && runeCount(v) > s.maxLength) {
      this.failures.push({ kind: "tooLong", name, value: v, limit: s.maxLength, message: inBody(name, `should be at most ${s.maxLength} chars long`) });
    } else if (s.minLength !== undefined && (v.length < s.minLength || (Math.ceil(v.length / 2) < s.minLength && runeCount(v) < s.minLength))) {
      this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should be at least ${s.minLength} chars long`) });
    } else if (info.pattern instanceof Error) {
      this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should match '${s.pattern}, but pattern is invalid: ${info.pattern.message}'`) });
    } else if (info.pattern !== undefined && !patternMatches(info, info.pattern, v)) {
      this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should match '${s.pattern}'`) });
    }
  }

  private numberChecks(v: number, isInt: boolean, s: StructuralSchema, name: string): void {
    const mo = s.multipleOf;
    if (mo !== undefined) {
      // Integers are checked against the truncated factor, as int64 arithmetic does (a zero factor falls back to floats).
      const factor = isInt && Math.trunc(mo) !== 0 ? Math.trunc(mo) : mo;
      if (factor < 0) {
        this.failures.push({ kind: "invalid", name, value: factor, message: `factor MultipleOf declared for ${name} must be positive: ${goNumber(factor)}` });
      } else if (isInt && Number.isInteger(factor) ? v % factor !== 0 : !isJsonInteger(factor < 1 ? (1 / factor) * v : v / factor)) {
        this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should be a multiple of ${goNumber(factor)}`) });
      }
    }
    if (s.minimum !== undefined) {
      const min = isInt ? Math.trunc(s.minimum) : s.minimum;
      if (s.exclusiveMinimum ? v <= min : v < min) {
        this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should be greater than ${s.exclusiveMinimum ? "" : "or equal to "}${goNumber(min)}`) });
      }
    }
    if (s.maximum !== undefined) {
      const max = isInt ? Math.trunc(s.maximum) : s.maximum;
      if (s.exclusiveMaximum ? v >= max : v > max) {
        this.failures.push({ kind: "invalid", name, value: v, message: inBody(name, `should be less than ${s.exclusiveMaximum ? "" : "or equal to "}${goNumber(max)}`) });
      }
    }
  }

  private arrayChecks(v: unknown[], s: StructuralSchema, name: string): void {
    if (s.items) for (let i = 0; i < v.length; i++) this.node(v[i], s.items, `${name}[${i}]`);
    if (s.minItems !== undefined && v.length < s.minItems) {
      this.failures.push({ kind: "invalid", name, value: v.length, message: inBody(name, `should have at least ${s.minItems} items`) });
    }
    if (s.maxItems !== undefined && v.length > s.maxItems) {
      this.failures.push({ kind: "maxItems", name, value: v.length, limit: s.maxItems, message: inBody(name, `should have at most ${s.maxItems} items`) });
    }
    if (s.uniqueItems && hasDuplicates(v)) {
      this.failures.push({ kind: "invalid", name, value: undefined, message: inBody(name, "shouldn't contain duplicates") });
    }
  }

  private enumCheck(v: unknown, s: StructuralSchema, info: NodeInfo, name: string): void {
    if (!s.enum || s.enum.length === 0) return;
    const scalars = info.scalarEnum;
    if (scalars !== undefined && (typeof v !== "object" || v === null)) {
      if (scalars.has(v === undefined ? null : v)) return;
    } else {
      const key = canonical(v);
      if (s.enum.some((e) => canonical(e) === key)) return;
    }
    this.failures.push({ kind: "enum", name, value: v, values: s.enum, message: inBody(name, "should be one of the enum values") });
  }

  private objectChecks(v: JsonObject, s: StructuralSchema, info: NodeInfo, name: string): void {
    if (s.minProperties !== undefined || s.maxProperties !== undefined) {
      const count = Object.keys(v).length;
      if (s.minProperties !== undefined && count < s.minProperties) {
        this.failures.push({ kind: "invalid", name, value: count, message: inBody(name, `should have at least ${s.minProperties} properties`) });
        return;
      }
      if (s.maxProperties !== undefined && count > s.maxProperties) {
        this.failures.push({ kind: "maxProperties", name, value: count, limit: s.maxProperties, message: inBody(name, `should have at most ${s.maxProperties} properties`) });
        return;
      }
    }
    const props = s.properties;
    const additional = s.additionalProperties;
    if (additional === false) {
      for (const k of Object.keys(v)) {
        if (props === undefined || !Object.hasOwn(props, k)) this.failures.push({ kind: "invalid", name, value: k, message: `${name}.${k} in body is a forbidden property` });
      }
    } else if (typeof additional === "object") {
      for (const k of Object.keys(v)) if (props === undefined || !Object.hasOwn(props, k)) this.node(v[k], additional, `${name}.${k}`);
    }
    if (props) {
      for (const p of info.props) {
        const key = p.key;
        // `v[key]` first: cheap when absent; hasOwn rules out inherited names such as `toString`.
        if (v[key] !== undefined && Object.hasOwn(v, key)) {
          p.info ??= nodeInfo(p.schema);
          this.node(v[key], p.schema, name === "" ? key : `${name}.${key}`, p.info);
        }
      }
    }
    if (s.required) {
      for (const k of s.required) {
        if (v[k] === undefined || !Object.hasOwn(v, k)) this.failures.push({ kind: "required", name: `${name}.${k}`, value: undefined, message: inBody(`${name}.${k}`, "is required") });
      }
    }
  }
}

/** A canonical JSON text (sorted keys) for equality of enum members and unique items. */
function canonical(v: unknown): string {
  if (v === undefined) return "null";
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as JsonObject)[k])}`)
    .join(",")}}`;
}

function hasDuplicates(v: unknown[]): boolean {
  const seen = new Set<string>();
  for (const x of v) {
    const k = canonical(x);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** `field.TooLong` (1.32): the value is never printed. */
function tooLong(field: string, value: unknown, max: number): FieldError {
  const detail = max >= 0 ? `may not be more than ${max} ${max === 1 ? "byte" : "bytes"}` : "value is too long";
  return { type: "FieldValueTooLong", field, badValue: value, detail };
}

/** Upstream's `kubeOpenAPIResultToFieldErrors`. */
function toFieldErrors(failures: Failure[], root: NullablePath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of failures) {
    if (f.kind === "composite") {
      errs.push(invalid(pathString(root), "", f.message));
      continue;
    }
    const field = f.name !== "" && f.name !== "." ? childPath(root, f.name.replace(/^\./, "")) : pathString(root);
    const value = f.value === undefined ? "" : f.value;
    switch (f.kind) {
      case "required":
        errs.push(required(field, ""));
        break;
      case "enum":
        errs.push(notSupported(field, goValue(f.value ?? null), (f.values ?? []).map((e) => (typeof e === "string" ? e : JSON.stringify(e)))));
        break;
      case "tooLong":
        errs.push(tooLong(field, value, f.limit ?? -1));
        break;
      case "maxItems":
      case "maxProperties":
        errs.push(tooMany(field, f.value as number, f.limit ?? -1));
        break;
      case "type":
        errs.push({ type: "FieldValueTypeInvalid", field, badValue: value, detail: f.message });
        break;
      default:
        errs.push(invalid(field, goValue(value), f.message));
    }
  }
  return errs;
}

/**
 * Validates `value` against `schema` as kube-openapi does for a custom
 * resource, returning every failure as upstream's field errors. `root` is the
 * path the value sits at: `null` for a custom resource (upstream's nil path),
 * or e.g. `…properties[spec].default` when checking a schema's default.
 */
export function openAPIErrors(value: unknown, schema: StructuralSchema, root: NullablePath = null): FieldError[] {
  const v = new Validator();
  v.node(value, schema, "");
  return toFieldErrors(v.failures, root);
}

/** Whether `value` passes the OpenAPI checks of `schema` (no errors). */
export function matchesSchema(value: unknown, schema: StructuralSchema): boolean {
  const v = new Validator();
  v.node(value, schema, "");
  return v.failures.length === 0;
}

