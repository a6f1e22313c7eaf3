/**
 * @kube-ts/core: Kubernetes API machinery without I/O — Status and schema
 * types, label and field selectors, the three patch types, validation and
 * structural-schema decoding.
 * @module
 */
export * from "./schema.js";
export * from "./status.js";
export * from "./selectors/index.js";
export * from "./patch/index.js";
export * from "./validation/index.js";
export * from "./structural/index.js";
export * from "./apply/index.js";
export * from "./crd-schema/index.js";
