/**
 * `@kube-ts/storage`: the etcd-shaped storage contract ({@link Backend}) and
 * its implementations: SQLite (`sqlite://`), in-memory (`memory://`), and a
 * driver registry that {@link openBackend} dispatches on. The conformance
 * suite every backend must pass is a separate entry point,
 * `@kube-ts/storage/conformance`, because it imports `node:test`.
 * @module
 */

export * from "./backend.js";
export { compareKeys, prefixEnd } from "./keys.js";
export { MemoryBackend } from "./memory/index.js";
export { openBackend } from "./open.js";
export { type BackendDriver, parseLocation, registerDriver, registeredSchemes } from "./registry.js";
export {
  DEFAULT_COMPACT_EVERY_MS,
  DEFAULT_RETAIN_REVISIONS,
  parseSqliteLocation,
  SqliteBackend,
  type SqliteBackendOptions,
  type Synchronous,
} from "./sqlite/index.js";
