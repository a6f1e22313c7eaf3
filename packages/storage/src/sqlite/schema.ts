/**
 * The SQLite schema and connection settings of the SQLite backend.
 *
 * - `log`: the append-only history, one row per write (kine's layout):
 *   `revision` (the rowid, so appends go to the end of the B-tree), key,
 *   event type, value, create_revision and prev_revision (the key's previous
 *   row, 0 for a create). A delete row ("tombstone") repeats the last value.
 * - `log_key`: (key, revision, type) index; serves reads at an old revision
 *   ("newest row of each key at or below R") without touching the values.
 * - `current`: one small row per live key (key, revision, create_revision),
 *   clustered by key (WITHOUT ROWID). Reads at the current revision range-scan
 *   it and fetch values from `log` by rowid; `count` never reads a value.
 * - `meta`: the compacted revision, so it survives a restart.
 * @module
 */

import type Database from "better-sqlite3";

/** Version of the layout below, kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;

/** Event types as stored in `log.type`. */
export const CREATE = 0;
export const UPDATE = 1;
export const DELETE = 2;

const DDL = `
CREATE TABLE IF NOT EXISTS log (
  revision INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  type INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_key ON log (key, revision, type);
CREATE TABLE IF NOT EXISTS current (
  key TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  create_revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** How hard a commit is pushed to disk; see {@link configure}. */
export type Synchronous = "NORMAL" | "FULL";

/**
 * Applies the connection settings and creates or checks the schema.
 *
 * Durability: in WAL mode a commit is complete once its frames are written
 * to the -wal file. With `synchronous=NORMAL` that write reaches the kernel
 * (page cache) before the commit returns but is not fsynced, so a killed or
 * crashed process loses nothing: the kernel still writes the pages out, and
 * the next open replays the WAL. Only a power loss or kernel crash can drop
 * the last commits (never corrupt the file). `FULL` fsyncs every commit to
 * close that window too, at a large throughput cost; API servers that need
 * it can ask for it (`?synchronous=FULL`).
 */
export function configure(db: Database.Database, synchronous: Synchronous): void {
  // The backend keeps the revision counter and the watch fan-out in memory,
  // so a second process writing the same file would break both. An exclusive
  // lock (taken by the first access below, held until close) makes a second
  // opener fail instead. Side effect: no shared-memory index (-shm) is used,
  // and outside tools cannot read the file while the server runs.
  db.pragma("busy_timeout = 2000");
  db.pragma("locking_mode = EXCLUSIVE");
  if (db.pragma("journal_mode = WAL", { simple: true }) !== "wal" && db.name !== ":memory:") {
    throw new Error(`${db.name}: cannot enable WAL journal mode`);
  }
  db.pragma(`synchronous = ${synchronous}`);
  // Large pages of JSON values: a bigger cache keeps the hot part of `log`
  // and both indexes in memory (negative = KiB).
  db.pragma("cache_size = -65536");
  db.pragma("temp_store = MEMORY");

  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${db.name}: schema version ${version} is newer than this build supports (${SCHEMA_VERSION})`);
  }
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec("COMMIT");
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  }
}
