/**
 * End to end over real TLS: a `node:https` server configured the way the API
 * server is (serving cert, `requestCert`, `rejectUnauthorized: false`, the
 * cluster CA) authenticating Node clients and, when installed, stock kubectl
 * (Go's crypto/tls) using a kubeconfig from {@link writeKubeconfig}.
 * @module
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request, type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { type AuthResult, authenticate } from "./authn.js";
import { type ClusterPki, ensureClusterPki } from "./cluster-pki.js";
import { writeKubeconfig } from "./kubeconfig.js";

const KUBECTL = "/usr/bin/kubectl";
const VERSION = { major: "1", minor: "32", gitVersion: "v1.32.0" };

interface Seen {
  path: string;
  auth: AuthResult;
}

let dir: string;
let pki: ClusterPki;
let server: Server;
let port: number;
const seen: Seen[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "kube-ts-tls-"));
  pki = await ensureClusterPki(join(dir, "data"));
  server = createServer(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const auth = authenticate(req, pki);
      // kubectl appends ?timeout=32s; record and route on the path alone.
      const path = new URL(req.url ?? "/", "https://x").pathname;
      seen.push({ path, auth });
      res.setHeader("content-type", "application/json");
      if ("error" in auth) {
        res.statusCode = 401;
        res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Unauthorized", code: 401 }));
        return;
      }
      res.end(JSON.stringify(path === "/version" ? VERSION : auth));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

/** One HTTPS GET that trusts only the cluster CA; fresh connection each time. */
function get(
  path: string,
  opts: { cert?: string; key?: string; token?: string; host?: string } = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.host ?? "127.0.0.1",
        port,
        path,
        ca: pki.caCert,
        cert: opts.cert,
        key: opts.key,
        agent: false,
        headers: opts.token === undefined ? {} : { authorization: `Bearer ${opts.token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const ADMIN = { user: { name: "kube-ts-admin", groups: ["system:masters", "system:authenticated"] } };

describe("TLS end to end (Node client)", () => {
  it("authenticates the admin client certificate", async () => {
    assert.deepEqual(await get("/whoami", { cert: pki.adminCert, key: pki.adminKey }), { status: 200, body: ADMIN });
  });

  it("authenticates the admin bearer token", async () => {
    assert.deepEqual(await get("/whoami", { token: pki.adminToken }), { status: 200, body: ADMIN });
  });

  it("leaves a request without credentials unauthenticated", async () => {
    const res = await get("/whoami");
    assert.equal(res.status, 401);
    assert.deepEqual(seen.at(-1), { path: "/whoami", auth: { error: "no credentials" } });
  });

  it("rejects a wrong bearer token", async () => {
    // Differs from the real token in the last character only.
    const wrong = pki.adminToken.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    const res = await get("/whoami", { token: wrong });
    assert.equal(res.status, 401);
    assert.deepEqual(seen.at(-1)?.auth, { error: "invalid bearer token" });
  });

  it("rejects a client certificate from another CA, even one claiming system:masters", async () => {
    const other = await ensureClusterPki(join(dir, "other"));
    const res = await get("/whoami", { cert: other.adminCert, key: other.adminKey });
    assert.equal(res.status, 401);
    assert.deepEqual(seen.at(-1)?.auth, { error: "invalid client certificate" });
    // ...but a valid token on the same request still authenticates, as upstream.
    const withToken = await get("/whoami", { cert: other.adminCert, key: other.adminKey, token: pki.adminToken });
    assert.deepEqual(withToken, { status: 200, body: ADMIN });
  });

  it("is trusted under the localhost name as well as the IP", async () => {
    assert.equal((await get("/whoami", { host: "localhost", token: pki.adminToken })).status, 200);
  });
});

const exec = promisify(execFile);

describe("TLS end to end (kubectl)", { skip: existsSync(KUBECTL) ? false : `${KUBECTL} not installed` }, () => {
  // execFile, not spawnSync: the server runs in this process and must keep answering.
  async function kubectlVersion(kubeconfig: string): Promise<unknown> {
    const { stdout } = await exec(KUBECTL, ["--kubeconfig", kubeconfig, "version", "-o", "json"], {
      timeout: 30_000,
      // A private HOME keeps kubectl's discovery cache out of the real one.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir },
    });
    return JSON.parse(stdout);
  }

  // kubectl fills the fields our /version left out with "".
  function assertServerVersion(out: unknown): void {
    const server = (out as { serverVersion?: Record<string, string> }).serverVersion ?? {};
    assert.deepEqual({ major: server.major, minor: server.minor, gitVersion: server.gitVersion }, VERSION);
  }

  it("connects with the admin client certificate from a generated kubeconfig", async () => {
    const kubeconfig = join(dir, "kubeconfig-cert");
    await writeKubeconfig(kubeconfig, {
      server: `https://127.0.0.1:${port}`,
      caCert: pki.caCert,
      clientCert: pki.adminCert,
      clientKey: pki.adminKey,
    });
    const before = seen.length;
    assertServerVersion(await kubectlVersion(kubeconfig));
    const versionCalls = seen.slice(before).filter((s) => s.path === "/version");
    assert.ok(versionCalls.length > 0, "kubectl reached /version");
    for (const call of versionCalls) assert.deepEqual(call.auth, ADMIN);
  });

  it("connects with the bearer token alone", async () => {
    const kubeconfig = join(dir, "kubeconfig-token");
    await writeKubeconfig(kubeconfig, {
      server: `https://localhost:${port}`,
      caCert: pki.caCert,
      token: pki.adminToken,
    });
    const before = seen.length;
    assertServerVersion(await kubectlVersion(kubeconfig));
    assert.deepEqual(seen.slice(before).find((s) => s.path === "/version")?.auth, ADMIN);
  });
});
