/**
 * Tests of {@link openBackend} and the driver registry.
 * @module
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { MemoryBackend } from "./memory/index.js";
import { openBackend } from "./open.js";
import { registerDriver, registeredSchemes } from "./registry.js";
import { parseSqliteLocation, SqliteBackend } from "./sqlite/index.js";

const dir = mkdtempSync(join(tmpdir(), "kube-ts-open-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("openBackend", () => {
  it("opens memory://", async () => {
    const b = await openBackend("memory://");
    assert.ok(b instanceof MemoryBackend);
    await b.close();
  });

  it("opens sqlite:///absolute/path and keeps the data there", async () => {
    const path = join(dir, "abs", "state.db");
    const b1 = await openBackend(`sqlite://${path}`);
    assert.ok(b1 instanceof SqliteBackend);
    await b1.create("/k", "v");
    await b1.close();
    const b2 = await openBackend(`sqlite://${path}?compactEveryMs=0`);
    assert.equal((await b2.get("/k")).kv?.value, "v");
    await b2.close();
  });

  it("opens sqlite://relative/path relative to the working directory", async () => {
    const rel = relative(process.cwd(), join(dir, "rel.db"));
    assert.ok(!rel.startsWith("/"));
    const b1 = await openBackend(`sqlite://${rel}`);
    await b1.create("/k", "rel");
    await b1.close();
    const b2 = await openBackend(`sqlite://${join(dir, "rel.db")}`);
    assert.equal((await b2.get("/k")).kv?.value, "rel");
    await b2.close();
  });

  it("rejects unknown schemes and malformed URIs clearly", async () => {
    await assert.rejects(openBackend("postgres://db/kube"), /unknown storage scheme "postgres".*supported: .*memory.*sqlite/);
    await assert.rejects(openBackend("/var/lib/state.db"), /invalid storage URI/);
    await assert.rejects(openBackend("sqlite://"), /needs a file path/);
    await assert.rejects(openBackend(`sqlite://${join(dir, "x.db")}?retain=5`), /unknown sqlite:\/\/ option "retain"/);
    await assert.rejects(openBackend(`sqlite://${join(dir, "x.db")}?retainRevisions=-1`), /non-negative integer/);
  });

  it("dispatches to drivers registered later (e.g. etcd)", async () => {
    const seen: string[] = [];
    registerDriver("test-etcd", async (location) => {
      seen.push(location);
      return new MemoryBackend();
    });
    assert.ok(registeredSchemes().includes("test-etcd"));
    const b = await openBackend("TEST-ETCD://host1:2379,host2:2379/prefix");
    await b.close();
    assert.deepEqual(seen, ["host1:2379,host2:2379/prefix"]);
    assert.throws(() => registerDriver("bad scheme", async () => new MemoryBackend()), /invalid storage scheme/);
  });
});

describe("parseSqliteLocation", () => {
  it("parses the path and options", () => {
    assert.deepEqual(parseSqliteLocation("/var/lib/kube%20ts/state.db?compactEveryMs=0&retainRevisions=500&synchronous=full"), {
      path: "/var/lib/kube ts/state.db",
      compactEveryMs: 0,
      retainRevisions: 500,
      synchronous: "FULL",
    });
    assert.deepEqual(parseSqliteLocation("data/state.db"), { path: "data/state.db" });
    assert.throws(() => parseSqliteLocation("x.db?synchronous=off"), /NORMAL or FULL/);
  });
});
