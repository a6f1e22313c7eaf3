/**
 * The structural schema rules, after apiextensions' `ValidateStructural`
 * (invariants and completeness). A schema is structural when its spine —
 * `properties`, `items`, `additionalProperties` — declares a `type` for
 * every node (except int-or-string and preserved values), and the value
 * validations (`allOf`, `anyOf`, `oneOf`, `not`) only restrict values: they
 * may not declare types, defaults, descriptions or extensions, nor fields
 * the spine does not have. The errors come out sorted by message, as
 * upstream sorts them.
 * @module
 */
import { RE2JS } from "@bufbuild/re2";
import { type FieldError, forbidden, formatFieldError, invalid, required } from "../validation/field-error.js";
import { asProps, type JSONSchemaProps, propsEntries, propsList } from "./json-schema.js";
import { isJsonObject } from "./unstructured.js";

type Level = "root" | "item" | "field";

/** The int-or-string shape `anyOf: [{type: integer}, {type: string}]`, exactly. */
function isIntOrStringAnyOf(anyOf: unknown): boolean {
  const alts = propsList(anyOf);
  if (!Array.isArray(anyOf) || anyOf.length !== 2 || alts.length !== 2) return false;
  const only = (p: JSONSchemaProps, type: string) => Object.keys(p).length === 1 && p.type === type;
  return only(alts[0], "integer") && only(alts[1], "string");
}

const has = (p: JSONSchemaProps, k: keyof JSONSchemaProps) => p[k] !== undefined && p[k] !== null;
const nonEmptyString = (v: unknown) => typeof v === "string" && v !== "";

class StructuralValidator {
  readonly errs: FieldError[] = [];

  invariants(s: JSONSchemaProps | undefined, lvl: Level, path: string): void {
    if (s === undefined) return;
    const type = typeof s.type === "string" ? s.type : "";
    const items = asProps(s.items);
    if (type === "array" && items === undefined) this.errs.push(required(`${path}.items`, "must be specified"));
    this.invariants(items, "item", `${path}.items`);
    for (const [k, p] of propsEntries(s.properties)) this.invariants(p, "field", `${path}.properties[${k}]`);
    const intOrString = s["x-kubernetes-int-or-string"] === true;
    const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
    const embedded = s["x-kubernetes-embedded-resource"] === true;
    if (has(s, "additionalProperties")) {
      if (lvl === "root") this.errs.push(forbidden(`${path}.additionalProperties`, "must not be used at the root"));
      this.invariants(asProps(s.additionalProperties), "field", `${path}.additionalProperties`);
    }
    if (intOrString && preserve) this.errs.push(invalid(`${path}.x-kubernetes-preserve-unknown-fields`, true, "must be false if x-kubernetes-int-or-string is true"));
    if (intOrString && embedded) this.errs.push(invalid(`${path}.x-kubernetes-embedded-resource`, true, "must be false if x-kubernetes-int-or-string is true"));
    const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
    const skipFirstAllOfAnyOf = propsList(s.allOf).length > 0 && isIntOrStringAnyOf(propsList(s.allOf)[0].anyOf);
    this.valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, lvl, path);

    const checkMetadata = lvl === "root" || embedded;
    if (embedded && type !== "object") {
      const msg = "must be object if x-kubernetes-embedded-resource is true";
      this.errs.push(type === "" ? required(`${path}.type`, msg) : invalid(`${path}.type`, type, msg));
    } else if (type === "" && !intOrString && !preserve) {
      const where = lvl === "root" ? "at the root" : lvl === "item" ? "for specified array items" : "for specified object fields";
      this.errs.push(required(`${path}.type`, `must not be empty ${where}`));
    }
    if (embedded && has(s, "additionalProperties")) {
      this.errs.push(forbidden(`${path}.additionalProperties`, "must not be used if x-kubernetes-embedded-resource is set"));
    }
    if (lvl === "root" && type !== "" && type !== "object") this.errs.push(invalid(`${path}.type`, type, "must be object at the root"));
    const props = new Map(propsEntries(s.properties));
    for (const k of ["kind", "apiVersion"]) {
      const p = props.get(k);
      if (p && checkMetadata && p.type !== "string") this.errs.push(invalid(`${path}.properties[${k}].type`, p.type ?? "", "must be string"));
    }
    const metadata = props.get("metadata");
    if (metadata) this.metadataInvariants(metadata, checkMetadata, lvl, `${path}.properties[metadata]`);
    if (embedded && !preserve && props.size === 0) {
      this.errs.push(required(`${path}.properties`, "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
    }
  }

  /** The root's `metadata` may only restrict `name` and `generateName`. */
  private metadataInvariants(s: JSONSchemaProps, checkMetadata: boolean, lvl: Level, path: string): void {
    if (checkMetadata && s.type !== "object") this.errs.push(invalid(`${path}.type`, s.type ?? "", "must be object"));
    if (lvl !== "root") return;
    const propNames = propsEntries(s.properties).map(([k]) => k);
    const onlyNames = propNames.length > 0 && propNames.length <= 2 && propNames.every((k) => k === "name" || k === "generateName");
    const isZero = (v: unknown) => v === undefined || v === null || v === false || v === "" || (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);
    const rest = Object.keys(s).filter((k) => k !== "type" && k !== "default" && !(k === "properties" && onlyNames) && !isZero(s[k as keyof JSONSchemaProps]));
    if (rest.length > 0) {
      this.errs.push(forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
    }
  }

  private valueValidation(v: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, path: string): void {
    if (!skipAnyOf) propsList(v.anyOf).forEach((alt, i) => {
      this.nested(alt, false, false, lvl, `${path}.anyOf[${i}]`);
    });
    propsList(v.allOf).forEach((alt, i) => {
      this.nested(alt, skipFirstAllOfAnyOf && i === 0, false, lvl, `${path}.allOf[${i}]`);
    });
    propsList(v.oneOf).forEach((alt, i) => {
      this.nested(alt, false, false, lvl, `${path}.oneOf[${i}]`);
    });
    const not = asProps(v.not);
    if (not) this.nested(not, false, false, lvl, `${path}.not`);
    if (nonEmptyString(v.pattern)) {
      try {
        RE2JS.compile(v.pattern as string);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        this.errs.push(invalid(`${path}.pattern`, v.pattern, `must be a valid regular expression, but isn't: ${msg}`));
      }
    }
  }

  /** A node under a logic junctor: only value validations are allowed. */
  private nested(v: JSONSchemaProps, skipAnyOf: boolean, skipAllOfAnyOf: boolean, lvl: Level, path: string): void {
    this.valueValidation(v, skipAnyOf, skipAllOfAnyOf, lvl, path);
    const items = asProps(v.items);
    if (items) this.nested(items, false, false, lvl, `${path}.items`);
    for (const [k, p] of propsEntries(v.properties)) this.nested(p, false, false, "field", `${path}.properties[${k}]`);
    const f = (k: string, msg: string) => this.errs.push(forbidden(`${path}.${k}`, msg));
    if (nonEmptyString(v.type)) f("type", "must be empty to be structural");
    if (has(v, "additionalProperties")) f("additionalProperties", "must be undefined to be structural");
    if (has(v, "default")) f("default", "must be undefined to be structural");
    if (nonEmptyString(v.title)) f("title", "must be empty to be structural");
    if (nonEmptyString(v.description)) f("description", "must be empty to be structural");
    if (v.nullable === true) f("nullable", "must be false to be structural");
    if (v["x-kubernetes-preserve-unknown-fields"] === true) f("x-kubernetes-preserve-unknown-fields", "must be false to be structural");
    if (v["x-kubernetes-embedded-resource"] === true) f("x-kubernetes-embedded-resource", "must be false to be structural");
    if (v["x-kubernetes-int-or-string"] === true) f("x-kubernetes-int-or-string", "must be false to be structural");
    if (Array.isArray(v["x-kubernetes-list-map-keys"]) && v["x-kubernetes-list-map-keys"].length > 0) f("x-kubernetes-list-map-keys", "must be empty to be structural");
    if (has(v, "x-kubernetes-list-type")) f("x-kubernetes-list-type", "must be undefined to be structural");
    if (has(v, "x-kubernetes-map-type")) f("x-kubernetes-map-type", "must be undefined to be structural");
    if (Array.isArray(v["x-kubernetes-validations"]) && v["x-kubernetes-validations"].length > 0) f("x-kubernetes-validations", "must be empty to be structural");
    if (isJsonObject(v.properties) && Object.hasOwn(v.properties, "metadata")) {
      this.errs.push(forbidden(`${path}.properties[metadata]`, "must not be specified in a nested context"));
    }
  }

  /** Every field or array a value validation names must exist in the spine (checked at the root, as upstream). */
  completeness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): void {
    if (s === undefined) {
      this.errs.push(required(sPath, `because it is defined in ${vPath}`));
      return;
    }
    const not = asProps(v.not);
    if (not) this.nestedCompleteness(not, s, sPath, `${vPath}.not`);
    for (const k of ["allOf", "anyOf", "oneOf"] as const) {
      propsList(v[k]).forEach((alt, i) => {
        this.nestedCompleteness(alt, s, sPath, `${vPath}.${k}[${i}]`);
      });
    }
  }

  private nestedCompleteness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): void {
    if (s === undefined) {
      this.errs.push(required(sPath, `because it is defined in ${vPath}`));
      return;
    }
    this.completeness(v, s, sPath, vPath);
    const items = asProps(v.items);
    if (items) this.nestedCompleteness(items, asProps(s.items), `${sPath}.items`, `${vPath}.items`);
    const sProps = new Map(propsEntries(s.properties));
    for (const [k, p] of propsEntries(v.properties)) {
      const sp = sProps.get(k);
      if (sp === undefined) this.errs.push(required(`${sPath}.properties[${k}]`, `because it is defined in ${vPath}.properties[${k}]`));
      else this.nestedCompleteness(p, sp, `${sPath}.properties[${k}]`, `${vPath}.properties[${k}]`);
    }
  }
}

/** The structural-schema errors of a CRD version's schema at `path`, sorted as upstream sorts them. */
export function structuralErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  const v = new StructuralValidator();
  v.invariants(schema, "root", path);
  v.completeness(schema, schema, path, path);
  return v.errs
    .map((e) => [formatFieldError(e), e] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, e]) => e);
}
