/**
 * Bad input never crashes the server or produces a 500: thousands of
 * generated malformed requests (broken bodies, wrong types, bad queries,
 * bad patches, odd paths and headers) each get a Kubernetes Status with a
 * client-error code, and the server keeps serving afterwards.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Backend, openBackend } from "@kube-ts/storage";
import { ApiServer } from "../server.js";

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Attempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const PATHS = [
  "/api/v1/namespaces/default/pods",
  "/api/v1/namespaces/default/pods/p",
  "/api/v1/namespaces/default/configmaps/c",
  "/api/v1/namespaces/default/configmaps",
  "/apis/apps/v1/namespaces/default/deployments",
  "/apis/apps/v1/namespaces/default/deployments/d",
  "/apis/apps/v1/namespaces/default/deployments/d/scale",
  "/api/v1/namespaces/default/pods/p/status",
  "/api/v1/namespaces",
  "/api/v1/namespaces/ns1/finalize",
  "/api/v1/nodes/n",
  "/apis/batch/v1/namespaces/default/jobs",
  "/apis/rbac.authorization.k8s.io/v1/clusterroles",
  "/api/v1/namespaces/%zz/pods",
  "/api/v1/namespaces/default/unknownthings",
  "/apis/nope/v1/things",
  "/api/v2/pods",
  "/api/v1/namespaces/default/pods/p/exec/extra/segments",
  "/openapi/v3/apis/unknown/v1",
  "/apis/apps",
  "/api/v1/watch/namespaces/default/pods",
];

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

const CONTENT_TYPES = [
  "application/json",
  "application/yaml",
  "application/merge-patch+json",
  "application/json-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
  "application/vnd.kubernetes.protobuf",
  "text/plain",
  "",
  "application/json; charset=latin1",
];

const QUERIES = [
  "",
  "?labelSelector=app%20in%20(",
  "?labelSelector=!!a",
  "?fieldSelector=spec.nope%3Dx",
  "?fieldSelector=%3D%3D%3D",
  "?limit=-1",
  "?limit=abc",
  "?continue=bm90LWEtdG9rZW4",
  "?continue=%00%01",
  "?resourceVersion=abc",
  "?resourceVersion=99999999999999999999",
  "?resourceVersionMatch=Exact",
  "?resourceVersion=1&resourceVersionMatch=Sometimes",
  "?watch=true&timeoutSeconds=1&resourceVersion=1&sendInitialEvents=true",
  "?dryRun=Some",
  "?fieldValidation=Loose",
  "?gracePeriodSeconds=x",
  "?propagationPolicy=Sideways",
  "?timeoutSeconds=abc&watch=true",
  "?includeObject=Everything",
];

/** Bodies that are broken in one way each. */
function bodies(rand: () => number): Buffer[] {
  const deep = `${"[".repeat(2000)}${"]".repeat(2000)}`;
  const randomBytes = Buffer.alloc(64 + Math.floor(rand() * 512));
  for (let i = 0; i < randomBytes.length; i++) randomBytes[i] = Math.floor(rand() * 256);
  return [
    Buffer.from(""),
    Buffer.from("{"),
    Buffer.from('{"kind":'),
    Buffer.from("null"),
    Buffer.from("[]"),
    Buffer.from("42"),
    Buffer.from('"str"'),
    Buffer.from(deep),
    Buffer.from('{"metadata":"x"}'),
    Buffer.from('{"metadata":{"name":7}}'),
    Buffer.from('{"metadata":{"name":"UPPER_case"},"data":{"k":"v"}}'),
    Buffer.from('{"apiVersion":"v2","kind":"Pod","metadata":{"name":"p"}}'),
    Buffer.from('{"apiVersion":"v1","kind":"Service","metadata":{"name":"p"}}'),
    Buffer.from('{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":"nope"}}'),
    Buffer.from('{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":"eighty"}]}]}}'),
    Buffer.from('{"kind":"Pod","metadata":{"name":"p","labels":{"a":{"b":1}}},"spec":{}}'),
    Buffer.from('{"metadata":{"name":"c","resourceVersion":"abc"},"data":{"a":1}}'),
    Buffer.from('{"metadata":{"name":"c","namespace":"other"}}'),
    Buffer.from('[{"op":"explode","path":"/x"}]'),
    Buffer.from('[{"op":"add"}]'),
    Buffer.from('[{"op":"test","path":"/metadata/name","value":"zzz"}]'),
    Buffer.from('[{"op":"remove","path":"/no/such/path"}]'),
    Buffer.from('{"$patch":"explode"}'),
    Buffer.from('{"spec":{"replicas":"many"}}'),
    Buffer.from('{"spec":{"containers":[{"$patch":"delete"}]}}'),
    Buffer.from("key: [unclosed"),
    Buffer.from("a: &x [*x, *x]\nb: *x"),
    Buffer.from("\u0000\u0001\u0002"),
    Buffer.from('{"metadata":{"name":"\u0000"}}'),
    Buffer.from(`{"metadata":{"name":"${"a".repeat(300)}"}}`),
    Buffer.from('{"kind":"DeleteOptions","gracePeriodSeconds":"soon"}'),
    Buffer.from('{"preconditions":{"uid":5}}'),
    Buffer.from("k8s\u0000\u000a\u00ff\u00ff\u00ff\u00ff\u000f"),
    randomBytes,
  ];
}

function send(port: number, attempt: Attempt): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: attempt.method, path: attempt.path, headers: attempt.headers, agent: false },
      (res) => {
        if (res.statusCode === 200 && /[?&]watch=true|\/watch\//.test(attempt.path)) {
          // An (accidentally) valid watch streams until its timeout: its start is the answer.
          res.destroy();
          resolve({ status: 200, headers: res.headers, body: "" });
          return;
        }
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          body += d;
          // A watch that was (accidentally) valid: stop reading after the first bytes.
          if (body.length > 1 << 20) res.destroy();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${attempt.method} ${attempt.path}`)));
    req.on("error", reject);
    req.end(attempt.body);
  });
}

describe("malformed requests", () => {
  let server: ApiServer;
  let backend: Backend;
  let dir: string;
  let port: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "kube-ts-fuzz-"));
    backend = await openBackend(`sqlite://${join(dir, "state.db")}`);
    server = new ApiServer({ backend, log: () => {} });
    port = (await server.start()).port;
  });
  after(async () => {
    await server.close();
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers 1,500 generated bad requests with client-error Statuses and never a 500", async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261123);
    const rand = prng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const codes = new Map<number, number>();
    for (let i = 0; i < 1500; i++) {
      const body = pick(bodies(rand));
      const attempt: Attempt = {
        method: pick(METHODS),
        path: pick(PATHS) + pick(QUERIES),
        headers: { "Content-Type": pick(CONTENT_TYPES), Accept: rand() < 0.1 ? "application/vnd.kubernetes.protobuf;as=Nope" : "application/json" },
        body: body.length > 0 ? body : undefined,
      };
      // A HEAD request with a body is refused by Node's parser before the server sees it.
      if (attempt.method === "HEAD") attempt.body = undefined;
      // Node's client frames GET/DELETE/OPTIONS bodies only with an explicit length.
      if (attempt.body) attempt.headers["Content-Length"] = String(attempt.body.length);
      if (!attempt.headers["Content-Type"]) delete attempt.headers["Content-Type"];
      const where = `request #${i} (seed ${seed}): ${attempt.method} ${attempt.path} ${attempt.headers["Content-Type"] ?? ""} ${body.toString("utf8").slice(0, 80)}`;
      const res = await send(port, attempt).catch((err: Error) => {
        throw new Error(`${where}: ${err.message}`);
      });
      codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      assert.ok(res.status < 500, `${where} → ${res.status} ${res.body.slice(0, 300)}`);
      const isStatusAnswer = res.status >= 400 && String(res.headers["content-type"]).startsWith("application/json");
      if (isStatusAnswer && attempt.method !== "HEAD") {
        const status = JSON.parse(res.body) as { kind?: string; code?: number; reason?: string };
        assert.equal(status.kind, "Status", where);
        assert.equal(status.code, res.status, where);
        assert.ok(status.reason, `${where}: a failure Status names its reason`);
      }
    }
    // The mix must actually have exercised the error paths, not just 404s.
    for (const code of [400, 404, 405, 415]) assert.ok((codes.get(code) ?? 0) > 0, `no ${code} among ${[...codes]}`);
  });

  it("rejects a body over 3 MiB with 413 and keeps serving", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 10, "a");
    const res = await send(port, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      headers: { "Content-Type": "application/json" },
      body: big,
    });
    assert.equal(res.status, 413);
    assert.equal(JSON.parse(res.body).reason, "RequestEntityTooLarge");
    const health = await send(port, { method: "GET", path: "/healthz", headers: {} });
    assert.equal(health.status, 200);
  });

  it("answers requests Node's HTTP parser rejects with a 400 Status", async () => {
    for (const raw of ["FOO / HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n", "\u0000\u0001garbage\r\n\r\n"]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => socket.write(raw));
        let data = "";
        socket.on("data", (d) => (data += d));
        socket.on("end", () => resolve(data));
        socket.on("error", reject);
        socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
      });
      assert.match(answer, /^HTTP\/1\.1 400 /, JSON.stringify(raw));
      const status = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
      assert.equal(status.kind, "Status");
      assert.equal(status.reason, "BadRequest");
    }
  });

  it("still serves reads and writes after the barrage", async () => {
    const created = await send(port, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      headers: { "Content-Type": "application/json" },
      body: Buffer.from(JSON.stringify({ metadata: { name: "after-fuzz" }, data: { ok: "yes" } })),
    });
    assert.equal(created.status, 201, created.body);
    const read = await send(port, { method: "GET", path: "/api/v1/namespaces/default/configmaps/after-fuzz", headers: {} });
    assert.equal(JSON.parse(read.body).data.ok, "yes");
  });
});
