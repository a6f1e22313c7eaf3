/**
 * What the API server knows about one served resource: names, scope,
 * subresources, schema and per-resource behaviour. Built-in kinds and custom
 * resources are both described by a {@link ResourceDefinition} and served by
 * the one generic store and REST handler.
 * @module
 */

/** A Kubernetes object as the API server handles it: parsed JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** ObjectMeta as the server reads and writes it: the fields validation knows, plus anything else sent. */
export interface ObjectMeta extends ObjectMetaInput {
  [field: string]: unknown;
}

/** Where the scale subresource reads and writes replicas (paths are dotted JSON paths). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

import type { ObjectMetaInput, StructuralSchema } from "@kube-ts/core";
import type { Printer } from "../printers/index.js";

/** A field-level validation problem, reported as a StatusCause of a 422 Invalid. */
export type { FieldError } from "@kube-ts/core";
import type { FieldError } from "@kube-ts/core";

/**
 * Per-resource behaviour, after upstream's RESTCreateStrategy /
 * RESTUpdateStrategy: each hook is optional and pure (no I/O).
 */
export interface ResourceStrategy {
  /** Clears or sets fields before a create (e.g. drop status, set defaults). */
  prepareForCreate?(obj: KubeObject): void;
  /** Copies fields the main resource must not change (e.g. status) from `old` before an update. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Same for writes through the status subresource (keep everything but status). */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Keep a status sent on create (most kinds with a status subresource drop it). */
  keepStatusOnCreate?: boolean;
  /**
   * Grace period of a delete, for kinds deleted gracefully (pods on a node):
   * undefined means "delete at once", a positive number keeps the object,
   * marked, until the period ends or a later delete shortens it.
   */
  gracefulDeletion?(obj: KubeObject, requested: number | undefined): number | undefined;
  /** Marks an object whose deletion has begun (e.g. a namespace becomes Terminating). */
  prepareForDeletion?(obj: KubeObject): void;
  /** Finalizers besides metadata.finalizers that hold a deletion (a namespace's spec.finalizers). */
  extraFinalizers?(obj: KubeObject): string[];
  /** Validation of a new object (metadata is validated by the store). */
  validate?(obj: KubeObject): FieldError[];
  /** Validation of an update, including immutable fields. */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}

/** Extracts the value of one selectable field (e.g. `spec.nodeName`) from an object. */
export type FieldGetter = (obj: KubeObject) => string | undefined;

/**
 * Another resource whose storage this one shares, and the conversions to and
 * from its stored form (events.k8s.io/v1 Events are stored as core/v1 Events).
 */
export interface SharedStorage {
  group: string;
  plural: string;
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

/** What a CustomResourceDefinition's version says about its objects. */
export interface CustomResourceSchema {
  /** The openAPIV3Schema as the CRD gives it (published in /openapi/v3). */
  openAPIV3Schema: Record<string, unknown>;
  /** The same schema, structural, for pruning, defaulting and validation. */
  structural: StructuralSchema;
}

/** Everything the server needs to serve one resource. */
export interface ResourceDefinition {
  /** API group; "" for the core group. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Lower-case plural: the URL segment. */
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  subresources: { status?: boolean; scale?: ScaleSubresource };
  /** OpenAPI definition name of the kind, e.g. `io.k8s.api.core.v1.Pod`. */
  schemaName: string;
  strategy: ResourceStrategy;
  /** Selectable fields beyond metadata.name and metadata.namespace. */
  fieldSelectors: Record<string, FieldGetter>;
  /** Whether a change to anything but metadata and status bumps metadata.generation. */
  hasGeneration: boolean;
  /** Whether DELETE on the collection is served (upstream refuses it for namespaces). */
  deleteCollection: boolean;
  /** Set when the objects live in another resource's storage, in its shape. */
  storedAs?: SharedStorage;
  /** Set for resources defined by a CustomResourceDefinition. */
  custom?: CustomResourceSchema;
  /** Server-side printing of the kind; built-in kinds use the printers module. */
  printer?: Printer;
}
