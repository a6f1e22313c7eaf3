/**
 * The storage contract of kube-ts: a narrow, etcd-shaped MVCC keyspace.
 *
 * Every write appends one revision to a single global, strictly increasing
 * counter; that revision is what the API server exposes as `resourceVersion`.
 * Backends (SQLite, memory, etcd) implement exactly this interface and
 * translate their native errors into the named errors below, so the API layer
 * never sees a driver error.
 * @module
 */

/** One stored key at one revision. `value` is the serialized object (JSON text). */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
  /** Revision at which the key was (last) created. */
  readonly createRevision: number;
  /** Revision of the write that produced this value. */
  readonly modRevision: number;
}

/** A change to one key, as delivered by {@link Backend.watch}. */
export type WatchEvent =
  | { readonly type: "create"; readonly kv: KeyValue }
  | { readonly type: "update"; readonly kv: KeyValue; readonly prevKv: KeyValue }
  /** `kv.modRevision` is the revision of the delete; `kv.value` is the last value. */
  | { readonly type: "delete"; readonly kv: KeyValue; readonly prevKv: KeyValue };

/** Options of a range read. */
export interface ListOptions {
  /** Read at this revision (0 or absent: the current revision). */
  readonly revision?: number;
  /** At most this many keys (0 or absent: no limit). */
  readonly limit?: number;
  /** Start at this key (inclusive); used for `continue` tokens. Must lie under the prefix. */
  readonly startKey?: string;
}

/** The answer of a range read. */
export interface ListResult {
  /** The revision the read was served at. */
  readonly revision: number;
  /** Keys in ascending byte order. */
  readonly kvs: KeyValue[];
  /** True when keys beyond `limit` exist. */
  readonly more: boolean;
  /** Number of keys under the prefix (at that revision) not returned, when `more`. */
  readonly remaining: number;
}

/** A live watch. Events are delivered in revision order, each batch from one commit. */
export interface Watch {
  /** Stops delivery and frees the watch; idempotent. */
  close(): void;
}

/** Receives watch events; `onError` ends the watch (e.g. with {@link CompactedError}). */
export interface WatchListener {
  onEvents(events: readonly WatchEvent[]): void;
  onError(err: Error): void;
}

/**
 * The backend interface. All methods are async so that a remote store (etcd)
 * fits; the SQLite backend resolves them without touching the event loop.
 */
export interface Backend {
  /** The latest committed revision (0 for an empty store). */
  currentRevision(): Promise<number>;
  /** The oldest revision still readable; reads and watches below it fail with {@link CompactedError}. */
  compactedRevision(): Promise<number>;
  /** One key, at `revision` or the current one. `kv` is undefined when the key does not exist. */
  get(key: string, revision?: number): Promise<{ revision: number; kv: KeyValue | undefined }>;
  /** Keys under `prefix` (a plain string prefix, e.g. `/registry/pods/default/`). */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** Number of keys under `prefix` at the current revision. */
  count(prefix: string): Promise<number>;
  /** Creates `key`; fails with {@link KeyExistsError} if it exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /**
   * Replaces `key` only if its current mod revision is `expectedModRevision`.
   * Fails with {@link KeyNotFoundError} or {@link RevisionMismatchError} (which carries the current value).
   */
  update(key: string, value: string, expectedModRevision: number): Promise<KeyValue>;
  /**
   * Deletes `key` (only if its mod revision is `expectedModRevision`, when given).
   * Returns the deleted value with `modRevision` set to the delete's revision.
   */
  delete(key: string, expectedModRevision?: number): Promise<KeyValue>;
  /**
   * Streams changes under `prefix` with revision > `afterRevision`: first the
   * retained history, then live changes. Fails the listener with
   * {@link CompactedError} if `afterRevision` < compacted revision.
   */
  watch(prefix: string, afterRevision: number, listener: WatchListener): Watch;
  /** Forgets history at or below `revision` (current values are kept). */
  compact(revision: number): Promise<void>;
  /** Releases the store; pending watches receive no more events. */
  close(): Promise<void>;
}

/** Base class of every storage error. `code` is stable across backends. */
export class StorageError extends Error {
  constructor(
    readonly code: "KeyExists" | "KeyNotFound" | "RevisionMismatch" | "Compacted" | "FutureRevision" | "Closed",
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

/** The key already exists (create). */
export class KeyExistsError extends StorageError {
  constructor(readonly key: string) {
    super("KeyExists", `key exists: ${key}`);
  }
}

/** The key does not exist (update, delete). */
export class KeyNotFoundError extends StorageError {
  constructor(readonly key: string) {
    super("KeyNotFound", `key not found: ${key}`);
  }
}

/** The compare-and-swap guard failed; `current` is the value now stored. */
export class RevisionMismatchError extends StorageError {
  constructor(
    readonly key: string,
    readonly current: KeyValue,
  ) {
    super("RevisionMismatch", `revision mismatch on ${key}: now at ${current.modRevision}`);
  }
}

/** The requested revision has been compacted away. */
export class CompactedError extends StorageError {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super("Compacted", `revision ${requested} is compacted (oldest retained: ${compacted})`);
  }
}

/** The requested revision is newer than the store's current revision. */
export class FutureRevisionError extends StorageError {
  constructor(
    readonly requested: number,
    readonly current: number,
  ) {
    super("FutureRevision", `revision ${requested} is in the future (current: ${current})`);
  }
}

/** The backend was closed. */
export class ClosedError extends StorageError {
  constructor() {
    super("Closed", "storage is closed");
  }
}
