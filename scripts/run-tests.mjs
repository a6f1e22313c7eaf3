#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/**/*.test.js, bench excluded)
// with Node's own test runner. Node 20 has no --test glob, so we find them here.
// Usage: node scripts/run-tests.mjs [substring-filter...]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const filters = process.argv.slice(2);

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (entry.endsWith(".test.js")) yield path;
  }
}

const files = [];
for (const pkg of readdirSync(join(root, "packages"))) {
  const dist = join(root, "packages", pkg, "dist");
  try {
    statSync(dist);
  } catch {
    continue;
  }
  for (const file of walk(dist)) if (filters.length === 0 || filters.some((f) => file.includes(f))) files.push(file);
}
if (files.length === 0) {
  console.error("no test files found: run `tsc -b` first");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--enable-source-maps", "--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test" },
});
process.exit(result.status ?? 1);
