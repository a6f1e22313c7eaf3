/**
 * End to end: stock kubectl reads our OpenAPI v3 documents. A tiny HTTP
 * server publishes legacy discovery (so kubectl can map `pods` to v1 Pod)
 * and `/openapi/v3`; `kubectl explain` must print field types and
 * descriptions from them, `kubectl create` must leave unknown-field checks
 * to the server (`fieldValidation=Strict`), and client-side `kubectl apply`
 * must compute a strategic merge patch from our list extensions.
 * Skipped when /usr/bin/kubectl is not installed.
 * @module
 */

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ResourceDefinition } from "../registry/resource.js";
import { OpenApiV3Documents } from "./service.js";
import { servedResourcesByGroupVersion } from "./test-fixtures.js";

const KUBECTL = "/usr/bin/kubectl";

function resourceList(groupVersion: string, resources: ResourceDefinition[]) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion,
    resources: resources.map((r) => ({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: r.shortNames,
    })),
  };
}

describe("kubectl explain against our /openapi/v3", { skip: existsSync(KUBECTL) ? false : "kubectl not installed" }, () => {
  const byGv = servedResourcesByGroupVersion();
  const openapi = new OpenApiV3Documents();
  for (const [gv, resources] of byGv) openapi.setGroupVersion(gv, resources);
  const seen: string[] = [];
  const writes: Array<{ method: string; url: string; contentType: string; body: string }> = [];
  const pods = new Map<string, unknown>();
  let server: Server;
  let base = "";
  let home = "";

  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => handle(req, res, body));
    });
    const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      seen.push(url.pathname + url.search);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const path = url.pathname;
      if (path === "/openapi/v3" || path.startsWith("/openapi/v3/")) {
        const r = openapi.respond(path.slice("/openapi/v3".length), url.searchParams.get("hash"), req.headers["if-none-match"] ?? null);
        res.writeHead(r.status, r.headers);
        res.end(r.body);
        return;
      }
      if (path === "/api") {
        return json(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: base.slice(7) }] });
      }
      if (path === "/apis") {
        const groups = [...byGv.keys()]
          .filter((gv) => gv.includes("/"))
          .map((gv) => {
            const [name, version] = gv.split("/");
            const v = { groupVersion: gv, version };
            return { name, versions: [v], preferredVersion: v };
          });
        return json(200, { kind: "APIGroupList", apiVersion: "v1", groups });
      }
      if (path === "/api/v1") return json(200, resourceList("v1", byGv.get("v1")!));
      const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
      if (m && byGv.has(`${m[1]}/${m[2]}`)) return json(200, resourceList(`${m[1]}/${m[2]}`, byGv.get(`${m[1]}/${m[2]}`)!));
      // Just enough of a pods endpoint for kubectl create/apply: remember what was written.
      const pod = /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+))?$/.exec(path);
      if (pod) {
        if (req.method !== "GET") writes.push({ method: req.method ?? "", url: url.pathname + url.search, contentType: req.headers["content-type"] ?? "", body });
        if (req.method === "POST") {
          const obj = JSON.parse(body) as { metadata: { name: string } };
          pods.set(obj.metadata.name, obj);
          return json(201, obj);
        }
        const stored = pod[2] ? pods.get(pod[2]) : undefined;
        if (stored) return json(200, stored);
      }
      json(404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "the server could not find the requested resource" });
    };
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    home = mkdtempSync(join(tmpdir(), "kube-ts-explain-"));
    writeFileSync(join(home, "config"), "apiVersion: v1\nkind: Config\n");
  });

  after(() => {
    server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const kubectl = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        KUBECTL,
        [...args, `--server=${base}`, `--cache-dir=${join(home, "cache")}`, `--kubeconfig=${join(home, "config")}`],
        { timeout: 60_000, env: { ...process.env, HOME: home, KUBECONFIG: join(home, "config") } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("explains pods.spec.containers with field types and descriptions", async () => {
    const r = await kubectl("explain", "pods.spec.containers");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /KIND:\s+Pod/);
    assert.match(r.stdout, /VERSION:\s+v1/);
    assert.match(r.stdout, /FIELD:\s+containers <\[\]Container>/);
    assert.match(r.stdout, /List of containers belonging to the pod\./);
    assert.match(r.stdout, /image\t<string>/);
    assert.match(r.stdout, /Container image name\./);
    assert.match(r.stdout, /ports\t<\[\]ContainerPort>/);
    assert.match(r.stdout, /name\t<string> -required-/);
    assert.ok(seen.some((p) => p.startsWith("/openapi/v3/api/v1?hash=")), `kubectl fetched: ${seen.join(" ")}`);
  });

  it("explains a field of a named group kind (deployment strategy)", async () => {
    const r = await kubectl("explain", "deployments.spec.strategy");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /GROUP:\s+apps/);
    assert.match(r.stdout, /rollingUpdate\t<RollingUpdateDeployment>/);
    assert.match(r.stdout, /type\t<string>/);
  });

  it("explains an int-or-string field", async () => {
    const r = await kubectl("explain", "services.spec.ports.targetPort");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /FIELD:\s+targetPort <IntOrString>/);
    assert.match(r.stdout, /Number or name of the port to access on the pods targeted by the service\./);
  });

  it("makes kubectl create leave unknown fields to the server and apply send a strategic merge patch", async () => {
    const manifest = (image: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default}\nspec:\n  containerz: 1\n  containers:\n  - {name: web, image: "${image}"}\n  - {name: side, image: busybox}\n`;
    const file = join(home, "pod.yaml");
    writeFileSync(file, manifest("nginx:1"));
    const created = await kubectl("apply", "-f", file);
    assert.equal(created.code, 0, created.stderr);
    assert.doesNotMatch(created.stderr, /unknown field|unable to find api field/);
    assert.match(writes[0].url, /^\/api\/v1\/namespaces\/default\/pods\?.*fieldValidation=Strict/);
    assert.ok(writes[0].body.includes('"containerz":1'), "kubectl did not validate client-side");

    writeFileSync(file, manifest("nginx:2"));
    const applied = await kubectl("apply", "-f", file);
    assert.equal(applied.code, 0, applied.stderr);
    const patch = writes[1];
    assert.equal(patch.method, "PATCH");
    assert.equal(patch.contentType, "application/strategic-merge-patch+json");
    const body = JSON.parse(patch.body) as { spec: Record<string, unknown> };
    // The merge key (name) from our schema: containers are patched by name, in order.
    assert.deepEqual(body.spec["$setElementOrder/containers"], [{ name: "web" }, { name: "side" }]);
    assert.deepEqual(body.spec.containers, [{ image: "nginx:2", name: "web" }]);
  });
});
