#!/usr/bin/env node
/**
 * `npm run bench -- <suite> [--json FILE]`: runs one benchmark suite, prints
 * its results as a table and optionally writes them as JSON:
 *
 *   {"suite": "apiserver", "results": [{"name", "value", "unit"}], "machine": {cpus, node, date}}
 *
 * Suites are the files in bench/suites/: `bench/suites/<name>.mjs` exports
 * `async function run(ctx)` returning `[{ name, value, unit }]`. Adding a
 * suite is adding that one file; nothing here lists them.
 *
 * Plain ESM JavaScript so it needs no build step of its own; suites import
 * the compiled packages (packages/<pkg>/dist) after `tsc -b`.
 * @module
 */
import { readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, "..");
const SUITES_DIR = join(BENCH_DIR, "suites");

/** Whole-run watchdog; each suite bounds its own phases well inside this. */
const RUN_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);

const USAGE = `Usage: npm run bench -- <suite> [--json FILE]
       node bench/run.mjs <suite> [--json FILE]

  suites: ${availableSuites().join(", ") || "(none)"}
  --json FILE   also write the results as JSON to FILE`;

function availableSuites() {
  try {
    return readdirSync(SUITES_DIR)
      .filter((f) => f.endsWith(".mjs") && !f.startsWith("_"))
      .map((f) => f.slice(0, -".mjs".length))
      .sort();
  } catch {
    return [];
  }
}

function usageError(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Formats a value for the table: thousands separators, the precision the suite rounded to. */
function formatValue(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

function printTable(suite, results) {
  const rows = results.map((r) => [r.name, formatValue(r.value), r.unit]);
  const header = ["benchmark", "value", "unit"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  console.log(`\n${suite}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log("");
}

function validateResults(suite, results) {
  if (!Array.isArray(results)) throw new Error(`suite ${suite} returned ${typeof results}, not an array of results`);
  for (const r of results) {
    if (!r || typeof r.name !== "string" || typeof r.value !== "number" || typeof r.unit !== "string") {
      throw new Error(`suite ${suite} returned a malformed result: ${JSON.stringify(r)}`);
    }
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: { json: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    usageError(`${err.message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  const [suite, ...extra] = parsed.positionals;
  if (!suite) usageError(`no suite given\n${USAGE}`);
  if (extra.length > 0) usageError(`unexpected arguments: ${extra.join(" ")}`);
  const suites = availableSuites();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(suite) || !suites.includes(suite)) {
    usageError(`unknown suite "${suite}" (available: ${suites.join(", ") || "none"})`);
  }

  // Cleanups registered by the suite run on success, failure, the watchdog and Ctrl-C.
  const cleanups = [];
  let cleaning;
  const runCleanups = () => {
    cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          console.error(`bench: cleanup failed: ${err?.message ?? err}`);
        }
      }
    })();
    return cleaning;
  };
  const abort = async (message, code) => {
    console.error(`bench: ${message}`);
    await runCleanups();
    process.exit(code);
  };
  process.once("SIGINT", () => void abort("interrupted", 130));
  process.once("SIGTERM", () => void abort("terminated", 143));
  const watchdog = setTimeout(
    () => void abort(`${suite}: the whole run exceeded ${RUN_TIMEOUT_MS / 1000}s (BENCH_TIMEOUT_MS); aborted`, 1),
    RUN_TIMEOUT_MS,
  );
  watchdog.unref();

  const ctx = {
    root: ROOT,
    suite,
    /** Progress lines go to stderr so stdout stays the table. */
    log: (msg) => console.error(`[${suite}] ${msg}`),
    /** Registers a function to run when the suite ends, however it ends (last registered runs first). */
    addCleanup: (fn) => cleanups.push(fn),
  };

  let results;
  try {
    const mod = await import(pathToFileURL(join(SUITES_DIR, `${suite}.mjs`)).href);
    if (typeof mod.run !== "function") throw new Error(`bench/suites/${suite}.mjs does not export run(ctx)`);
    results = await mod.run(ctx);
    validateResults(suite, results);
  } catch (err) {
    const detail = process.env.BENCH_DEBUG ? `\n${err?.stack ?? err}` : "";
    await abort(`${suite} failed: ${err?.message ?? err}${detail}`, 1);
  }
  await runCleanups();
  clearTimeout(watchdog);

  printTable(suite, results);
  if (parsed.values.json) {
    const file = resolve(parsed.values.json);
    const doc = {
      suite,
      results: results.map(({ name, value, unit }) => ({ name, value, unit })),
      machine: { cpus: cpus().length, node: process.version, date: new Date().toISOString() },
    };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
    console.error(`bench: wrote ${file}`);
  }
  // Pools, sockets or timers a suite left behind must not keep the process alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(`bench: ${err?.stack ?? err}`);
  process.exit(1);
});
