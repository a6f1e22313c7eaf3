/**
 * Conformance: single-key reads and writes (create, get, update, delete),
 * compare-and-swap guards, revisions.
 * @module
 */

import assert from "node:assert/strict";
import { it } from "node:test";
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from "../backend.js";
import { assertIncreasing, type OpenBackend, rejectsWith, withBackend } from "./harness.js";

/** Registers the single-key tests. */
export function keyTests(open: OpenBackend): void {
  it("create stores a key and get returns it at the current revision", () =>
    withBackend(open, async (b) => {
      const kv = await b.create("/r/pods/a", '{"a":1}');
      assert.equal(kv.key, "/r/pods/a");
      assert.equal(kv.value, '{"a":1}');
      assert.equal(kv.createRevision, kv.modRevision);
      assert.ok(kv.modRevision > 0);
      assert.equal(await b.currentRevision(), kv.modRevision);
      assert.deepEqual(await b.get("/r/pods/a"), { revision: kv.modRevision, kv });
    }));

  it("get of a missing key returns no kv and the current revision", () =>
    withBackend(open, async (b) => {
      const kv = await b.create("/r/pods/a", "{}");
      assert.deepEqual(await b.get("/r/pods/b"), { revision: kv.modRevision, kv: undefined });
      assert.equal((await b.get("/r/pods/")).kv, undefined, "a prefix is not a key");
    }));

  it("create of an existing key fails with KeyExistsError and consumes no revision", () =>
    withBackend(open, async (b) => {
      const kv = await b.create("/r/pods/a", "1");
      const err = await rejectsWith(b.create("/r/pods/a", "2"), KeyExistsError, "KeyExists");
      assert.equal(err.key, "/r/pods/a");
      assert.equal(await b.currentRevision(), kv.modRevision);
      assert.equal((await b.get("/r/pods/a")).kv?.value, "1");
    }));

  it("update with the current mod revision replaces the value and keeps createRevision", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const v2 = await b.update("/r/pods/a", "2", v1.modRevision);
      assert.ok(v2.modRevision > v1.modRevision);
      assert.equal(v2.createRevision, v1.createRevision);
      assert.equal(v2.value, "2");
      assert.deepEqual((await b.get("/r/pods/a")).kv, v2);
      assert.equal(await b.currentRevision(), v2.modRevision);
    }));

  it("update with a stale mod revision fails with RevisionMismatchError carrying the current kv", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const v2 = await b.update("/r/pods/a", "2", v1.modRevision);
      const err = await rejectsWith(b.update("/r/pods/a", "3", v1.modRevision), RevisionMismatchError, "RevisionMismatch");
      assert.equal(err.key, "/r/pods/a");
      assert.deepEqual(err.current, v2);
      assert.equal(await b.currentRevision(), v2.modRevision, "a failed guard consumes no revision");
      assert.equal((await b.get("/r/pods/a")).kv?.value, "2");
    }));

  it("update of a missing key fails with KeyNotFoundError", () =>
    withBackend(open, async (b) => {
      const err = await rejectsWith(b.update("/r/pods/a", "1", 1), KeyNotFoundError, "KeyNotFound");
      assert.equal(err.key, "/r/pods/a");
    }));

  it("delete without an expected revision returns the last value at the delete's revision", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const v2 = await b.update("/r/pods/a", "2", v1.modRevision);
      const deleted = await b.delete("/r/pods/a");
      assert.equal(deleted.key, "/r/pods/a");
      assert.equal(deleted.value, "2");
      assert.equal(deleted.createRevision, v1.createRevision);
      assert.ok(deleted.modRevision > v2.modRevision);
      assert.equal(await b.currentRevision(), deleted.modRevision);
      assert.equal((await b.get("/r/pods/a")).kv, undefined);
    }));

  it("delete with an expected revision deletes only on a match", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const v2 = await b.update("/r/pods/a", "2", v1.modRevision);
      const err = await rejectsWith(b.delete("/r/pods/a", v1.modRevision), RevisionMismatchError, "RevisionMismatch");
      assert.deepEqual(err.current, v2);
      assert.deepEqual((await b.get("/r/pods/a")).kv, v2);
      const deleted = await b.delete("/r/pods/a", v2.modRevision);
      assert.equal(deleted.value, "2");
      assert.equal((await b.get("/r/pods/a")).kv, undefined);
    }));

  it("delete of a missing or already deleted key fails with KeyNotFoundError", () =>
    withBackend(open, async (b) => {
      await rejectsWith(b.delete("/r/pods/a"), KeyNotFoundError, "KeyNotFound");
      await b.create("/r/pods/a", "1");
      const deleted = await b.delete("/r/pods/a");
      await rejectsWith(b.delete("/r/pods/a"), KeyNotFoundError, "KeyNotFound");
      await rejectsWith(b.delete("/r/pods/a", deleted.modRevision), KeyNotFoundError, "KeyNotFound");
      await rejectsWith(b.update("/r/pods/a", "2", deleted.modRevision), KeyNotFoundError, "KeyNotFound");
      assert.equal(await b.currentRevision(), deleted.modRevision);
    }));

  it("a key created again after a delete gets a new create revision", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const deleted = await b.delete("/r/pods/a");
      const again = await b.create("/r/pods/a", "2");
      assert.equal(again.createRevision, again.modRevision);
      assert.ok(again.createRevision > deleted.modRevision && deleted.modRevision > v1.modRevision);
    }));

  it("revisions strictly increase across writes to different keys", () =>
    withBackend(open, async (b) => {
      const revs: number[] = [];
      for (let i = 0; i < 20; i++) revs.push((await b.create(`/r/k/${i}`, "v")).modRevision);
      for (let i = 0; i < 20; i += 2) revs.push((await b.update(`/r/k/${i}`, "w", revs[i])).modRevision);
      for (let i = 1; i < 20; i += 2) revs.push((await b.delete(`/r/k/${i}`)).modRevision);
      assertIncreasing(revs, "write revisions");
      assert.equal(await b.currentRevision(), revs[revs.length - 1]);
    }));

  it("values round-trip exactly", () =>
    withBackend(open, async (b) => {
      const values = ["", "{}", '{"s":"héllo wörld ✓ 😀 \\u0000"}', JSON.stringify({ big: "y".repeat(100_000) })];
      for (const [i, value] of values.entries()) {
        await b.create(`/r/v/${i}`, value);
        assert.equal((await b.get(`/r/v/${i}`)).kv?.value, value);
      }
    }));

  it("get at an old revision returns the value as it was then", () =>
    withBackend(open, async (b) => {
      const v1 = await b.create("/r/pods/a", "1");
      const v2 = await b.update("/r/pods/a", "2", v1.modRevision);
      const other = await b.create("/r/pods/b", "b");
      const deleted = await b.delete("/r/pods/a");
      assert.deepEqual(await b.get("/r/pods/a", v1.modRevision), { revision: v1.modRevision, kv: v1 });
      assert.deepEqual((await b.get("/r/pods/a", v2.modRevision)).kv, v2);
      assert.deepEqual((await b.get("/r/pods/a", other.modRevision)).kv, v2);
      assert.equal((await b.get("/r/pods/a", deleted.modRevision)).kv, undefined);
      assert.equal((await b.get("/r/pods/b", v2.modRevision)).kv, undefined, "not created yet");
      assert.deepEqual((await b.get("/r/pods/b", deleted.modRevision)).kv, other);
    }));
}
