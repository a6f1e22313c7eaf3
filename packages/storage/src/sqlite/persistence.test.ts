/**
 * SQLite-specific behaviour beyond the conformance suite: reopening a file
 * (revision counter, data, history, compacted revision) and the automatic
 * compactor.
 * @module
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CompactedError } from "../backend.js";
import { SqliteBackend } from "./backend.js";

const dir = mkdtempSync(join(tmpdir(), "kube-ts-sqlite-persist-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `nested/dir/${n++}.db`);

describe("sqlite persistence", () => {
  it("reopening continues the revision counter and keeps data and history", async () => {
    const path = freshPath();
    const b1 = new SqliteBackend({ path, compactEveryMs: 0 });
    const a = await b1.create("/p/a", "1");
    const a2 = await b1.update("/p/a", "2", a.modRevision);
    const c = await b1.create("/p/c", "c");
    const cDeleted = await b1.delete("/p/c");
    await b1.close();

    const b2 = new SqliteBackend({ path, compactEveryMs: 0 });
    try {
      assert.equal(await b2.currentRevision(), cDeleted.modRevision);
      assert.deepEqual((await b2.get("/p/a")).kv, a2);
      assert.deepEqual((await b2.get("/p/a", a.modRevision)).kv, a);
      assert.deepEqual((await b2.list("/p/", { revision: c.modRevision })).kvs, [a2, c]);
      assert.equal((await b2.get("/p/c")).kv, undefined);
      const next = await b2.create("/p/d", "d");
      assert.equal(next.modRevision, cDeleted.modRevision + 1);
      await assert.rejects(b2.update("/p/a", "3", a.modRevision), { code: "RevisionMismatch" });
    } finally {
      await b2.close();
    }
  });

  it("the compacted revision survives a restart, and so does the counter after compacting a delete", async () => {
    const path = freshPath();
    const b1 = new SqliteBackend({ path, compactEveryMs: 0 });
    const kept = await b1.create("/p/kept", "k");
    await b1.create("/p/gone", "g");
    const gone = await b1.delete("/p/gone");
    await b1.compact(gone.modRevision);
    await b1.close();

    const b2 = new SqliteBackend({ path, compactEveryMs: 0 });
    try {
      assert.equal(await b2.compactedRevision(), gone.modRevision);
      assert.equal(await b2.currentRevision(), gone.modRevision, "the newest row was compacted away, the counter was not");
      await assert.rejects(b2.get("/p/kept", kept.modRevision), CompactedError);
      assert.deepEqual((await b2.list("/p/")).kvs, [kept]);
      assert.ok((await b2.create("/p/new", "n")).modRevision > gone.modRevision);
    } finally {
      await b2.close();
    }
  });

  it("compacts large ranges in steps and keeps the state consistent", async () => {
    const b = new SqliteBackend({ path: freshPath(), compactEveryMs: 0 });
    try {
      let kv = await b.create("/p/hot", "0");
      for (let i = 1; i < 12_000; i++) kv = await b.update("/p/hot", `${i}`, kv.modRevision);
      const cold = await b.create("/p/cold", "c");
      await b.compact(kv.modRevision);
      assert.equal(await b.compactedRevision(), kv.modRevision);
      assert.deepEqual((await b.list("/p/")).kvs, [cold, kv]);
      assert.deepEqual((await b.get("/p/hot", kv.modRevision)).kv, kv);
    } finally {
      await b.close();
    }
  });

  it("the automatic compactor keeps the last retainRevisions revisions", async () => {
    const errors: Error[] = [];
    const b = new SqliteBackend({
      path: freshPath(),
      compactEveryMs: 10,
      retainRevisions: 5,
      onCompactionError: (err) => errors.push(err),
    });
    try {
      let kv = await b.create("/p/a", "0");
      for (let i = 1; i < 30; i++) kv = await b.update("/p/a", `${i}`, kv.modRevision);
      const deadline = Date.now() + 5_000;
      while ((await b.compactedRevision()) !== kv.modRevision - 5 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await b.compactedRevision(), kv.modRevision - 5);
      assert.equal((await b.get("/p/a", kv.modRevision - 5)).kv?.value, "24");
      await assert.rejects(b.get("/p/a", kv.modRevision - 6), CompactedError);
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });

  it("a file can only be open in one backend at a time", async () => {
    const path = freshPath();
    const b1 = new SqliteBackend({ path, compactEveryMs: 0 });
    await b1.create("/p/a", "1");
    assert.throws(() => new SqliteBackend({ path, compactEveryMs: 0 }), /in use by another SqliteBackend/);
    await b1.close();
    const b2 = new SqliteBackend({ path, compactEveryMs: 0 });
    assert.equal((await b2.get("/p/a")).kv?.value, "1");
    await b2.close();
  });

  it("a file from a newer schema version is refused", async () => {
    const path = freshPath();
    await new SqliteBackend({ path, compactEveryMs: 0 }).close();
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(path);
    db.pragma("user_version = 99");
    db.close();
    assert.throws(() => new SqliteBackend({ path, compactEveryMs: 0 }), /schema version 99/);
  });
});
