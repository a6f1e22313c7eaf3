/**
 * Conformance: range reads (prefix, byte order, limit/more/remaining,
 * startKey paging at a fixed revision), count, and revision bounds.
 * @module
 */

import assert from "node:assert/strict";
import { it } from "node:test";
import { type Backend, FutureRevisionError, type KeyValue } from "../backend.js";
import { type OpenBackend, rejectsWith, withBackend } from "./harness.js";

/** Reads every key under `prefix` at `revision` in pages of `limit`, checking `more` and `remaining`. */
async function readPaged(b: Backend, prefix: string, revision: number, limit: number, between?: () => Promise<void>) {
  const kvs: KeyValue[] = [];
  let startKey: string | undefined;
  for (;;) {
    const page = await b.list(prefix, { revision, limit, startKey });
    assert.equal(page.revision, revision);
    assert.ok(page.kvs.length <= limit);
    kvs.push(...page.kvs);
    if (!page.more) {
      assert.equal(page.remaining, 0);
      return kvs;
    }
    assert.equal(page.kvs.length, limit);
    assert.ok(page.remaining > 0);
    // The next page starts right after the last key: "\0" is the smallest suffix.
    startKey = `${page.kvs[page.kvs.length - 1].key}\u0000`;
    await between?.();
  }
}

const keys = (kvs: readonly KeyValue[]) => kvs.map((kv) => kv.key);

/** Registers the range tests. */
export function rangeTests(open: OpenBackend): void {
  it("list returns only keys under the prefix, in byte order", () =>
    withBackend(open, async (b) => {
      const under = ["/a/", "/a/x", "/a/x/y", "/a/z", "/a/\u00e9", "/a/\uFFFD", "/a/\u{1F600}", "/a/Z", "/a/0"];
      for (const key of ["/a", "/a0", "/ab", "/", "/b/x", ...under]) await b.create(key, key);
      const result = await b.list("/a/");
      // UTF-8 byte order: digits < upper < lower < U+00E9 < U+FFFD < U+1F600.
      assert.deepEqual(keys(result.kvs), ["/a/", "/a/0", "/a/Z", "/a/x", "/a/x/y", "/a/z", "/a/\u00e9", "/a/\uFFFD", "/a/\u{1F600}"]);
      assert.equal(result.revision, await b.currentRevision());
      assert.equal(result.more, false);
      assert.equal(result.remaining, 0);
      for (const kv of result.kvs) assert.equal(kv.value, kv.key);
    }));

  it("the empty prefix lists every key", () =>
    withBackend(open, async (b) => {
      for (const key of ["/b", "/a/1", "z", "\u{1F600}"]) await b.create(key, "v");
      assert.deepEqual(keys((await b.list("")).kvs), ["/a/1", "/b", "z", "\u{1F600}"]);
      assert.equal(await b.count(""), 4);
    }));

  it("limit sets more and remaining", () =>
    withBackend(open, async (b) => {
      for (let i = 0; i < 10; i++) await b.create(`/p/${i}`, `${i}`);
      await b.create("/q/0", "outside");
      const first = await b.list("/p/", { limit: 3 });
      assert.deepEqual(keys(first.kvs), ["/p/0", "/p/1", "/p/2"]);
      assert.equal(first.more, true);
      assert.equal(first.remaining, 7);
      const exact = await b.list("/p/", { limit: 10 });
      assert.equal(exact.kvs.length, 10);
      assert.equal(exact.more, false);
      assert.equal(exact.remaining, 0);
      const second = await b.list("/p/", { limit: 3, startKey: "/p/3" });
      assert.deepEqual(keys(second.kvs), ["/p/3", "/p/4", "/p/5"]);
      assert.equal(second.remaining, 4, "remaining counts keys after this page only");
      const last = await b.list("/p/", { limit: 3, startKey: "/p/9" });
      assert.deepEqual(keys(last.kvs), ["/p/9"]);
      assert.equal(last.more, false);
      assert.equal((await b.list("/p/", { limit: 0 })).kvs.length, 10, "limit 0 means no limit");
    }));

  it("startKey pages through every key exactly once", () =>
    withBackend(open, async (b) => {
      const expected: string[] = [];
      for (let i = 0; i < 25; i++) {
        const key = `/p/${String(i).padStart(2, "0")}`;
        expected.push(key);
        await b.create(key, "v");
      }
      const rev = await b.currentRevision();
      for (const limit of [1, 4, 5, 24, 25, 100]) assert.deepEqual(keys(await readPaged(b, "/p/", rev, limit)), expected);
    }));

  it("paging at a fixed revision is a consistent snapshot while writes continue", () =>
    withBackend(open, async (b) => {
      for (let i = 0; i < 30; i++) await b.create(`/p/${String(i).padStart(2, "0")}`, `v${i}`);
      const snapshot = await b.list("/p/");
      let n = 0;
      // Between pages: update, delete and create keys both before and after the cursor.
      const churn = async () => {
        const k = String((n * 7) % 30).padStart(2, "0");
        const cur = (await b.get(`/p/${k}`)).kv;
        if (cur && n % 2 === 0) await b.update(cur.key, `changed ${n}`, cur.modRevision);
        else if (cur) await b.delete(cur.key);
        await b.create(`/p/${k}-new${n}`, "new");
        await b.create(`/p/00-${n}`, "new before cursor");
        n++;
      };
      const paged = await readPaged(b, "/p/", snapshot.revision, 4, churn);
      assert.ok(n >= 7, "writes happened between pages");
      assert.deepEqual(paged, snapshot.kvs);
      assert.ok((await b.currentRevision()) > snapshot.revision);
    }));

  it("list at an old revision sees keys deleted since and not keys created since", () =>
    withBackend(open, async (b) => {
      const a = await b.create("/p/a", "a1");
      const c = await b.create("/p/c", "c1");
      const then = await b.currentRevision();
      await b.update("/p/a", "a2", a.modRevision);
      await b.delete("/p/c");
      await b.create("/p/b", "b1");
      const old = await b.list("/p/", { revision: then });
      assert.equal(old.revision, then);
      assert.deepEqual(old.kvs, [a, c]);
      const oldPage = await b.list("/p/", { revision: then, limit: 1 });
      assert.deepEqual(oldPage.kvs, [a]);
      assert.equal(oldPage.more, true);
      assert.equal(oldPage.remaining, 1);
      const now = await b.list("/p/");
      assert.deepEqual(now.kvs.map((kv) => kv.value), ["a2", "b1"]);
    }));

  it("count counts live keys under the prefix only", () =>
    withBackend(open, async (b) => {
      assert.equal(await b.count("/p/"), 0);
      for (let i = 0; i < 5; i++) await b.create(`/p/${i}`, "v");
      await b.create("/p", "not under /p/");
      await b.create("/q/1", "v");
      await b.delete("/p/3");
      assert.equal(await b.count("/p/"), 4);
      assert.equal(await b.count("/q/"), 1);
      assert.equal(await b.count("/none/"), 0);
    }));

  it("reads at a future revision fail with FutureRevisionError", () =>
    withBackend(open, async (b) => {
      await b.create("/p/a", "v");
      const rev = await b.currentRevision();
      const err = await rejectsWith(b.get("/p/a", rev + 1), FutureRevisionError, "FutureRevision");
      assert.equal(err.requested, rev + 1);
      assert.equal(err.current, rev);
      await rejectsWith(b.list("/p/", { revision: rev + 100 }), FutureRevisionError, "FutureRevision");
      assert.equal((await b.list("/p/", { revision: rev })).kvs.length, 1);
    }));
}
