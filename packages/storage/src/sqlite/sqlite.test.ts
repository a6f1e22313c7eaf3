/**
 * Runs the backend conformance suite against {@link SqliteBackend}, one
 * fresh database file per test.
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { runBackendConformance } from "../conformance.js";
import { SqliteBackend } from "./backend.js";

const dir = mkdtempSync(join(tmpdir(), "kube-ts-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runBackendConformance("sqlite", async () => new SqliteBackend({ path: join(dir, `${n++}.db`), compactEveryMs: 0 }));
