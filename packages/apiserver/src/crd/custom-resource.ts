/**
 * Turns a CustomResourceDefinition into the {@link ResourceDefinition}s the
 * generic registry serves: one per served version, all in the storage of
 * the CRD's storage version (`conversion: None` only rewrites apiVersion).
 * @module
 */
import type { FieldError, StructuralSchema } from "@kube-ts/core";
import { fieldAt } from "../registry/define.js";
import type { FieldGetter, KubeObject, ResourceDefinition, ScaleSubresource, SharedStorage } from "../registry/resource.js";
import { type PrinterColumn, customResourcePrinter } from "./printer.js";

/** The parts of a CRD's spec the server reads. */
export interface CrdSpec {
  group: string;
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  scope: "Namespaced" | "Cluster";
  versions: CrdVersion[];
}

/** One entry of `spec.versions`. */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
  selectableFields?: Array<{ jsonPath: string }>;
}

/** Schema behaviour of one version: conversion, defaulting and validation (see `crd/rules.ts`). */
export interface VersionRules {
  structural: StructuralSchema;
  applyDefaults(obj: KubeObject): void;
  validate(obj: KubeObject, old: KubeObject | undefined): FieldError[];
}

/** Builds the rules of a version's schema; supplied by the server so this module stays pure wiring. */
export type RulesFactory = (schema: Record<string, unknown>) => VersionRules;

/** Upstream names a custom resource's OpenAPI schema by its reversed group: `com.example.stable.v1.CronTab`. */
export function customSchemaName(group: string, version: string, kind: string): string {
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

function withApiVersion(apiVersion: string): (obj: KubeObject) => KubeObject {
  return (obj) => ({ ...obj, apiVersion });
}

/** The served versions of a CRD as resource definitions. */
export function customResourceDefinitions(spec: CrdSpec, rulesFor: RulesFactory): ResourceDefinition[] {
  const storage = spec.versions.find((v) => v.storage);
  const storageApiVersion = `${spec.group}/${storage?.name ?? spec.versions[0]?.name}`;
  const definitions: ResourceDefinition[] = [];
  for (const version of spec.versions) {
    if (!version.served) continue;
    const apiVersion = `${spec.group}/${version.name}`;
    const openAPIV3Schema = version.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    const rules = rulesFor(openAPIV3Schema);
    const scale: ScaleSubresource | undefined = version.subresources?.scale
      ? {
          specReplicasPath: version.subresources.scale.specReplicasPath,
          statusReplicasPath: version.subresources.scale.statusReplicasPath,
          labelSelectorPath: version.subresources.scale.labelSelectorPath,
        }
      : undefined;
    // Every version reads through a view: the served apiVersion (conversion None) and the
    // schema's defaults, which upstream applies on read too (objects stored before a default
    // was added to the schema come back with it).
    const storedAs: SharedStorage = {
      group: spec.group,
      plural: spec.names.plural,
      toStorage: withApiVersion(storageApiVersion),
      fromStorage: (stored) => {
        const view = structuredClone(stored); // stored objects may be shared (watch cache)
        view.apiVersion = apiVersion;
        rules.applyDefaults(view);
        return view;
      },
    };
    const fieldSelectors: Record<string, FieldGetter> = {};
    for (const field of version.selectableFields ?? []) fieldSelectors[field.jsonPath.replace(/^\./, "")] = fieldAt(field.jsonPath.replace(/^\./, ""));
    definitions.push({
      group: spec.group,
      version: version.name,
      kind: spec.names.kind,
      listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      plural: spec.names.plural,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
      shortNames: spec.names.shortNames ?? [],
      categories: spec.names.categories ?? [],
      namespaced: spec.scope !== "Cluster",
      subresources: { status: version.subresources?.status !== undefined, scale },
      schemaName: customSchemaName(spec.group, version.name, spec.names.kind),
      strategy: {
        prepareForCreate: rules.applyDefaults,
        prepareForUpdate: rules.applyDefaults,
        prepareForStatusUpdate: rules.applyDefaults,
        validate: (obj) => rules.validate(obj, undefined),
        validateUpdate: (obj, old) => rules.validate(obj, old),
      },
      fieldSelectors,
      hasGeneration: true,
      deleteCollection: true,
      storedAs,
      custom: { openAPIV3Schema, structural: rules.structural },
      printer: customResourcePrinter(version.additionalPrinterColumns),
    });
  }
  return definitions;
}
