/**
 * An in-memory {@link Backend} with the same semantics as the SQLite one,
 * for tests and `memory://`. It favours obviousness over speed: every key
 * keeps its list of versions, and range reads sort the matching keys on
 * each call. Nothing survives the process.
 * @module
 */

import {
  type Backend,
  ClosedError,
  CompactedError,
  FutureRevisionError,
  KeyExistsError,
  KeyNotFoundError,
  type KeyValue,
  type ListOptions,
  type ListResult,
  RevisionMismatchError,
  type Watch,
  type WatchEvent,
  type WatchListener,
} from "../backend.js";
import { compareKeys, resolveReadRevision } from "../keys.js";
import { WatchHub } from "../watch-hub.js";

/** One version of a key: its value, or a tombstone (`kv` undefined) at `revision`. */
interface Version {
  readonly revision: number;
  readonly kv: KeyValue | undefined;
}

/** The in-memory backend. */
export class MemoryBackend implements Backend {
  private rev = 0;
  private compacted = 0;
  private closed = false;
  /** Versions of each key in ascending revision order. */
  private readonly versions = new Map<string, Version[]>();
  /** Every retained event in revision order (for watch replay). */
  private log: WatchEvent[] = [];
  private readonly hub = new WatchHub();

  async currentRevision(): Promise<number> {
    this.ensureOpen();
    return this.rev;
  }

  async compactedRevision(): Promise<number> {
    this.ensureOpen();
    return this.compacted;
  }

  async get(key: string, revision?: number): Promise<{ revision: number; kv: KeyValue | undefined }> {
    this.ensureOpen();
    const at = resolveReadRevision(revision, this.rev, this.compacted);
    return { revision: at, kv: this.valueAt(key, at) };
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.ensureOpen();
    const at = resolveReadRevision(options.revision, this.rev, this.compacted);
    const start = options.startKey ?? "";
    const kvs: KeyValue[] = [];
    for (const key of [...this.versions.keys()].sort(compareKeys)) {
      if (!key.startsWith(prefix) || compareKeys(key, start) < 0) continue;
      const kv = this.valueAt(key, at);
      if (kv) kvs.push(kv);
    }
    const limit = options.limit ?? 0;
    if (limit <= 0 || kvs.length <= limit) return { revision: at, kvs, more: false, remaining: 0 };
    return { revision: at, kvs: kvs.slice(0, limit), more: true, remaining: kvs.length - limit };
  }

  async count(prefix: string): Promise<number> {
    this.ensureOpen();
    let n = 0;
    for (const [key, list] of this.versions) if (key.startsWith(prefix) && list[list.length - 1].kv) n++;
    return n;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.ensureOpen();
    if (this.valueAt(key, this.rev)) throw new KeyExistsError(key);
    const revision = this.rev + 1;
    const kv: KeyValue = { key, value, createRevision: revision, modRevision: revision };
    this.commit(key, { revision, kv }, { type: "create", kv });
    return kv;
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    this.ensureOpen();
    const prevKv = this.valueAt(key, this.rev);
    if (!prevKv) throw new KeyNotFoundError(key);
    if (prevKv.modRevision !== expectedModRevision) throw new RevisionMismatchError(key, prevKv);
    const revision = this.rev + 1;
    const kv: KeyValue = { key, value, createRevision: prevKv.createRevision, modRevision: revision };
    this.commit(key, { revision, kv }, { type: "update", kv, prevKv });
    return kv;
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    this.ensureOpen();
    const prevKv = this.valueAt(key, this.rev);
    if (!prevKv) throw new KeyNotFoundError(key);
    if (expectedModRevision !== undefined && prevKv.modRevision !== expectedModRevision) {
      throw new RevisionMismatchError(key, prevKv);
    }
    const revision = this.rev + 1;
    const kv: KeyValue = { ...prevKv, modRevision: revision };
    this.commit(key, { revision, kv: undefined }, { type: "delete", kv, prevKv });
    return kv;
  }

  watch(prefix: string, afterRevision: number, listener: WatchListener): Watch {
    if (this.closed) return this.hub.rejected(listener, new ClosedError());
    if (afterRevision < this.compacted) return this.hub.rejected(listener, new CompactedError(afterRevision, this.compacted));
    const backlog = this.log.filter((e) => e.kv.modRevision > afterRevision && e.kv.key.startsWith(prefix));
    return this.hub.subscribe(prefix, afterRevision, backlog, listener);
  }

  async compact(revision: number): Promise<void> {
    this.ensureOpen();
    if (revision > this.rev) throw new FutureRevisionError(revision, this.rev);
    if (revision <= this.compacted) return;
    for (const [key, list] of this.versions) {
      // Keep the newest version at or below `revision` (the state at `revision`)
      // unless it is a tombstone, and everything newer.
      let i = list.length - 1;
      while (i >= 0 && list[i].revision > revision) i--;
      const drop = i >= 0 && list[i].kv === undefined ? i + 1 : Math.max(i, 0);
      if (drop === list.length) this.versions.delete(key);
      else if (drop > 0) this.versions.set(key, list.slice(drop));
    }
    this.log = this.log.filter((e) => e.kv.modRevision > revision);
    this.compacted = revision;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.failAll(new ClosedError());
    this.versions.clear();
    this.log = [];
  }

  /** The value of `key` at revision `at`, or undefined if it did not exist then. */
  private valueAt(key: string, at: number): KeyValue | undefined {
    const list = this.versions.get(key);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].revision <= at) return list[i].kv;
    return undefined;
  }

  private commit(key: string, version: Version, event: WatchEvent): void {
    const list = this.versions.get(key);
    if (list) list.push(version);
    else this.versions.set(key, [version]);
    this.rev = version.revision;
    this.log.push(event);
    this.hub.publish(event);
  }

  private ensureOpen(): void {
    if (this.closed) throw new ClosedError();
  }
}
