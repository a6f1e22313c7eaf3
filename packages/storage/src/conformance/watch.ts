/**
 * Conformance: watches (replay from 0, from a mid revision and from the
 * current one, prefix filtering, ordering under load, the replay/live
 * boundary, close, and isolation from a throwing listener).
 * @module
 */

import assert from "node:assert/strict";
import { it } from "node:test";
import type { Backend, WatchEvent } from "../backend.js";
import { assertIncreasing, type OpenBackend, Recorder, record, settle, withBackend } from "./harness.js";

/** Writes a create, an update and a delete of `key` and returns the events they must produce. */
async function lifecycle(b: Backend, key: string): Promise<WatchEvent[]> {
  const created = await b.create(key, "1");
  const updated = await b.update(key, "2", created.modRevision);
  const deleted = await b.delete(key);
  return [
    { type: "create", kv: created },
    { type: "update", kv: updated, prevKv: created },
    { type: "delete", kv: deleted, prevKv: updated },
  ];
}

/** Registers the watch tests. */
export function watchTests(open: OpenBackend): void {
  it("watch from 0 replays every event with prevKv", () =>
    withBackend(open, async (b) => {
      const expected = [...(await lifecycle(b, "/w/a")), ...(await lifecycle(b, "/w/b"))];
      const w = record(b, "/w/", 0);
      await w.untilEvents(expected.length);
      assert.deepEqual(w.events, expected);
      w.close();
    }));

  it("watch from a mid revision replays only later events, then live ones", () =>
    withBackend(open, async (b) => {
      const first = await lifecycle(b, "/w/a");
      const mid = first[1].kv.modRevision;
      const w = record(b, "/w/", mid);
      const live = await lifecycle(b, "/w/b");
      const expected = [first[2], ...live];
      await w.untilEvents(expected.length);
      await settle();
      assert.deepEqual(w.events, expected);
      w.close();
    }));

  it("watch from the current revision delivers only new events", () =>
    withBackend(open, async (b) => {
      await lifecycle(b, "/w/old");
      const w = record(b, "/w/", await b.currentRevision());
      const expected = await lifecycle(b, "/w/new");
      await w.untilEvents(3);
      await settle();
      assert.deepEqual(w.events, expected);
      w.close();
    }));

  it("a watch sees only keys under its prefix", () =>
    withBackend(open, async (b) => {
      const w = record(b, "/w/a/", await b.currentRevision());
      for (const key of ["/w/a", "/w/ab", "/w/b/x", "/w/a/1", "/w/a/", "/w/a/2/3"]) await b.create(key, "v");
      await w.untilEvents(3);
      await settle();
      assert.deepEqual(w.summary().map((s) => s.split("@")[0]), ["create /w/a/1", "create /w/a/", "create /w/a/2/3"]);
      w.close();
    }));

  it("the listener is never called synchronously", () =>
    withBackend(open, async (b) => {
      await b.create("/w/a", "v");
      const w = record(b, "/w/", 0);
      assert.equal(w.events.length, 0, "replay is delivered after watch() returns");
      await w.untilEvents(1);
      w.close();
    }));

  it("replay and live events join without gap or duplicate", () =>
    withBackend(open, async (b) => {
      const revs: number[] = [];
      for (let i = 0; i < 40; i++) revs.push((await b.create(`/w/${i}`, "v")).modRevision);
      const after = revs[19];
      const w = record(b, "/w/", after);
      // Start more writes in the same tick as the watch, without awaiting in between.
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) pending.push(b.update(`/w/${i}`, "w", revs[i]));
      const written = (await Promise.all(pending)) as { modRevision: number }[];
      const expected = [...revs.slice(20), ...written.map((kv) => kv.modRevision)].sort((x, y) => x - y);
      await w.untilEvents(expected.length);
      await settle();
      assert.deepEqual(w.revisions(), expected);
      w.close();
    }));

  it("many writes arrive complete and in revision order", () =>
    withBackend(open, async (b) => {
      const w = record(b, "/w/", await b.currentRevision());
      const other = record(b, "/w/k3", await b.currentRevision());
      const mods = new Map<string, number>();
      let count = 0;
      for (let i = 0; i < 1000; i++) {
        const key = `/w/k${i % 10}`;
        const prev = mods.get(key);
        const kv = prev === undefined ? await b.create(key, `${i}`) : await b.update(key, `${i}`, prev);
        mods.set(key, kv.modRevision);
        count++;
        if (i % 97 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await w.untilEvents(count);
      await other.untilEvents(100);
      await settle();
      assert.equal(w.events.length, count);
      assertIncreasing(w.revisions(), "event revisions");
      assert.equal(other.events.length, 100);
      assertIncreasing(other.revisions(), "event revisions");
      for (const e of w.events) if (e.type === "update") assert.ok(e.prevKv.modRevision < e.kv.modRevision);
      w.close();
      other.close();
    }));

  it("close stops delivery", () =>
    withBackend(open, async (b) => {
      const w = record(b, "/w/", await b.currentRevision());
      await b.create("/w/a", "v");
      await w.untilEvents(1);
      w.close();
      w.close();
      await b.create("/w/b", "v");
      await settle();
      assert.deepEqual(w.summary().map((s) => s.split("@")[0]), ["create /w/a"]);
      assert.deepEqual(w.errors, []);
    }));

  it("close before the replay is delivered drops it", () =>
    withBackend(open, async (b) => {
      await b.create("/w/a", "v");
      const w = record(b, "/w/", 0);
      w.close();
      await settle();
      assert.equal(w.events.length, 0);
    }));

  it("a throwing listener does not break other watchers or writes", () =>
    withBackend(open, async (b) => {
      const start = await b.currentRevision();
      const boom = new Error("listener bug");
      const bad = new Recorder();
      let calls = 0;
      b.watch("/w/", start, {
        onEvents: (events) => {
          calls++;
          bad.listener.onEvents(events);
          throw boom;
        },
        onError: bad.listener.onError,
      });
      const good = record(b, "/w/", start);
      await b.create("/w/a", "v");
      await bad.untilEvents(1);
      for (let i = 0; i < 10; i++) await b.create(`/w/b${i}`, "v");
      await good.untilEvents(11);
      assert.equal(await bad.untilError(), boom, "the broken watch ends with its own error");
      await settle();
      assert.equal(calls, 1, "no events after the listener threw");
      assert.equal(good.events.length, 11);
      assert.deepEqual(good.errors, []);
      good.close();
    }));

  it("a watch from a future revision starts delivering once it is reached", () =>
    withBackend(open, async (b) => {
      const start = await b.currentRevision();
      const w = record(b, "/w/", start + 2);
      await b.create("/w/a", "1");
      await b.create("/w/b", "1");
      const third = await b.create("/w/c", "1");
      await w.untilEvents(1);
      await settle();
      assert.deepEqual(w.revisions(), [third.modRevision]);
      w.close();
    }));
}
