/**
 * The schema rules kube-apiserver enforces when a CustomResourceDefinition
 * is created or updated (apiextensions'
 * `validateCustomResourceDefinitionValidation` for an `apiextensions.k8s.io/v1`
 * CRD), in upstream's order:
 *
 * 1. `nullable` is forbidden at the root;
 * 2. the schema must be structural (`structural.ts`); only then are the
 *    defaults validated (`default-errors.ts`) and the CEL rules compiled;
 * 3. the OpenAPI keywords CRDs forbid or constrain (below), walked over the
 *    whole schema, value validations included;
 * 4. CEL compilation errors, for every node whose subtree has no error of
 *    step 3 (upstream skips rules it could not type).
 *
 * Not checked: the estimated cost of CEL rules (upstream rejects rules whose
 * worst-case cost, from maxItems/maxLength, exceeds the budget), and the
 * root-level restrictions that apply with a status subresource.
 * @module
 */
import { type FieldError, forbidden, invalid, notSupported, required } from "../validation/field-error.js";
import { goStringSlice } from "../validation/go-format.js";
import { compileCelRules } from "./cel/compile.js";
import { validFieldPath } from "./cel/field-path.js";
import { defaultErrors } from "./default-errors.js";
import { asProps, type JSONSchemaProps, propsEntries, propsList, stringList, toStructural } from "./json-schema.js";
import { structuralErrors } from "./structural.js";
import { goValue, isJsonObject, type JsonObject } from "./unstructured.js";

const OPENAPI_V3_TYPES = ["array", "boolean", "integer", "number", "object", "string"];
const SUPPORTED_REASONS = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];
const META_FIELDS = new Set(["metadata", "kind", "apiVersion"]);
const NEWLINES = /[\n\r]+/;

/** The context upstream's `specStandardValidator` carries down the schema. */
interface Context {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

const ROOT_CONTEXT: Context = { allowDefaults: true, disallowDefaultsReason: "", insideResourceMeta: false };

class OpenAPIChecker {
  readonly errs: FieldError[] = [];
  /** Paths of nodes with rules whose subtree has no schema error: their rules get compiled. */
  readonly celNodes = new Set<string>();

  /** `specStandardValidatorV3.validate`: keywords CRDs do not support. */
  private standard(s: JSONSchemaProps, path: string, ctx: Context): void {
    const e = this.errs;
    if (typeof s.type === "string" && s.type !== "" && !OPENAPI_V3_TYPES.includes(s.type)) e.push(notSupported(`${path}.type`, s.type, OPENAPI_V3_TYPES));
    if (s.default !== undefined && !ctx.allowDefaults) {
      e.push(forbidden(`${path}.default`, `must not be set${ctx.disallowDefaultsReason ? ` ${ctx.disallowDefaultsReason}` : ""}`));
    }
    if (typeof s.id === "string" && s.id !== "") e.push(forbidden(`${path}.id`, "id is not supported"));
    if (s.additionalItems !== undefined) e.push(forbidden(`${path}.additionalItems`, "additionalItems is not supported"));
    if (isJsonObject(s.patternProperties) && Object.keys(s.patternProperties).length > 0) e.push(forbidden(`${path}.patternProperties`, "patternProperties is not supported"));
    if (isJsonObject(s.definitions) && Object.keys(s.definitions).length > 0) e.push(forbidden(`${path}.definitions`, "definitions is not supported"));
    if (s.dependencies !== undefined) e.push(forbidden(`${path}.dependencies`, "dependencies is not supported"));
    if (s.$ref !== undefined) e.push(forbidden(`${path}.$ref`, "$ref is not supported"));
    if (s.type === "null") e.push(forbidden(`${path}.type`, "type cannot be set to null, use nullable as an alternative"));
    if (Array.isArray(s.items) && s.items.length > 0) e.push(forbidden(`${path}.items`, "items must be a schema object and not an array"));
    if (ctx.insideResourceMeta && s["x-kubernetes-embedded-resource"] === true) {
      e.push(forbidden(`${path}.x-kubernetes-embedded-resource`, "must not be used inside of resource meta"));
    }
  }

  /** Walks one node; `cel` says whether rules here can be compiled (the structural spine of a structural schema). */
  check(s: JSONSchemaProps, path: string, ctx: Context, isRoot: boolean, cel: boolean): void {
    const before = this.errs.length;
    const e = this.errs;
    this.standard(s, path, ctx);
    if (s.uniqueItems === true) e.push(forbidden(`${path}.uniqueItems`, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    const properties = propsEntries(s.properties);
    if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
      if (properties.length > 0 && (s.additionalProperties === false || isJsonObject(s.additionalProperties))) {
        e.push(forbidden(`${path}.additionalProperties`, "additionalProperties and properties are mutual exclusive"));
      }
      const ap = asProps(s.additionalProperties);
      const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowDefaultsReason: "inside additionalProperties applying to object metadata" } : ctx;
      if (ap) this.check(ap, `${path}.additionalProperties`, sub, false, cel);
    }
    for (const [k, p] of properties) {
      let sub = ctx;
      if ((isRoot || s["x-kubernetes-embedded-resource"] === true) && META_FIELDS.has(k)) {
        sub = { ...sub, insideResourceMeta: true };
        if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${k}` };
      }
      this.check(p, `${path}.properties[${k}]`, sub, false, cel);
    }
    const not = asProps(s.not);
    if (not) this.check(not, `${path}.not`, ctx, false, false);
    for (const k of ["allOf", "oneOf", "anyOf"] as const) {
      propsList(s[k]).forEach((alt, i) => {
        this.check(alt, `${path}.${k}[${i}]`, ctx, false, false);
      });
    }
    for (const [k, d] of propsEntries(s.definitions)) this.check(d, `${path}.definitions[${k}]`, ctx, false, false);
    if (Array.isArray(s.items)) {
      propsList(s.items).forEach((it, i) => {
        this.check(it, `${path}.items[${i}]`, ctx, false, cel);
      });
    } else if (isJsonObject(s.items)) this.check(s.items as JSONSchemaProps, `${path}.items`, ctx, false, cel);
    for (const [k, d] of propsEntries(s.dependencies)) this.check(d, `${path}.dependencies[${k}]`, ctx, false, false);
    this.extensions(s, path);
    this.rules(s, path);
    if (cel && this.errs.length === before && Array.isArray(s["x-kubernetes-validations"]) && s["x-kubernetes-validations"].length > 0) {
      this.celNodes.add(path);
    }
  }

  /** `x-kubernetes-*` extensions: preserve-unknown-fields, map-type, list-type, list-map-keys. */
  private extensions(s: JSONSchemaProps, path: string): void {
    const e = this.errs;
    const type = typeof s.type === "string" ? s.type : "";
    if (s["x-kubernetes-preserve-unknown-fields"] === false) {
      e.push(invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, "must be true or undefined"));
    }
    const mapType = s["x-kubernetes-map-type"];
    if (mapType !== undefined && mapType !== null) {
      if (type !== "object") {
        const msg = "must be object if x-kubernetes-map-type is specified";
        e.push(type === "" ? required(`${path}.type`, msg) : invalid(`${path}.type`, type, msg));
      }
      if (mapType !== "atomic" && mapType !== "granular") e.push(notSupported(`${path}.x-kubernetes-map-type`, mapType, ["atomic", "granular"]));
    }
    const listType = s["x-kubernetes-list-type"];
    const items = asProps(s.items);
    if (listType !== undefined && listType !== null) {
      if (type !== "array") {
        const msg = "must be array if x-kubernetes-list-type is specified";
        e.push(type === "" ? required(`${path}.type`, msg) : invalid(`${path}.type`, type, msg));
      } else if (listType === "set" && items) {
        const msg = "must be atomic as item of a list with x-kubernetes-list-type=set";
        if (items.type === "array" && items["x-kubernetes-list-type"] !== undefined && items["x-kubernetes-list-type"] !== "atomic") {
          e.push(invalid(`${path}.items.x-kubernetes-list-type`, items["x-kubernetes-list-type"], msg));
        } else if (items.type === "object" && items["x-kubernetes-map-type"] !== "atomic") {
          // Upstream prints the items' list type here (nil for an object).
          e.push(invalid(`${path}.items.x-kubernetes-map-type`, items["x-kubernetes-list-type"] ?? null, msg));
        }
      }
      if (listType !== "atomic" && listType !== "set" && listType !== "map") e.push(notSupported(`${path}.x-kubernetes-list-type`, listType, ["atomic", "set", "map"]));
    }
    const keys = stringList(s["x-kubernetes-list-map-keys"]);
    if (keys.length > 0) {
      const msg = "must be map if x-kubernetes-list-map-keys is non-empty";
      if (listType === undefined || listType === null) e.push(required(`${path}.x-kubernetes-list-type`, msg));
      else if (listType !== "map") e.push(invalid(`${path}.x-kubernetes-list-type`, listType, msg));
    }
    if (listType === "map") {
      if (keys.length === 0) e.push(required(`${path}.x-kubernetes-list-map-keys`, "must not be empty if x-kubernetes-list-type is map"));
      if (s.items === undefined || s.items === null) e.push(required(`${path}.items`, "must have a schema if x-kubernetes-list-type is map"));
      if (Array.isArray(s.items)) e.push(invalid(`${path}.items`, goValue(s.items), "must only have a single schema if x-kubernetes-list-type is map"));
      if (items && items.type !== "object") e.push(invalid(`${path}.items.type`, items.type ?? "", "must be object if parent array's x-kubernetes-list-type is map"));
      if (items && items.type === "object") {
        const props = new Map(propsEntries(items.properties));
        const seen = new Set<string>();
        for (const k of keys) {
          const p = props.get(k);
          if (p === undefined) e.push(invalid(`${path}.x-kubernetes-list-map-keys`, goStringSlice(keys), "entries must all be names of item properties"));
          else if (p.type === "array" || p.type === "object") {
            e.push(invalid(`${path}.items.properties[${k}].type`, items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
          if (seen.has(k)) e.push(invalid(`${path}.x-kubernetes-list-map-keys`, goStringSlice(keys), "must not contain duplicate entries"));
          seen.add(k);
        }
      }
    }
    if (items && (listType === "set" || listType === "map")) {
      if (items.nullable === true) e.push(forbidden(`${path}.items.nullable`, `cannot be nullable when x-kubernetes-list-type is ${listType}`));
      if (listType === "map") {
        const requiredKeys = new Set(stringList(items.required));
        const props = new Map(propsEntries(items.properties));
        for (const k of keys) {
          const p = props.get(k);
          if (p === undefined) continue;
          if (!requiredKeys.has(k) && p.default === undefined) {
            e.push(required(`${path}.items.properties[${k}].default`, "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
          }
          if (p.nullable === true) e.push(forbidden(`${path}.items.properties[${k}].nullable`, "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
        }
      }
    }
  }

  /** The non-CEL checks of `x-kubernetes-validations` entries. */
  private rules(s: JSONSchemaProps, path: string): void {
    const rules = s["x-kubernetes-validations"];
    if (!Array.isArray(rules)) return;
    const e = this.errs;
    rules.forEach((raw, i) => {
      const r: JsonObject = isJsonObject(raw) ? raw : {};
      const at = (k: string) => `${path}.x-kubernetes-validations[${i}].${k}`;
      const rule = typeof r.rule === "string" ? r.rule : "";
      const message = typeof r.message === "string" ? r.message : "";
      const trimmedRule = rule.trim();
      const trimmedMsg = message.trim();
      if (trimmedRule === "") e.push(required(at("rule"), "rule is not specified"));
      else if (message.length > 0 && trimmedMsg === "") e.push(invalid(at("message"), message, "message must be non-empty if specified"));
      else if (NEWLINES.test(trimmedMsg)) e.push(invalid(at("message"), message, "message must not contain line breaks"));
      else if (NEWLINES.test(trimmedRule) && trimmedMsg === "") e.push(required(at("message"), "message must be specified if rule contains line breaks"));
      if (typeof r.messageExpression === "string" && r.messageExpression.length > 0 && r.messageExpression.trim() === "") {
        e.push(required(at("messageExpression"), "messageExpression must be non-empty if specified"));
      }
      if (r.reason !== undefined && r.reason !== null && !SUPPORTED_REASONS.includes(String(r.reason))) e.push(notSupported(at("reason"), r.reason, SUPPORTED_REASONS));
      const fieldPath = typeof r.fieldPath === "string" ? r.fieldPath : "";
      if (fieldPath.length > 0 && fieldPath.trim() === "") e.push(invalid(at("fieldPath"), fieldPath, "fieldPath must be non-empty if specified"));
      if (NEWLINES.test(fieldPath)) e.push(invalid(at("fieldPath"), fieldPath, "fieldPath must not contain line breaks"));
      if (fieldPath.length > 0) {
        try {
          validFieldPath(fieldPath, toStructural(s));
        } catch {
          e.push(invalid(at("fieldPath"), fieldPath, "fieldPath must be a valid path"));
        }
      }
    });
  }
}

/**
 * The errors kube-apiserver reports for a CRD version's `openAPIV3Schema`
 * at `path` (e.g. `spec.versions[0].schema.openAPIV3Schema`), with
 * upstream's paths and messages, e.g.
 * `spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields`.
 * CEL rule compilation errors are included.
 */
export function structuralSchemaErrors(openAPIV3Schema: unknown, path = "spec.validation.openAPIV3Schema"): FieldError[] {
  const schema = asProps(openAPIV3Schema);
  if (schema === undefined) return [invalid(path, goValue(openAPIV3Schema), "must be an object")];
  const errs: FieldError[] = [];
  if (schema.nullable === true) errs.push(forbidden(`${path}.nullable`, "nullable cannot be true at the root"));
  // A schema with items as a list cannot be made structural; upstream then skips these steps.
  let structuralOK = !hasItemsArray(schema, 0);
  const structural = toStructural(schema);
  const cel = structuralOK ? compileCelRules(structural, { path }) : undefined;
  if (structuralOK) {
    const serrs = structuralErrors(schema, path);
    if (serrs.length > 0) {
      errs.push(...serrs);
      structuralOK = false;
    } else {
      const derrs = defaultErrors(structural, path, cel);
      errs.push(...derrs);
      if (derrs.length > 0) structuralOK = false;
    }
  }
  const checker = new OpenAPIChecker();
  checker.check(schema, path, ROOT_CONTEXT, true, structuralOK);
  errs.push(...checker.errs);
  if (structuralOK && cel) {
    for (const e of cel.errors) {
      const node = e.field.slice(0, e.field.lastIndexOf(".x-kubernetes-validations["));
      if (checker.celNodes.has(node)) errs.push(e);
    }
  }
  return errs;
}

function hasItemsArray(s: JSONSchemaProps, depth: number): boolean {
  if (depth > 1000) return false;
  if (Array.isArray(s.items)) return true;
  const children: JSONSchemaProps[] = [...propsEntries(s.properties).map(([, p]) => p), ...propsList(s.allOf), ...propsList(s.anyOf), ...propsList(s.oneOf)];
  for (const k of ["items", "additionalProperties", "not"] as const) {
    const p = asProps(s[k]);
    if (p) children.push(p);
  }
  return children.some((c) => hasItemsArray(c, depth + 1));
}
