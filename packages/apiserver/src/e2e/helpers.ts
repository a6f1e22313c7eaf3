/**
 * Shared pieces of the kubectl end-to-end tests: one real cluster per test
 * file (started in `before`, stopped in `after`), manifests written to the
 * cluster's data directory, JSON reads, failure checks and polling with a
 * deadline instead of sleeps.
 *
 * Every suite is declared with {@link e2eSuite}: when kubectl is missing the
 * suite is skipped on a developer machine, and the run fails in CI
 * (`kubectlAvailable()` throws there).
 * @module
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { parseAllDocuments } from "yaml";
import { KUBECTL, kubectlAvailable, startTestCluster, type TestCluster } from "../testing/cluster.js";

/** A parsed Kubernetes object as kubectl prints it with `-o json`. */
// biome-ignore lint/suspicious/noExplicitAny: objects read back are checked field by field
export type Obj = Record<string, any>;

/**
 * Declares a suite that shares one test cluster. `body` gets an accessor for
 * the cluster (valid inside tests and hooks).
 */
export function e2eSuite(name: string, body: (cluster: () => TestCluster) => void): void {
  const available = kubectlAvailable();
  describe(name, { skip: available ? false : `kubectl not installed at ${KUBECTL}` }, () => {
    let cluster: TestCluster | undefined;
    before(async () => {
      cluster = await startTestCluster();
    });
    after(async () => {
      await cluster?.stop();
    });
    body(() => {
      if (!cluster) throw new Error("the test cluster is not running");
      return cluster;
    });
  });
}

/** Writes a file into the cluster's data directory and returns its path. */
export async function manifest(cluster: TestCluster, name: string, content: string): Promise<string> {
  const path = join(cluster.dataDir, name);
  await writeFile(path, content);
  return path;
}

/** `kubectl <args> -o json`, parsed. */
export async function getJson(cluster: TestCluster, args: string[]): Promise<Obj> {
  return JSON.parse(await cluster.kubectlOk([...args, "-o", "json"])) as Obj;
}

/** Whether `kubectl get <args>` finds the object. */
export async function exists(cluster: TestCluster, args: string[]): Promise<boolean> {
  const result = await cluster.kubectl(["get", ...args, "-o", "name"]);
  if (result.code === 0) return true;
  assert.match(result.stderr, /NotFound/, `unexpected failure of kubectl get ${args.join(" ")}: ${result.stderr}`);
  return false;
}

/**
 * Runs kubectl expecting it to fail; asserts that stderr is exactly one line
 * matching `expected`, and returns that line.
 */
export async function kubectlFails(
  cluster: TestCluster,
  args: string[],
  expected: RegExp | string,
  options: { input?: string } = {},
): Promise<string> {
  const result = await cluster.kubectl(args, options);
  assert.notEqual(result.code, 0, `kubectl ${args.join(" ")} should fail; stdout: ${result.stdout}`);
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `kubectl ${args.join(" ")} should print one line, got:\n${result.stderr}`);
  if (typeof expected === "string") assert.equal(lines[0], expected);
  else assert.match(lines[0], expected);
  return lines[0];
}

/** Polls `check` until it returns a truthy value; fails with `what` after the deadline. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The header cells and rows of a kubectl table (columns split on runs of 2+ spaces). */
export function table(output: string): { headers: string[]; rows: string[][] } {
  const lines = output.split("\n").filter((l) => l.trim() !== "");
  const split = (line: string) => line.trim().split(/\s{2,}/);
  return { headers: lines.length ? split(lines[0]) : [], rows: lines.slice(1).map(split) };
}

/** The first cell (NAME, or NAMESPACE with -A) of each row. */
export function names(output: string, column = 0): string[] {
  return table(output).rows.map((r) => r[column]);
}

/** Parses multi-document YAML output. */
export function yamlDocs(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Obj);
}

/** Requests the server received since `start` (an index into `cluster.requests`) matching `pattern`. */
export function requestsSince(cluster: TestCluster, start: number, method: string, pattern: RegExp) {
  return cluster.requests.slice(start).filter((r) => r.method === method && pattern.test(r.url));
}
