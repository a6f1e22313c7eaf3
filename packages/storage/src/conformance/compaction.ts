/**
 * Conformance: compaction (old reads and watches fail with CompactedError,
 * reads at and after the compacted revision and current data stay intact)
 * and the closed state.
 * @module
 */

import assert from "node:assert/strict";
import { it } from "node:test";
import { ClosedError, CompactedError, FutureRevisionError } from "../backend.js";
import { type OpenBackend, record, rejectsWith, settle, withBackend } from "./harness.js";

/** Registers the compaction tests. */
export function compactionTests(open: OpenBackend): void {
  it("compaction makes older revisions unreadable", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/c/a", "1");
      const v2 = await b.update("/c/a", "2", v1.modRevision);
      await b.create("/c/b", "b");
      await b.compact(v2.modRevision);
      assert.equal(await b.compactedRevision(), v2.modRevision);
      const err = await rejectsWith(b.get("/c/a", v1.modRevision), CompactedError, "Compacted");
      assert.equal(err.requested, v1.modRevision);
      assert.equal(err.compacted, v2.modRevision);
      await rejectsWith(b.list("/c/", { revision: v2.modRevision - 1 }), CompactedError, "Compacted");
      assert.deepEqual((await b.get("/c/a", v2.modRevision)).kv, v2, "the compacted revision itself stays readable");
    }));

  it("reads at and after the compacted revision are unchanged by compaction", () =>
    withBackend(open, async (b) => {
      const revs: number[] = [];
      const mods = new Map<string, number>();
      for (let i = 0; i < 60; i++) {
        const key = `/c/${i % 12}`;
        const prev = mods.get(key);
        let rev: number;
        if (prev === undefined) rev = (await b.create(key, `v${i}`)).modRevision;
        else if (i % 5 === 0) rev = (await b.delete(key)).modRevision;
        else rev = (await b.update(key, `v${i}`, prev)).modRevision;
        if (i % 5 === 0 && prev !== undefined) mods.delete(key);
        else mods.set(key, rev);
        revs.push(rev);
      }
      const compactAt = revs[29];
      const before = new Map<number, unknown>();
      for (const rev of revs.slice(29)) before.set(rev, await b.list("/c/", { revision: rev }));
      const keysBefore = await b.list("");
      await b.compact(compactAt);
      for (const [rev, result] of before) assert.deepEqual(await b.list("/c/", { revision: rev }), result, `list at ${rev}`);
      assert.deepEqual(await b.list(""), keysBefore);
      assert.equal(await b.count("/c/"), keysBefore.kvs.length);
    }));

  it("current values survive compaction, however old, and deleted keys stay deleted", () =>
    withBackend(open, async (b) => {
      const old = await b.create("/c/old", "kept");
      const gone = await b.create("/c/gone", "x");
      await b.delete("/c/gone");
      let kv = await b.create("/c/hot", "0");
      for (let i = 1; i < 20; i++) kv = await b.update("/c/hot", `${i}`, kv.modRevision);
      const rev = await b.currentRevision();
      await b.compact(rev);
      assert.deepEqual((await b.get("/c/old")).kv, old);
      assert.deepEqual((await b.get("/c/hot")).kv, kv);
      assert.equal((await b.get("/c/gone")).kv, undefined);
      assert.deepEqual((await b.list("/c/")).kvs, [kv, old]);
      // Writes continue from the same counter, and CAS still sees the right revisions.
      const next = await b.update("/c/old", "changed", old.modRevision);
      assert.ok(next.modRevision > rev);
      assert.equal(next.createRevision, old.createRevision);
      const again = await b.create("/c/gone", "back");
      assert.ok(again.createRevision > gone.createRevision);
    }));

  it("a delete at the compacted revision does not rewind the revision counter", () =>
    withBackend(open, async (b) => {
      await b.create("/c/a", "1");
      const deleted = await b.delete("/c/a");
      await b.compact(deleted.modRevision);
      assert.equal(await b.currentRevision(), deleted.modRevision);
      assert.ok((await b.create("/c/b", "1")).modRevision > deleted.modRevision);
    }));

  it("a watch from below the compacted revision fails with CompactedError", () =>
    withBackend(open, async (b) => {
      await b.create("/c/a", "1");
      const v = await b.create("/c/b", "1");
      await b.compact(v.modRevision);
      const w = record(b, "/c/", v.modRevision - 1);
      const err = await w.untilError();
      assert.ok(err instanceof CompactedError, `got ${err}`);
      assert.equal(err.compacted, v.modRevision);
      await b.create("/c/c", "1");
      await settle();
      assert.equal(w.events.length, 0);
      assert.equal(w.errors.length, 1);
      w.close();
    }));

  it("a watch from the compacted revision replays later events with prevKv", () =>
    withBackend(open, async (b) => {
      const a = await b.create("/c/a", "1");
      const x = await b.create("/c/x", "1");
      const at = await b.currentRevision();
      const a2 = await b.update("/c/a", "2", a.modRevision);
      const xd = await b.delete("/c/x");
      await b.compact(at);
      const w = record(b, "/c/", at);
      await w.untilEvents(2);
      assert.deepEqual(w.events, [
        { type: "update", kv: a2, prevKv: a },
        { type: "delete", kv: xd, prevKv: x },
      ]);
      w.close();
    }));

  it("compaction to a future revision fails; at or below the compacted one it is a no-op", () =>
    withBackend(open, async (b) => {
      await b.create("/c/a", "1");
      const v = await b.create("/c/b", "1");
      await rejectsWith(b.compact(v.modRevision + 1), FutureRevisionError, "FutureRevision");
      await b.compact(v.modRevision);
      await b.compact(v.modRevision);
      await b.compact(v.modRevision - 1);
      assert.equal(await b.compactedRevision(), v.modRevision);
      assert.equal((await b.list("/c/")).kvs.length, 2);
    }));

  it("a closed backend rejects every call with ClosedError", async () => {
    const b = await open();
    await b.create("/c/a", "1");
    const live = record(b, "/c/", await b.currentRevision());
    await b.close();
    assert.ok((await live.untilError()) instanceof ClosedError, "open watches end with ClosedError");
    await b.close();
    await rejectsWith(b.currentRevision(), ClosedError, "Closed");
    await rejectsWith(b.compactedRevision(), ClosedError, "Closed");
    await rejectsWith(b.get("/c/a"), ClosedError, "Closed");
    await rejectsWith(b.list("/c/"), ClosedError, "Closed");
    await rejectsWith(b.count("/c/"), ClosedError, "Closed");
    await rejectsWith(b.create("/c/b", "1"), ClosedError, "Closed");
    await rejectsWith(b.update("/c/a", "2", 1), ClosedError, "Closed");
    await rejectsWith(b.delete("/c/a"), ClosedError, "Closed");
    await rejectsWith(b.compact(1), ClosedError, "Closed");
    const w = record(b, "/c/", 0);
    assert.ok((await w.untilError()) instanceof ClosedError);
    assert.equal(w.events.length, 0);
  });
}
