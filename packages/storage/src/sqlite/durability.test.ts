/**
 * Proves that every acknowledged write survives `kill -9`: a child process
 * writes in a tight loop and prints each acknowledged revision; the test
 * kills it mid-stream (several times, each run continuing the same file),
 * reopens the database and checks every acknowledged write, at its own
 * revision, plus the file's integrity.
 * @module
 */

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import Database from "better-sqlite3";
import { SqliteBackend } from "./backend.js";

const dir = mkdtempSync(join(tmpdir(), "kube-ts-durability-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The value written by step `i` of run `run`. */
const writtenValue = (run: number, i: number) => JSON.stringify({ run, i, pad: "p".repeat(1000) });

/** The child: create or update 50 keys round-robin, forever, printing `rev key i` after each write returns. */
function childSource(path: string, run: number): string {
  return `
    const { SqliteBackend } = await import(${JSON.stringify(new URL("./backend.js", import.meta.url).href)});
    const b = new SqliteBackend({ path: ${JSON.stringify(path)}, compactEveryMs: 0 });
    const writtenValue = ${writtenValue.toString()};
    const mods = new Map();
    process.stdout.write("ready\\n");
    for (let i = 0; ; i++) {
      const key = "/d/${run}/" + (i % 50);
      const prev = mods.get(key);
      const kv = prev === undefined ? await b.create(key, writtenValue(${run}, i)) : await b.update(key, writtenValue(${run}, i), prev);
      mods.set(key, kv.modRevision);
      process.stdout.write(kv.modRevision + " " + key + " " + i + "\\n");
    }`;
}

interface Ack {
  revision: number;
  key: string;
  run: number;
  i: number;
}

/** Runs one child until it acknowledged at least `min` writes, then SIGKILLs it; returns the acknowledged writes. */
function runAndKill(path: string, run: number, min: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", childSource(path, run)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const acks: Ack[] = [];
    let buffered = "";
    let killed = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!; // a partial line was not fully acknowledged
      for (const line of lines) {
        if (line === "ready") continue;
        const [revision, key, i] = line.split(" ");
        acks.push({ revision: Number(revision), key, run, i: Number(i) });
      }
      if (!killed && acks.length >= min) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(acks);
      else reject(new Error(`writer exited with ${code ?? signal} after ${acks.length} writes`));
    });
  });
}

it("every acknowledged write survives kill -9 of the writer", async () => {
  const path = join(dir, "crash.db");
  const all: Ack[] = [];
  for (let run = 0; run < 3; run++) all.push(...(await runAndKill(path, run, 1500 + run * 700)));

  const revisions = all.map((a) => a.revision);
  for (let i = 1; i < revisions.length; i++) assert.ok(revisions[i] > revisions[i - 1], "revisions continue across crashes");

  const b = new SqliteBackend({ path, compactEveryMs: 0 });
  try {
    assert.ok((await b.currentRevision()) >= revisions[revisions.length - 1]);
    for (const ack of all) {
      const { kv } = await b.get(ack.key, ack.revision);
      assert.ok(kv, `acknowledged write ${ack.revision} of ${ack.key} is missing`);
      assert.equal(kv.modRevision, ack.revision);
      assert.equal(kv.value, writtenValue(ack.run, ack.i));
    }
    // The last acknowledged write of each key is still (at least) its current state.
    const last = new Map(all.map((a) => [a.key, a.revision]));
    for (const [key, revision] of last) assert.ok((await b.get(key)).kv!.modRevision >= revision);
    const next = await b.create("/d/after", "x");
    assert.ok(next.modRevision > revisions[revisions.length - 1]);
  } finally {
    await b.close();
  }
  const db = new Database(path, { readonly: true });
  try {
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
  } finally {
    db.close();
  }
});
