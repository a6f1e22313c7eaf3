#!/usr/bin/env node
/**
 * Top functions of a V8 .cpuprofile (from `node --cpu-prof`), by self and
 * inclusive time, optionally restricted to a window of the run:
 *
 *   node bench/tools/cpuprofile-top.mjs PROFILE [--from US] [--to US] [--top N]
 *
 * --from/--to are monotonic-clock microseconds (the profile's own clock,
 * the same as process.hrtime in any process on the machine); the apiserver
 * suite logs its phase boundaries in that clock when the server is profiled
 * (BENCH_SERVER_NODE_ARGS contains --cpu-prof).
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { from: { type: "string" }, to: { type: "string" }, top: { type: "string" } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error("usage: node bench/tools/cpuprofile-top.mjs PROFILE [--from US] [--to US] [--top N]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const from = values.from ? Number(values.from) : Number.NEGATIVE_INFINITY;
const to = values.to ? Number(values.to) : Number.POSITIVE_INFINITY;
const top = Number(values.top ?? 25);

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/(packages|node_modules)\//, "$1/")}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};

const self = new Map();
const inclusive = new Map();
let t = profile.startTime;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const dt = profile.timeDeltas[i + 1] ?? 0; // the sample stands for the time until the next one
  if (t < from || t > to) continue;
  total += dt;
  let id = profile.samples[i];
  const leaf = label(nodes.get(id));
  self.set(leaf, (self.get(leaf) ?? 0) + dt);
  const seen = new Set();
  while (id !== undefined) {
    const l = label(nodes.get(id));
    if (!seen.has(l)) {
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
    id = parent.get(id);
  }
}

const show = (title, map) => {
  console.log(`\n${title} (window ${(total / 1000).toFixed(0)} ms of samples)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};
show("self time", self);
show("inclusive time", inclusive);
