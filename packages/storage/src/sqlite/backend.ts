/**
 * The SQLite {@link Backend}: an append-only revision log plus a table of
 * live keys in one WAL-mode database file (layout in `schema.ts`).
 *
 * better-sqlite3 is synchronous, and one instance holds an exclusive lock
 * on its file, so the revision counter lives in memory and a watch can read
 * its history and subscribe in the same tick (no gap, no duplicate). Writes
 * are group-committed: those requested in one turn of the event loop share
 * a transaction. A write is durable once its promise settles.
 * @module
 */

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import Database from "better-sqlite3";
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
  StorageError,
  type Watch,
  type WatchEvent,
  type WatchListener,
} from "../backend.js";
import { compareKeys, prefixEnd, resolveReadRevision } from "../keys.js";
import { WatchHub } from "../watch-hub.js";
import { CREATE, configure, DELETE, type Synchronous, UPDATE } from "./schema.js";
import { type LogRow, prepareStatements, type RangeParams, type Statements } from "./statements.js";

/** Options of {@link SqliteBackend}. */
export interface SqliteBackendOptions {
  /** Database file (created with its directory if missing), or `:memory:`. */
  readonly path: string;
  /** Period of the automatic compactor in ms; 0 disables it. Default 60,000. */
  readonly compactEveryMs?: number;
  /** Revisions of history the automatic compactor keeps. Default 10,000. */
  readonly retainRevisions?: number;
  /** `NORMAL` (default) survives process crashes, `FULL` also power loss; see `configure`. */
  readonly synchronous?: Synchronous;
  /** Receives failures of the automatic compactor (default: a process warning). */
  readonly onCompactionError?: (err: Error) => void;
}

/** Default of {@link SqliteBackendOptions.compactEveryMs}. */
export const DEFAULT_COMPACT_EVERY_MS = 60_000;
/** Default of {@link SqliteBackendOptions.retainRevisions}. */
export const DEFAULT_RETAIN_REVISIONS = 10_000;
/** Revisions compacted per transaction, so a large compaction does not hold the event loop. */
const COMPACT_STEP = 5_000;
/** Upper bound of an unbounded range: SQLite sorts every BLOB after every TEXT. */
const NO_UPPER_BOUND = Buffer.from([0xff]);
const COMPACTED = "compacted_revision";

/** A {@link Backend} stored in one SQLite file. */
export class SqliteBackend implements Backend {
  private readonly db: Database.Database;
  private readonly s: Statements;
  private readonly hub = new WatchHub();
  /** Runs a function inside BEGIN/COMMIT (ROLLBACK if it throws). */
  private readonly tx: <T>(fn: () => T) => T;
  private readonly timer: NodeJS.Timeout | undefined;
  private rev: number;
  private compacted: number;
  private closed = false;
  /** Writes waiting for the next group commit. */
  private pending: Array<{ fn: () => WatchEvent; resolve: (kv: KeyValue) => void; reject: (err: unknown) => void }> = [];

  constructor(options: SqliteBackendOptions) {
    if (options.path !== ":memory:" && options.path !== "") mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    try {
      configure(this.db, options.synchronous ?? "NORMAL");
      this.s = prepareStatements(this.db);
      this.tx = this.db.transaction((fn) => fn()) as <T>(fn: () => T) => T;
    } catch (err) {
      this.db.close();
      if ((err as { code?: unknown }).code === "SQLITE_BUSY") {
        throw new Error(`${options.path} is in use by another SqliteBackend (in this or another process)`, { cause: err });
      }
      throw err;
    }
    this.compacted = this.s.getMeta.get(COMPACTED) ?? 0;
    // Compaction may delete the newest row (a tombstone at the compacted
    // revision), so the counter resumes from the larger of both.
    this.rev = Math.max(this.s.maxRevision.get() ?? 0, this.compacted);

    const every = options.compactEveryMs ?? DEFAULT_COMPACT_EVERY_MS;
    if (every > 0) {
      const retain = options.retainRevisions ?? DEFAULT_RETAIN_REVISIONS;
      const onError = options.onCompactionError ?? ((err: Error) => process.emitWarning(err));
      this.timer = setInterval(() => {
        const target = this.rev - retain;
        if (!this.closed && target > this.compacted) this.compact(target).catch(onError);
      }, every);
      // The compactor alone must not keep the process alive.
      this.timer.unref();
    }
  }

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
    if (at === this.rev) return { revision: at, kv: this.s.currentKv.get(key) };
    const row = this.s.getAt.get(key, at);
    if (!row || row.type === DELETE) return { revision: at, kv: undefined };
    return { revision: at, kv: { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.modRevision } };
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.ensureOpen();
    const at = resolveReadRevision(options.revision, this.rev, this.compacted);
    const start = options.startKey;
    const range: RangeParams = {
      lo: start !== undefined && compareKeys(start, prefix) > 0 ? start : prefix,
      hi: prefixEnd(prefix) ?? NO_UPPER_BOUND,
      rev: at,
    };
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    // One row more than asked tells whether there is more; -1 is "no limit".
    range.lim = limit > 0 ? limit + 1 : -1;
    const latest = at === this.rev;
    const kvs = latest ? this.s.listCurrent.all(range) : this.s.listAt.all(range);
    if (limit === 0 || kvs.length <= limit) return { revision: at, kvs, more: false, remaining: 0 };
    kvs.length = limit;
    const total = latest ? this.s.countCurrent.get(range)! : this.s.countAt.get(range)!;
    return { revision: at, kvs, more: true, remaining: total - limit };
  }

  async count(prefix: string): Promise<number> {
    this.ensureOpen();
    return this.s.countCurrent.get({ lo: prefix, hi: prefixEnd(prefix) ?? NO_UPPER_BOUND })!;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.ensureOpen();
    return this.write(() => {
      if (this.s.current.get(key)) throw new KeyExistsError(key);
      const revision = this.rev + 1;
      this.s.insertLog.run(revision, key, CREATE, revision, 0, value);
      this.s.insertCurrent.run(key, revision, revision);
      return { type: "create", kv: { key, value, createRevision: revision, modRevision: revision } };
    });
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    this.ensureOpen();
    return this.write(() => {
      const prevKv = this.s.currentKv.get(key);
      if (!prevKv) throw new KeyNotFoundError(key);
      if (prevKv.modRevision !== expectedModRevision) throw new RevisionMismatchError(key, prevKv);
      const revision = this.rev + 1;
      this.s.insertLog.run(revision, key, UPDATE, prevKv.createRevision, prevKv.modRevision, value);
      this.s.updateCurrent.run(revision, key);
      return { type: "update", kv: { key, value, createRevision: prevKv.createRevision, modRevision: revision }, prevKv };
    });
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    this.ensureOpen();
    return this.write(() => {
      const prevKv = this.s.currentKv.get(key);
      if (!prevKv) throw new KeyNotFoundError(key);
      if (expectedModRevision !== undefined && prevKv.modRevision !== expectedModRevision) {
        throw new RevisionMismatchError(key, prevKv);
      }
      const revision = this.rev + 1;
      // The tombstone repeats the last value: a delete event carries it.
      this.s.insertLog.run(revision, key, DELETE, prevKv.createRevision, prevKv.modRevision, prevKv.value);
      this.s.deleteCurrent.run(key);
      return { type: "delete", kv: { ...prevKv, modRevision: revision }, prevKv };
    });
  }

  watch(prefix: string, afterRevision: number, listener: WatchListener): Watch {
    if (this.closed) return this.hub.rejected(listener, new ClosedError());
    if (afterRevision < this.compacted) return this.hub.rejected(listener, new CompactedError(afterRevision, this.compacted));
    // Synchronous read + subscribe: no commit can land in between.
    const backlog: WatchEvent[] = [];
    if (afterRevision < this.rev) {
      const rows = this.s.history.all({ lo: prefix, hi: prefixEnd(prefix) ?? NO_UPPER_BOUND, rev: afterRevision });
      for (const row of rows) backlog.push(toEvent(row));
    }
    return this.hub.subscribe(prefix, afterRevision, backlog, listener);
  }

  async compact(revision: number): Promise<void> {
    this.ensureOpen();
    if (revision > this.rev) throw new FutureRevisionError(revision, this.rev);
    // In steps, yielding in between: each step is one transaction that moves
    // the persisted compacted revision with the rows it deletes, so readers
    // always see a consistent window, even if two compactions interleave.
    while (revision > this.compacted) {
      const from = this.compacted;
      const to = Math.min(revision, from + COMPACT_STEP);
      this.tx(() => {
        this.s.compactRange.run({ from, to });
        this.s.setMeta.run(COMPACTED, to);
      });
      this.compacted = to;
      if (to < revision) {
        await yieldToEventLoop();
        this.ensureOpen();
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.commitPending(); // what was requested before close is committed, not dropped
    this.closed = true;
    clearInterval(this.timer);
    this.hub.failAll(new ClosedError());
    this.db.close();
  }

  /**
   * Queues a write for the next group commit. Writes requested in the same
   * turn of the event loop (e.g. many API requests at once) share one
   * transaction, which is most of the cost of a write; each still gets its
   * own revision, and its promise settles only after the commit.
   */
  private write(fn: () => WatchEvent): Promise<KeyValue> {
    return new Promise((resolve, reject) => {
      this.pending.push({ fn, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  /** Commits the queued writes in one transaction, then publishes their events in order. */
  private commitPending(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    if (this.closed) {
      for (const op of batch) op.reject(new ClosedError());
      return;
    }
    const startRevision = this.rev;
    const outcomes: Array<WatchEvent | Error> = [];
    try {
      this.tx(() => {
        for (const op of batch) {
          try {
            const event = op.fn();
            this.rev = event.kv.modRevision;
            outcomes.push(event);
          } catch (err) {
            // A failed precondition touches nothing: the other writes go ahead.
            if (!(err instanceof StorageError)) throw err;
            outcomes.push(err);
          }
        }
      });
    } catch (err) {
      this.rev = startRevision; // rolled back
      for (const op of batch) op.reject(err);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const outcome = outcomes[i];
      if (outcome instanceof Error) {
        batch[i].reject(outcome);
        continue;
      }
      this.hub.publish(outcome);
      batch[i].resolve(outcome.kv);
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new ClosedError();
  }
}

/** Turns a `log` row into the event it records. */
function toEvent(row: LogRow): WatchEvent {
  const { key, value, createRevision } = row;
  const kv: KeyValue = { key, value, createRevision, modRevision: row.revision };
  if (row.type === CREATE) return { type: "create", kv };
  // The previous row of any retained event is retained too (see compactRange),
  // so prevValue is only null for an update if the file was damaged.
  const prevValue = row.type === UPDATE ? (row.prevValue ?? "") : value;
  const prevKv: KeyValue = { key, value: prevValue, createRevision, modRevision: row.prevRevision };
  return row.type === UPDATE ? { type: "update", kv, prevKv } : { type: "delete", kv, prevKv };
}
