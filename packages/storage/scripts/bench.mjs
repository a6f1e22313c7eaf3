#!/usr/bin/env node
// Storage micro-benchmark: creates/s, updates/s, list and count of 10k keys,
// paged snapshot lists, watch throughput, compaction. Run after `tsc -b`:
//   node packages/storage/scripts/bench.mjs [sqlite|memory] [--full]
// Numbers are for the storage layer alone (no HTTP, no JSON parsing).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryBackend, SqliteBackend } from "../dist/index.js";

const kind = process.argv[2] ?? "sqlite";
const synchronous = process.argv.includes("--full") ? "FULL" : "NORMAL";
const dir = mkdtempSync(join(tmpdir(), "kube-ts-bench-"));
const N = 10_000;

/** A ~1.5 KB ConfigMap-like JSON value. */
function value(i) {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `cm-${i}`, namespace: `ns-${i % 10}`, uid: crypto.randomUUID(), labels: { app: "bench", shard: `${i % 7}` } },
    data: { payload: "x".repeat(1300) },
  });
}
const key = (i) => `/registry/configmaps/ns-${i % 10}/cm-${String(i).padStart(6, "0")}`;

function time(label, ops, fn) {
  return (async () => {
    const start = process.hrtime.bigint();
    const result = await fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const rate = ops ? `  (${Math.round((ops / ms) * 1000).toLocaleString("en")}/s)` : "";
    console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms${rate}`);
    return result;
  })();
}

const b =
  kind === "memory" ? new MemoryBackend() : new SqliteBackend({ path: join(dir, "bench.db"), compactEveryMs: 0, synchronous });
console.log(`backend: ${kind}${kind === "sqlite" ? ` (synchronous=${synchronous})` : ""}, value ~${value(0).length} B`);
try {
  // A live watcher on everything, to measure fan-out cost during writes.
  let delivered = 0;
  const w = b.watch("/registry/", 0, { onEvents: (e) => (delivered += e.length), onError: console.error });
  const values = Array.from({ length: N }, (_, i) => value(i));
  const mods = await time(`create ${N} (sequential, 1 watcher)`, N, async () => {
    const out = [];
    for (let i = 0; i < N; i++) out.push((await b.create(key(i), values[i])).modRevision);
    return out;
  });
  const snapshot = await b.currentRevision();
  await time(`update ${N} (sequential, CAS)`, N, async () => {
    for (let i = 0; i < N; i++) mods[i] = (await b.update(key(i), values[i], mods[i])).modRevision;
  });
  await new Promise((r) => setImmediate(r));
  console.log(`  watcher received ${delivered} events`);
  w.close();

  for (let round = 0; round < 3; round++) {
    await time(`list 10k at current revision (run ${round + 1})`, 0, async () => {
      const r = await b.list("/registry/configmaps/");
      if (r.kvs.length !== N) throw new Error(`listed ${r.kvs.length}`);
    });
  }
  await time("list 1 namespace (1k) at current revision", 0, () => b.list("/registry/configmaps/ns-3/"));
  await time("list 10k at an old revision (snapshot)", 0, async () => {
    const r = await b.list("/registry/configmaps/", { revision: snapshot });
    if (r.kvs.length !== N) throw new Error(`listed ${r.kvs.length}`);
  });
  await time("list 10k in pages of 500 at old revision", 0, async () => {
    let startKey;
    let n = 0;
    for (;;) {
      const page = await b.list("/registry/configmaps/", { revision: snapshot, limit: 500, startKey });
      n += page.kvs.length;
      if (!page.more) break;
      startKey = `${page.kvs.at(-1).key}\0`;
    }
    if (n !== N) throw new Error(`paged ${n}`);
  });
  await time("first page of 500 (limit) at current", 0, () => b.list("/registry/configmaps/", { limit: 500 }));
  await time("count 10k", 0, () => b.count("/registry/configmaps/"));
  await time("1000 gets at current revision", 1000, async () => {
    for (let i = 0; i < 1000; i++) await b.get(key(i * 7));
  });

  const total = await b.currentRevision();
  await time(`watch replay of ${total} events from 0`, total, () =>
    new Promise((resolve) => {
      let got = 0;
      const rw = b.watch("/registry/", 0, {
        onEvents: (e) => {
          got += e.length;
          if (got === total) {
            rw.close();
            resolve();
          }
        },
        onError: console.error,
      });
    }),
  );
  const live = 10_000;
  await time(`watch live: ${live} updates, 10 watchers`, live, async () => {
    const counts = new Array(10).fill(0);
    const ws = counts.map((_, j) => b.watch("/registry/", total, { onEvents: (e) => (counts[j] += e.length), onError: console.error }));
    for (let i = 0; i < live; i++) mods[i] = (await b.update(key(i), values[i], mods[i])).modRevision;
    await new Promise((r) => setImmediate(r));
    for (const x of ws) x.close();
    if (counts.some((c) => c !== live)) throw new Error(`delivered ${counts}`);
  });
  const rev = await b.currentRevision();
  await time(`compact history up to ${rev - 1000}`, rev - 1000, () => b.compact(rev - 1000));
  await time("list 10k at current after compaction", 0, () => b.list("/registry/configmaps/"));
} finally {
  await b.close();
  rmSync(dir, { recursive: true, force: true });
}
