/**
 * The control plane as a user runs it (`npm start` → dist/main.js): first
 * start generates credentials and a kubeconfig, a restart reuses them and
 * keeps every object, SIGTERM exits cleanly, and every write the server
 * acknowledged survives `kill -9`.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";

const MAIN = new URL("../main.js", import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** Starts main.js and waits for its ready line. */
async function startServer(dataDir: string, port: number): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, "--data-dir", dataDir, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 20_000;
  while (!output.includes("kube-ts is ready")) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not get ready: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

interface Credentials {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

async function readKubeconfig(path: string): Promise<Credentials> {
  const config = parseYaml(await readFile(path, "utf8"));
  const cluster = config.clusters[0].cluster;
  const user = config.users[0].user;
  const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
  return {
    server: cluster.server,
    ca: decode(cluster["certificate-authority-data"]),
    cert: decode(user["client-certificate-data"]),
    key: decode(user["client-key-data"]),
  };
}

function call(creds: Credentials, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, creds.server);
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        ca: creds.ca,
        cert: creds.cert,
        key: creds.key,
        agent: false,
        headers: payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("the control plane process", () => {
  let dataDir: string;
  let port: number;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kube-ts-main-"));
    port = await freePort();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("prints the kubeconfig to export, serves with the admin credentials, and exits 0 on SIGTERM", async () => {
    const running = await startServer(dataDir, port);
    assert.match(running.output(), new RegExp(`export KUBECONFIG=${join(dataDir, "kubeconfig")}`));
    const creds = await readKubeconfig(join(dataDir, "kubeconfig"));
    assert.equal(creds.server, `https://127.0.0.1:${port}`);
    const created = await call(creds, "POST", "/api/v1/namespaces/default/configmaps", { metadata: { name: "kept" }, data: { v: "1" } });
    assert.equal(created.status, 201);
    running.child.kill("SIGTERM");
    assert.deepEqual(await exited(running.child), { code: 0, signal: null });
  });

  it("keeps objects and credentials across a restart", async () => {
    const before = await readKubeconfig(join(dataDir, "kubeconfig"));
    const running = await startServer(dataDir, port);
    const after = await readKubeconfig(join(dataDir, "kubeconfig"));
    assert.equal(after.ca, before.ca, "the CA is reused");
    const kept = await call(before, "GET", "/api/v1/namespaces/default/configmaps/kept");
    assert.equal(kept.status, 200);
    assert.deepEqual(kept.body.data, { v: "1" });
    running.child.kill("SIGINT");
    assert.equal((await exited(running.child)).code, 0);
  });

  it("loses no acknowledged write when killed with SIGKILL", async () => {
    const running = await startServer(dataDir, port);
    const creds = await readKubeconfig(join(dataDir, "kubeconfig"));
    const acknowledged: string[] = [];
    let killed = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !killed; i++) {
        const name = `w${w}-${i}`;
        try {
          const res = await call(creds, "POST", "/api/v1/namespaces/default/configmaps", { metadata: { name }, data: { i: String(i) } });
          if (res.status === 201) acknowledged.push(name);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    running.child.kill("SIGKILL");
    killed = true;
    await Promise.all(writers);
    await exited(running.child);

    const restarted = await startServer(dataDir, port);
    try {
      const list = await call(creds, "GET", "/api/v1/namespaces/default/configmaps");
      const stored = new Set((list.body.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name));
      const lost = acknowledged.filter((name) => !stored.has(name));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
    } finally {
      restarted.child.kill("SIGTERM");
      await exited(restarted.child);
    }
  });

  it("answers a request without credentials with 401", async () => {
    const running = await startServer(dataDir, port);
    try {
      const creds = await readKubeconfig(join(dataDir, "kubeconfig"));
      const res = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/api/v1/namespaces", ca: creds.ca, agent: false }, (r) => {
          let text = "";
          r.on("data", (d) => (text += d));
          r.on("end", () => resolve({ status: r.statusCode ?? 0, body: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end();
      });
      assert.equal(res.status, 401);
      assert.equal(res.body.reason, "Unauthorized");
    } finally {
      running.child.kill("SIGTERM");
      await exited(running.child);
    }
  });

  it("refuses bad flags with one line", async () => {
    const child = spawn(process.execPath, [MAIN, "--port", "not-a-port", "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    const { code } = await exited(child);
    assert.equal(code, 2);
    assert.match(stderr, /^kube-ts: --port must be a port number/);
  });
});
