/**
 * The CustomResourceDefinition resource itself (apiextensions.k8s.io/v1):
 * defaulting, the cleanup finalizer, and validation of names, versions and
 * schemas with upstream's messages.
 * @module
 */
import { type FieldError, compileCelRules, field, nameIsDNSLabel, structuralSchemaErrors, toStructural } from "@kube-ts/core";
import { defineResource } from "../registry/define.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";
import type { CrdSpec } from "./custom-resource.js";
import { JsonPathError, compileJsonPath } from "./json-path.js";

/** The finalizer that lets the CRD controller delete every custom resource first. */
export const CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

function specOf(obj: KubeObject): CrdSpec {
  obj.spec ??= {};
  return obj.spec as CrdSpec;
}

/** Upstream's SetDefaults_CustomResourceDefinitionSpec. */
function applyCrdDefaults(obj: KubeObject): void {
  const spec = specOf(obj) as CrdSpec & { conversion?: { strategy?: string } };
  if (spec.names && typeof spec.names === "object") {
    if (!spec.names.singular && spec.names.kind) spec.names.singular = spec.names.kind.toLowerCase();
    if (!spec.names.listKind && spec.names.kind) spec.names.listKind = `${spec.names.kind}List`;
  }
  spec.conversion ??= { strategy: "None" };
  spec.conversion.strategy ??= "None";
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Validates a CRD on create and update, as upstream's ValidateCustomResourceDefinition (the common rules). */
export function validateCrd(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = (obj.spec ?? {}) as Partial<CrdSpec>;
  const names = (spec.names ?? {}) as Partial<CrdSpec["names"]>;
  const group = spec.group ?? "";
  const expectedName = `${names.plural ?? ""}.${group}`;
  if (obj.metadata?.name !== expectedName) {
    errs.push(field.invalid("metadata.name", obj.metadata?.name ?? "", `must be spec.names.plural+"."+spec.group`));
  }
  if (!group) errs.push(field.required("spec.group", ""));
  else if (!group.includes(".")) errs.push(field.invalid("spec.group", group, "should be a domain with at least one dot"));
  if (!names.plural) errs.push(field.required("spec.names.plural", ""));
  else for (const msg of nameIsDNSLabel(names.plural, false)) errs.push(field.invalid("spec.names.plural", names.plural, msg));
  if (!names.kind) errs.push(field.required("spec.names.kind", ""));
  if (names.singular) for (const msg of nameIsDNSLabel(names.singular, false)) errs.push(field.invalid("spec.names.singular", names.singular, msg));
  for (const [i, s] of (names.shortNames ?? []).entries()) {
    for (const msg of nameIsDNSLabel(s, false)) errs.push(field.invalid(`spec.names.shortNames[${i}]`, s, msg));
  }
  if (spec.scope !== "Namespaced" && spec.scope !== "Cluster") {
    errs.push(spec.scope ? field.notSupported("spec.scope", spec.scope, ["Cluster", "Namespaced"]) : field.required("spec.scope", ""));
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) errs.push(field.required("spec.versions", "must have exactly one version marked as storage version"));
  const seen = new Set<string>();
  let storageCount = 0;
  versions.forEach((v, i) => {
    const path = `spec.versions[${i}]`;
    if (!v.name || !DNS1035.test(v.name)) errs.push(field.invalid(`${path}.name`, v.name ?? "", "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"));
    else if (seen.has(v.name)) errs.push(field.duplicate(`${path}.name`, v.name));
    seen.add(v.name);
    if (v.storage) storageCount++;
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) errs.push(field.required(`${path}.schema.openAPIV3Schema`, "schemas are required"));
    else {
      const schemaErrors = structuralSchemaErrors(schema, `${path}.schema.openAPIV3Schema`);
      errs.push(...schemaErrors);
      // CEL rules must compile (only meaningful once the schema itself is structural).
      if (schemaErrors.length === 0) errs.push(...compileCelRules(toStructural(schema), { path: `${path}.schema.openAPIV3Schema` }).errors);
    }
    const scale = v.subresources?.scale;
    if (scale) {
      if (!scale.specReplicasPath) errs.push(field.required(`${path}.subresources.scale.specReplicasPath`, ""));
      if (!scale.statusReplicasPath) errs.push(field.required(`${path}.subresources.scale.statusReplicasPath`, ""));
    }
    for (const [j, column] of (v.additionalPrinterColumns ?? []).entries()) {
      try {
        compileJsonPath(column.jsonPath ?? "");
      } catch (err) {
        if (!(err instanceof JsonPathError)) throw err;
        errs.push(field.invalid(`${path}.additionalPrinterColumns[${j}].jsonPath`, column.jsonPath, err.message));
      }
    }
  });
  if (versions.length > 0 && storageCount !== 1) {
    errs.push(field.invalid("spec.versions", versions.map((v) => v.name), "must have exactly one version marked as storage version"));
  }
  if (versions.length > 0 && !versions.some((v) => v.served)) {
    errs.push(field.invalid("spec.versions", versions.map((v) => v.name), "must have at least one version marked as served"));
  }
  if (old) {
    const oldSpec = (old.spec ?? {}) as Partial<CrdSpec>;
    if (oldSpec.scope !== spec.scope) errs.push(field.invalid("spec.scope", spec.scope ?? "", "field is immutable"));
    if (oldSpec.group !== spec.group) errs.push(field.invalid("spec.group", group, "field is immutable"));
  }
  return errs;
}

/** apiextensions.k8s.io/v1 CustomResourceDefinition. */
export const crdResource: ResourceDefinition = defineResource({
  group: "apiextensions.k8s.io",
  version: "v1",
  kind: "CustomResourceDefinition",
  plural: "customresourcedefinitions",
  namespaced: false,
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  status: true,
  hasGeneration: true,
  strategy: {
    prepareForCreate(obj) {
      applyCrdDefaults(obj);
      const meta = (obj.metadata ??= {});
      meta.finalizers = [...new Set([...(meta.finalizers ?? []), CLEANUP_FINALIZER])];
    },
    prepareForUpdate: applyCrdDefaults,
    validate: (obj) => validateCrd(obj, undefined),
    validateUpdate: validateCrd,
  },
});
