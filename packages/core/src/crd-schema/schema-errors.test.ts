import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFieldError } from "../validation/field-error.js";
import { structuralSchemaErrors } from "./schema-errors.js";

const P = "spec.versions[0].schema.openAPIV3Schema";
const errs = (schema: unknown) => structuralSchemaErrors(schema, P).map(formatFieldError);
/** A root schema with `spec` as given. */
const withSpec = (spec: unknown) => ({ type: "object", properties: { spec } });

describe("structuralSchemaErrors: a valid schema", () => {
  it("accepts a realistic structural schema", () => {
    const schema = {
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { type: "object", properties: { name: { type: "string", maxLength: 20 } } },
        spec: {
          type: "object",
          required: ["image"],
          properties: {
            image: { type: "string", pattern: "^[a-z0-9./:-]+$" },
            replicas: { type: "integer", format: "int32", minimum: 0, default: 1 },
            port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
            labels: { type: "object", additionalProperties: { type: "string" } },
            config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
            ports: {
              type: "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["name"],
              items: { type: "object", required: ["name"], properties: { name: { type: "string" }, port: { type: "integer" } } },
            },
          },
          oneOf: [{ required: ["replicas"] }, { required: ["config"] }],
          "x-kubernetes-validations": [{ rule: "self.replicas <= 10", message: "too many" }],
        },
        status: { type: "object", properties: { ready: { type: "boolean" } } },
      },
    };
    assert.deepEqual(errs(schema), []);
  });
});

describe("structuralSchemaErrors: structural invariants", () => {
  it("requires a type on every specified field, item and the root", () => {
    assert.deepEqual(errs(withSpec({ properties: { a: { type: "string" } } })), [`${P}.properties[spec].type: Required value: must not be empty for specified object fields`]);
    assert.deepEqual(errs(withSpec({ type: "array", items: { properties: { a: { type: "string" } } } })), [
      `${P}.properties[spec].items.type: Required value: must not be empty for specified array items`,
    ]);
    assert.deepEqual(errs({ properties: { spec: { type: "object" } } }), [`${P}.type: Required value: must not be empty at the root`]);
    assert.deepEqual(errs({ type: "string" }), [`${P}.type: Invalid value: "string": must be object at the root`]);
  });

  it("accepts no type for int-or-string and preserved values", () => {
    assert.deepEqual(errs(withSpec({ type: "object", properties: { a: { "x-kubernetes-int-or-string": true }, b: { "x-kubernetes-preserve-unknown-fields": true } } })), []);
  });

  it("requires items on arrays and forbids additionalProperties at the root", () => {
    assert.deepEqual(errs(withSpec({ type: "array" })), [`${P}.properties[spec].items: Required value: must be specified`]);
    assert.deepEqual(errs({ type: "object", additionalProperties: { type: "string" } }), [`${P}.additionalProperties: Forbidden: must not be used at the root`]);
  });

  it("restricts the root metadata to name and generateName", () => {
    assert.deepEqual(errs({ type: "object", properties: { metadata: { type: "object", properties: { name: { type: "string", maxLength: 5 }, generateName: { type: "string" } } } } }), []);
    assert.deepEqual(errs({ type: "object", properties: { metadata: { type: "object", properties: { labels: { type: "object" } } } } }), [
      `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ]);
    assert.deepEqual(errs({ type: "object", properties: { metadata: { type: "string" }, kind: { type: "integer" } } }), [
      `${P}.properties[kind].type: Invalid value: "integer": must be string`,
      `${P}.properties[metadata].type: Invalid value: "string": must be object`,
    ]);
  });

  it("forbids types, defaults and extensions under value validations, but allows the int-or-string patterns", () => {
    const spec = {
      type: "object",
      properties: { a: { type: "string" }, n: { "x-kubernetes-int-or-string": true, allOf: [{ anyOf: [{ type: "integer" }, { type: "string" }] }] } },
      anyOf: [{ type: "object", description: "no", properties: { a: { nullable: true, default: "x" } } }],
      not: { "x-kubernetes-validations": [{ rule: "true" }] },
    };
    assert.deepEqual(errs(withSpec(spec)), [
      `${P}.properties[spec].anyOf[0].description: Forbidden: must be empty to be structural`,
      `${P}.properties[spec].anyOf[0].properties[a].default: Forbidden: must be undefined to be structural`,
      `${P}.properties[spec].anyOf[0].properties[a].nullable: Forbidden: must be false to be structural`,
      `${P}.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural`,
      `${P}.properties[spec].not.x-kubernetes-validations: Forbidden: must be empty to be structural`,
    ]);
  });

  it("requires value validations at the root to name only fields of the spine", () => {
    const schema = { type: "object", properties: { spec: { type: "object", properties: { a: { type: "string" } } } }, allOf: [{ properties: { spec: { properties: { b: { minLength: 1 } } } } }] };
    assert.deepEqual(errs(schema), [`${P}.properties[spec].properties[b]: Required value: because it is defined in ${P}.allOf[0].properties[spec].properties[b]`]);
  });

  it("checks embedded resources and int-or-string extensions", () => {
    assert.deepEqual(errs(withSpec({ type: "object", properties: { t: { type: "string", "x-kubernetes-embedded-resource": true } } })), [
      `${P}.properties[spec].properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
      `${P}.properties[spec].properties[t].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "object", properties: { n: { "x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true } } })), [
      `${P}.properties[spec].properties[n].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
    ]);
  });

  it("checks patterns with Go's regexp syntax (RE2)", () => {
    assert.deepEqual(errs(withSpec({ type: "string", pattern: "(abc" })), [
      `${P}.properties[spec].pattern: Invalid value: "(abc": must be a valid regular expression, but isn't: error parsing regexp: missing closing ): \`(abc\``,
    ]);
    assert.deepEqual(errs(withSpec({ type: "string", pattern: "^(?=a)" })).length, 1);
    assert.deepEqual(errs(withSpec({ type: "string", pattern: "^\\p{L}+$" })), []);
  });
});

describe("structuralSchemaErrors: OpenAPI keywords", () => {
  it("forbids the keywords CRDs do not support", () => {
    const spec = {
      type: "object",
      id: "x",
      $ref: "#/definitions/a",
      patternProperties: { "^a": { type: "string" } },
      definitions: { a: { type: "string" } },
      dependencies: { a: ["b"] },
      additionalItems: false,
      uniqueItems: true,
    };
    assert.deepEqual(errs(withSpec(spec)), [
      `${P}.properties[spec].id: Forbidden: id is not supported`,
      `${P}.properties[spec].additionalItems: Forbidden: additionalItems is not supported`,
      `${P}.properties[spec].patternProperties: Forbidden: patternProperties is not supported`,
      `${P}.properties[spec].definitions: Forbidden: definitions is not supported`,
      `${P}.properties[spec].dependencies: Forbidden: dependencies is not supported`,
      `${P}.properties[spec].$ref: Forbidden: $ref is not supported`,
      `${P}.properties[spec].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ]);
  });

  it("rejects unknown types, null types and items lists", () => {
    assert.deepEqual(errs(withSpec({ type: "null" })), [
      `${P}.properties[spec].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"`,
      `${P}.properties[spec].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "array", items: [{ type: "string" }] })), [`${P}.properties[spec].items: Forbidden: items must be a schema object and not an array`]);
  });

  it("makes properties and additionalProperties mutually exclusive", () => {
    assert.deepEqual(errs(withSpec({ type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } })), [
      `${P}.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "object", properties: { a: { type: "string" } }, additionalProperties: true })), []);
  });

  it("forbids nullable at the root and defaults in top-level metadata", () => {
    assert.deepEqual(errs({ type: "object", nullable: true }), [`${P}.nullable: Forbidden: nullable cannot be true at the root`]);
    assert.deepEqual(errs({ type: "object", properties: { kind: { type: "string", default: "X" } } }), [`${P}.properties[kind].default: Forbidden: must not be set in top-level kind`]);
  });

  it("checks x-kubernetes-preserve-unknown-fields and map types", () => {
    assert.deepEqual(errs(withSpec({ type: "object", "x-kubernetes-preserve-unknown-fields": false })), [
      `${P}.properties[spec].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "object", "x-kubernetes-map-type": "fine" })), [
      `${P}.properties[spec].x-kubernetes-map-type: Unsupported value: "fine": supported values: "atomic", "granular"`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "string", "x-kubernetes-map-type": "atomic" })), [`${P}.properties[spec].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`]);
  });

  it("checks list types and list map keys", () => {
    const list = (extra: object, items: object = { type: "object", required: ["name"], properties: { name: { type: "string" } } }) =>
      withSpec({ type: "object", properties: { l: { type: "array", items, ...extra } } });
    const L = `${P}.properties[spec].properties[l]`;
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "bag" })), [`${L}.x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "map" })), [`${L}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-map-keys": ["name"] })), [`${L}.x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty`]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name", "id", "name"] })), [
      `${L}.x-kubernetes-list-map-keys: Invalid value: []string{"name", "id", "name"}: entries must all be names of item properties`,
      `${L}.x-kubernetes-list-map-keys: Invalid value: []string{"name", "id", "name"}: must not contain duplicate entries`,
    ]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }, { type: "object", properties: { name: { type: "string", nullable: true } } })), [
      `${L}.items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
      `${L}.items.properties[name].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable`,
    ]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }, { type: "string" })), [
      `${L}.items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`,
    ]);
    assert.deepEqual(errs(list({ "x-kubernetes-list-type": "set" })), [
      `${L}.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`,
    ]);
    assert.deepEqual(errs(withSpec({ type: "string", "x-kubernetes-list-type": "set" })), [`${P}.properties[spec].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified`]);
  });
});

describe("structuralSchemaErrors: defaults", () => {
  it("validates defaults against their schema, with names relative to the default", () => {
    const schema = withSpec({
      type: "object",
      properties: {
        replicas: { type: "integer", minimum: 1, default: 0 },
        mode: { type: "string", enum: ["a", "b"], default: "c" },
        nested: { type: "object", properties: { n: { type: "integer", maximum: 3 } }, default: { n: 5 } },
      },
    });
    assert.deepEqual(errs(schema), [
      `${P}.properties[spec].properties[replicas].default: Invalid value: 0:  in body should be greater than or equal to 1`,
      `${P}.properties[spec].properties[mode].default: Unsupported value: "c": supported values: "a", "b"`,
      `${P}.properties[spec].properties[nested].default.n: Invalid value: 5: n in body should be less than or equal to 3`,
    ]);
  });

  it("requires defaults to be pruned", () => {
    const schema = withSpec({ type: "object", properties: { a: { type: "string" } }, default: { a: "x", bogus: 1 } });
    assert.deepEqual(errs(schema), [`${P}.properties[spec].default: Invalid value: map[string]interface {}{"a":"x", "bogus":1}: must not have unknown fields`]);
  });

  it("checks defaults against the node's CEL rules", () => {
    const schema = withSpec({
      type: "object",
      properties: { min: { type: "integer" }, max: { type: "integer" } },
      default: { min: 5, max: 1 },
      "x-kubernetes-validations": [{ rule: "self.min <= self.max", message: "min must not exceed max" }],
    });
    assert.deepEqual(errs(schema), [`${P}.properties[spec].default: Invalid value: "object": min must not exceed max`]);
  });
});

describe("structuralSchemaErrors: x-kubernetes-validations", () => {
  const rules = (...r: unknown[]) => withSpec({ type: "object", properties: { a: { type: "integer" }, list: { type: "array", items: { type: "string" } } }, "x-kubernetes-validations": r });
  const V = `${P}.properties[spec].x-kubernetes-validations`;

  it("checks the rule entries", () => {
    assert.deepEqual(errs(rules({ rule: " " })), [`${V}[0].rule: Required value: rule is not specified`]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", message: "  " })), [`${V}[0].message: Invalid value: "  ": message must be non-empty if specified`]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", message: "a\nb" })), [`${V}[0].message: Invalid value: "a\\nb": message must not contain line breaks`]);
    assert.deepEqual(errs(rules({ rule: "self.a >\n0" })), [`${V}[0].message: Required value: message must be specified if rule contains line breaks`]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", messageExpression: " " })), [`${V}[0].messageExpression: Required value: messageExpression must be non-empty if specified`]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", reason: "FieldValueBad" })), [
      `${V}[0].reason: Unsupported value: "FieldValueBad": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
    ]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", fieldPath: ".b" })), [`${V}[0].fieldPath: Invalid value: ".b": fieldPath must be a valid path`]);
    assert.deepEqual(errs(rules({ rule: "self.a > 0", fieldPath: ".a" })), []);
  });

  it("reports compilation errors as upstream words them", () => {
    assert.deepEqual(errs(rules({ rule: "self.foo > 0" })), [
      `${V}[0].rule: Invalid value: apiextensions.ValidationRule{Rule:"self.foo > 0", Message:"", MessageExpression:"", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:5: undefined field 'foo'\n | self.foo > 0\n | ....^`,
    ]);
    assert.deepEqual(errs(rules({ rule: "ip(self.a).family() == 6" })), [
      `${V}[0].rule: Invalid value: apiextensions.ValidationRule{Rule:"ip(self.a).family() == 6", Message:"", MessageExpression:"", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:3: undeclared reference to 'ip' (in container '')\n | ip(self.a).family() == 6\n | ..^\nERROR: <input>:1:18: undeclared reference to 'family' (in container '')\n | ip(self.a).family() == 6\n | .................^`,
    ]);
    assert.deepEqual(errs(rules({ rule: "self.a" })), [
      `${V}[0].rule: Invalid value: apiextensions.ValidationRule{Rule:"self.a", Message:"", MessageExpression:"", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}: cel expression must evaluate to a bool`,
    ]);
    const [m] = errs(rules({ rule: "self.a > 0", messageExpression: "self.a" }));
    assert.match(m, /x-kubernetes-validations\[0\]\.messageExpression: Invalid value: apiextensions\.ValidationRule\{.*MessageExpression:"self\.a".*\}: messageExpression must evaluate to a string$/);
  });

  it("reports type mismatches and prints a set reason", () => {
    const [e] = errs(rules({ rule: "self.a == 'x'", reason: "FieldValueForbidden" }));
    assert.equal(
      e,
      `${V}[0].rule: Invalid value: apiextensions.ValidationRule{Rule:"self.a == 'x'", Message:"", MessageExpression:"", Reason:&"FieldValueForbidden", FieldPath:"", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:8: found no matching overload for '_==_' applied to '(int, string)'\n | self.a == 'x'\n | .......^`,
    );
  });

  it("forbids oldSelf where old and new values cannot be paired", () => {
    const schema = withSpec({
      type: "object",
      properties: { list: { type: "array", items: { type: "object", properties: { v: { type: "integer", "x-kubernetes-validations": [{ rule: "self >= oldSelf" }] } } } } },
    });
    assert.deepEqual(errs(schema), [
      `${P}.properties[spec].properties[list].items.properties[v].x-kubernetes-validations[0].rule: Invalid value: "self >= oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within ${P}.properties[spec].properties[list]`,
    ]);
  });

  it("does not compile rules while the schema around them is invalid", () => {
    const schema = withSpec({ type: "object", properties: { a: { properties: {} } }, "x-kubernetes-validations": [{ rule: "self.nope" }] });
    assert.deepEqual(errs(schema), [`${P}.properties[spec].properties[a].type: Required value: must not be empty for specified object fields`]);
  });
});

describe("structuralSchemaErrors: robustness", () => {
  it("rejects a non-object schema and never throws on junk", () => {
    assert.deepEqual(errs("nope"), [`${P}: Invalid value: "nope": must be an object`]);
    for (const junk of [{ type: "object", properties: [] }, { type: "object", properties: { a: 1 } }, { type: "array", items: "x" }, { "x-kubernetes-validations": "rule" }]) {
      assert.doesNotThrow(() => errs(junk));
    }
  });
});
