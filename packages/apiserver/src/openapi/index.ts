/**
 * OpenAPI for kube-ts: component schemas of built-in types (from
 * kubernetes-types plus our own tables), per-group-version v3 documents and
 * the `/openapi/v3` index, and structural schemas for decoding writes.
 * @module
 */

export {
  builtinDefinition,
  builtinDefinitions,
  definitionBuildStats,
  type GroupVersionKind,
  type JsonSchema,
  REF_PREFIX,
  reachableDefinitions,
} from "./definitions.js";
export {
  buildGroupVersionDocument,
  buildOpenApiIndex,
  documentHash,
  groupFriendlyName,
  OPENAPI_INFO,
  type OpenApiDocument,
  type OpenApiIndex,
  type Operation,
  PATCH_CONTENT_TYPES,
  type Parameter,
  type PathItem,
} from "./document.js";
export { LIST_EXTENSIONS, type ListExtensions, listExtensionsFor } from "./extensions.js";
export { definitionName, goTypeName, groupVersionPath, INT_OR_STRING, parseApiVersion } from "./names.js";
export { type OpenApiResponse, OpenApiV3Documents } from "./service.js";
export {
  builtinGoTypeNames,
  createStructuralResolver,
  type StructuralResolver,
  type StructuralResolverOptions,
  structuralSchemaFor,
} from "./structural.js";
