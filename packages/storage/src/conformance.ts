/**
 * The backend conformance suite: one set of `node:test` tests that every
 * {@link Backend} implementation must pass, so that the SQLite, memory and
 * (later) etcd backends are interchangeable under the API server.
 *
 * ```ts
 * import { runBackendConformance } from "@kube-ts/storage/conformance";
 * runBackendConformance("sqlite", async () => new SqliteBackend({ path: freshFile() }));
 * ```
 *
 * It is a separate entry point (not re-exported from the package index)
 * because importing `node:test` belongs in test processes only.
 * @module
 */

import { describe } from "node:test";
import type { Backend } from "./backend.js";
import { compactionTests } from "./conformance/compaction.js";
import { keyTests } from "./conformance/keys.js";
import { rangeTests } from "./conformance/ranges.js";
import { watchTests } from "./conformance/watch.js";

export type { OpenBackend } from "./conformance/harness.js";

/**
 * Registers the conformance tests for one backend under `describe(name)`.
 *
 * `open` is called once per test and must return a fresh, empty backend that
 * nothing else writes to; each test closes it when done. The suite relies
 * only on the {@link Backend} contract: it never assumes that revisions
 * start at 1 or grow by exactly one, except where etcd's own semantics
 * (one revision per write) make that observable.
 */
export function runBackendConformance(name: string, open: () => Promise<Backend>): void {
  describe(`${name} backend conformance`, () => {
    describe("keys", () => keyTests(open));
    describe("ranges", () => rangeTests(open));
    describe("watch", () => watchTests(open));
    describe("compaction and close", () => compactionTests(open));
  });
}
