/**
 * The prepared statements of the SQLite backend, compiled once per
 * connection. Columns are aliased to {@link KeyValue}'s property names so
 * that rows of the read queries can be returned without copying.
 *
 * Range parameters: `@lo` is the inclusive lower key, `@hi` the exclusive
 * upper bound; for an unbounded range `@hi` is a BLOB, which SQLite orders
 * after every TEXT value, so one statement serves both cases and still uses
 * the index range.
 * @module
 */

import type Database from "better-sqlite3";
import type { KeyValue } from "../backend.js";
import { CREATE, DELETE, UPDATE } from "./schema.js";

/** A `log` row as read for watch replay. */
export interface LogRow {
  revision: number;
  key: string;
  type: number;
  createRevision: number;
  prevRevision: number;
  value: string;
  /** Value of the `prev_revision` row; only joined for updates. */
  prevValue: string | null;
}

/** The live row of a key, without its value. */
export interface CurrentRow {
  revision: number;
  createRevision: number;
}

/** Parameters of a range read. */
export interface RangeParams {
  lo: string;
  hi: string | Buffer;
  rev?: number;
  lim?: number;
}

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** The statement set of one connection (see {@link prepareStatements}). */
export interface Statements {
  maxRevision: Stmt<[], number | null>;
  getMeta: Stmt<[string], number>;
  setMeta: Stmt<[string, number]>;
  current: Stmt<[string], CurrentRow>;
  currentKv: Stmt<[string], KeyValue>;
  getAt: Stmt<[string, number], KeyValue & { type: number }>;
  insertLog: Stmt<[number, string, number, number, number, string]>;
  insertCurrent: Stmt<[string, number, number]>;
  updateCurrent: Stmt<[number, string]>;
  deleteCurrent: Stmt<[string]>;
  listCurrent: Stmt<[RangeParams], KeyValue>;
  countCurrent: Stmt<[RangeParams], number>;
  listAt: Stmt<[RangeParams], KeyValue>;
  countAt: Stmt<[RangeParams], number>;
  history: Stmt<[RangeParams], LogRow>;
  compactRange: Stmt<[{ from: number; to: number }]>;
}

/** Builds the statement set for `db` (whose schema must exist). */
export function prepareStatements(db: Database.Database): Statements {
  const kvColumns = "key, value, create_revision AS createRevision, revision AS modRevision";
  // "Newest row of each key at or below @rev, unless it is a tombstone": scans
  // log_key in key order and only reads a row's value once it qualifies, so a
  // LIMIT stops early.
  const atRevision = `FROM log l
    WHERE l.key >= @lo AND l.key < @hi AND l.revision <= @rev AND l.type != ${DELETE}
      AND NOT EXISTS (SELECT 1 FROM log n WHERE n.key = l.key AND n.revision > l.revision AND n.revision <= @rev)`;
  return {
    maxRevision: db.prepare<[], number | null>("SELECT max(revision) FROM log").pluck(),
    getMeta: db.prepare<[string], number>("SELECT value FROM meta WHERE name = ?").pluck(),
    setMeta: db.prepare<[string, number]>("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)"),

    current: db.prepare<[string], CurrentRow>(
      "SELECT revision, create_revision AS createRevision FROM current WHERE key = ?",
    ),
    currentKv: db.prepare<[string], KeyValue>(
      `SELECT c.key, l.value, c.create_revision AS createRevision, c.revision AS modRevision
       FROM current c JOIN log l ON l.revision = c.revision WHERE c.key = ?`,
    ),
    getAt: db.prepare<[string, number], KeyValue & { type: number }>(
      `SELECT ${kvColumns}, type FROM log WHERE key = ? AND revision <= ? ORDER BY revision DESC LIMIT 1`,
    ),

    insertLog: db.prepare<[number, string, number, number, number, string]>(
      "INSERT INTO log (revision, key, type, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertCurrent: db.prepare<[string, number, number]>(
      "INSERT INTO current (key, revision, create_revision) VALUES (?, ?, ?)",
    ),
    updateCurrent: db.prepare<[number, string]>("UPDATE current SET revision = ? WHERE key = ?"),
    deleteCurrent: db.prepare<[string]>("DELETE FROM current WHERE key = ?"),

    listCurrent: db.prepare<[RangeParams], KeyValue>(
      `SELECT c.key, l.value, c.create_revision AS createRevision, c.revision AS modRevision
       FROM current c JOIN log l ON l.revision = c.revision
       WHERE c.key >= @lo AND c.key < @hi ORDER BY c.key LIMIT @lim`,
    ),
    countCurrent: db.prepare<[RangeParams], number>("SELECT count(*) FROM current WHERE key >= @lo AND key < @hi").pluck(),
    listAt: db.prepare<[RangeParams], KeyValue>(
      `SELECT l.key, l.value, l.create_revision AS createRevision, l.revision AS modRevision
       ${atRevision} ORDER BY l.key LIMIT @lim`,
    ),
    countAt: db.prepare<[RangeParams], number>(`SELECT count(*) ${atRevision}`).pluck(),

    // Watch replay walks the log by revision from @rev: its cost is the
    // number of revisions to replay, whatever the prefix. The unary `+`
    // keeps SQLite from range-scanning log_key by prefix instead, which
    // would read the prefix's whole history to find a few recent events.
    history: db.prepare<[RangeParams], LogRow>(
      `SELECT l.revision, l.key, l.type, l.create_revision AS createRevision, l.prev_revision AS prevRevision,
         l.value, p.value AS prevValue
       FROM log l LEFT JOIN log p ON p.revision = l.prev_revision AND l.type = ${UPDATE}
       WHERE l.revision > @rev AND +l.key >= @lo AND +l.key < @hi ORDER BY l.revision`,
    ),

    // Compaction of (@from, @to]: every row a later write at or below @to
    // superseded (the prev_revision of updates and deletes), and the
    // tombstones themselves. What stays is, per key, the newest row at or
    // below @to if it is live: exactly the state at @to.
    compactRange: db.prepare<[{ from: number; to: number }]>(
      `DELETE FROM log WHERE revision IN (
         SELECT prev_revision FROM log WHERE revision > @from AND revision <= @to AND type != ${CREATE}
         UNION ALL
         SELECT revision FROM log WHERE revision > @from AND revision <= @to AND type = ${DELETE})`,
    ),
  };
}
