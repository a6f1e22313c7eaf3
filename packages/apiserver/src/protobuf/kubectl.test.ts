/**
 * The tables against the real client: stock kubectl (v1.32) creates objects
 * against a tiny HTTP server that serves just enough discovery, and sends
 * its POST bodies as Kubernetes protobuf. Each body must decode to exactly
 * the JSON the same command prints with `-o json --dry-run=client` (the
 * object kubectl would have sent as JSON).
 *
 * The server answers each POST with the decoded object as JSON (201), so
 * kubectl's "<kind>/<name> created" line also proves the round trip.
 *
 * Skipped when /usr/bin/kubectl is missing, except in CI (`CI` set), where a
 * missing kubectl is a failure: this is the test that proves the tables.
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
import { decodeKubernetesProtobuf, hasProtobufMagic, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError } from "./index.js";

const KUBECTL = "/usr/bin/kubectl";
const HAVE_KUBECTL = existsSync(KUBECTL);
const SKIP = HAVE_KUBECTL || process.env.CI ? false : "kubectl not installed (set CI=1 to make this a failure)";

/**
 * Each kubectl create invocation: args before the flags we add, and a
 * trailing `-- command` (which must stay last). `{home}` is the test's temp
 * directory. The first thirteen are the commands the decoder must support;
 * the rest widen coverage (binary data, every service type, aggregation
 * rules, TLS ingress, the remaining create subcommands).
 */
const CASES: Array<{ args: string[]; command?: string[]; created: string }> = [
  { args: ["create", "configmap", "c", "--from-literal=a=b", "--from-literal=k=v"], created: "configmap/c" },
  { args: ["create", "secret", "generic", "s", "--from-literal=p=q"], created: "secret/s" },
  { args: ["create", "namespace", "n"], created: "namespace/n" },
  { args: ["create", "deployment", "d", "--image=nginx:1.27", "--replicas=3", "--port=80"], created: "deployment.apps/d" },
  { args: ["create", "service", "clusterip", "svc", "--tcp=80:8080"], created: "service/svc" },
  { args: ["create", "job", "j", "--image=busybox"], command: ["--", "echo", "hi"], created: "job.batch/j" },
  { args: ["create", "cronjob", "cj", "--image=busybox", "--schedule=*/5 * * * *"], created: "cronjob.batch/cj" },
  { args: ["create", "role", "r", "--verb=get", "--resource=pods"], created: "role.rbac.authorization.k8s.io/r" },
  { args: ["create", "rolebinding", "rb", "--role=r", "--user=u"], created: "rolebinding.rbac.authorization.k8s.io/rb" },
  { args: ["create", "clusterrole", "cr", "--verb=list", "--resource=nodes"], created: "clusterrole.rbac.authorization.k8s.io/cr" },
  { args: ["create", "clusterrolebinding", "crb", "--clusterrole=cr", "--group=g"], created: "clusterrolebinding.rbac.authorization.k8s.io/crb" },
  { args: ["create", "ingress", "ing", "--rule=foo.com/bar=svc:80"], created: "ingress.networking.k8s.io/ing" },
  { args: ["create", "serviceaccount", "sa"], created: "serviceaccount/sa" },
  // Wider coverage.
  { args: ["create", "configmap", "bin", "--from-file=blob={home}/blob", "--from-literal=text=x"], created: "configmap/bin" },
  {
    args: ["create", "secret", "docker-registry", "reg", "--docker-server=r.example", "--docker-username=u", "--docker-password=p", "--docker-email=e@x"],
    created: "secret/reg",
  },
  { args: ["create", "secret", "generic", "typed", "--from-literal=a=1", "--type=example.com/t"], created: "secret/typed" },
  { args: ["create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"], created: "service/np" },
  { args: ["create", "service", "loadbalancer", "lb", "--tcp=443:8443", "--tcp=80"], created: "service/lb" },
  { args: ["create", "service", "externalname", "ext", "--external-name=db.example.com"], created: "service/ext" },
  { args: ["create", "deployment", "multi", "--image=nginx", "--image=redis:7"], created: "deployment.apps/multi" },
  { args: ["create", "cronjob", "cj2", "--image=busybox", "--schedule=0 * * * *", "--restart=Never"], command: ["--", "date"], created: "cronjob.batch/cj2" },
  {
    args: ["create", "role", "r2", "--verb=get,list", "--resource=pods,deployments.apps", "--resource-name=a", "--resource-name=b"],
    created: "role.rbac.authorization.k8s.io/r2",
  },
  { args: ["create", "clusterrole", "agg", "--aggregation-rule=rbac.example.com/aggregate=true"], created: "clusterrole.rbac.authorization.k8s.io/agg" },
  { args: ["create", "clusterrole", "logs", "--verb=get", "--non-resource-url=/logs/*"], created: "clusterrole.rbac.authorization.k8s.io/logs" },
  {
    args: ["create", "rolebinding", "rb2", "--clusterrole=view", "--serviceaccount=default:sa", "--group=devs"],
    created: "rolebinding.rbac.authorization.k8s.io/rb2",
  },
  {
    args: ["create", "ingress", "ing2", "--class=nginx", "--default-backend=svc:8080", "--rule=a.com/*=svc2:http,tls=cert", "--annotation=x=y"],
    created: "ingress.networking.k8s.io/ing2",
  },
  { args: ["create", "poddisruptionbudget", "pdb", "--selector=app=web", "--min-available=50%"], created: "poddisruptionbudget.policy/pdb" },
  {
    args: ["create", "priorityclass", "high", "--value=1000", "--description=important", "--preemption-policy=Never"],
    created: "priorityclass.scheduling.k8s.io/high",
  },
  { args: ["create", "quota", "q", "--hard=cpu=1,memory=1G,pods=2", "--scopes=BestEffort"], created: "resourcequota/q" },
];

/** Legacy discovery, just enough for kubectl's REST mapping (role/clusterrole check resource names against it). */
function resourceList(groupVersion: string, resources: Array<[name: string, kind: string, namespaced: boolean]>) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion,
    resources: resources.map(([name, kind, namespaced]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced,
      kind,
      verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    })),
  };
}

const GROUPS = ["apps", "batch", "rbac.authorization.k8s.io", "networking.k8s.io", "policy", "scheduling.k8s.io"];
const DISCOVERY: Record<string, unknown> = {
  "/api/v1": resourceList("v1", [
    ["configmaps", "ConfigMap", true],
    ["secrets", "Secret", true],
    ["namespaces", "Namespace", false],
    ["services", "Service", true],
    ["serviceaccounts", "ServiceAccount", true],
    ["pods", "Pod", true],
    ["nodes", "Node", false],
    ["resourcequotas", "ResourceQuota", true],
  ]),
  "/apis": {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: GROUPS.map((name) => ({
      name,
      versions: [{ groupVersion: `${name}/v1`, version: "v1" }],
      preferredVersion: { groupVersion: `${name}/v1`, version: "v1" },
    })),
  },
  "/apis/apps/v1": resourceList("apps/v1", [["deployments", "Deployment", true]]),
  "/apis/batch/v1": resourceList("batch/v1", [
    ["jobs", "Job", true],
    ["cronjobs", "CronJob", true],
  ]),
  "/apis/rbac.authorization.k8s.io/v1": resourceList("rbac.authorization.k8s.io/v1", [
    ["roles", "Role", true],
    ["rolebindings", "RoleBinding", true],
    ["clusterroles", "ClusterRole", false],
    ["clusterrolebindings", "ClusterRoleBinding", false],
  ]),
  "/apis/networking.k8s.io/v1": resourceList("networking.k8s.io/v1", [["ingresses", "Ingress", true]]),
  "/apis/policy/v1": resourceList("policy/v1", [["poddisruptionbudgets", "PodDisruptionBudget", true]]),
  "/apis/scheduling.k8s.io/v1": resourceList("scheduling.k8s.io/v1", [["priorityclasses", "PriorityClass", false]]),
};

/**
 * The one normalisation of kubectl's printed JSON: a `null` the decoded
 * object lacks is dropped. Go prints a nil list or map that has no
 * `omitempty` as `null` (`ClusterRole.rules` when only an aggregation rule is
 * given); protobuf has no way to say "nil" as opposed to "absent", so the
 * decoder omits the field, which the API server reads the same way. Nulls
 * the decoder does produce (`creationTimestamp: null`) are still compared.
 */
function dropNullsMissingFrom(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected)) {
    return expected.map((item, i) => dropNullsMissingFrom(item, Array.isArray(actual) ? actual[i] : undefined));
  }
  if (typeof expected !== "object" || expected === null) return expected;
  const actualObject = typeof actual === "object" && actual !== null ? (actual as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expected)) {
    if (value === null && !Object.hasOwn(actualObject, key)) continue;
    out[key] = dropNullsMissingFrom(value, actualObject[key]);
  }
  return out;
}

interface Captured {
  path: string;
  contentType: string;
  body: Buffer;
}

describe("stock kubectl create bodies decode to the JSON kubectl would send", { skip: SKIP }, () => {
  let server: Server;
  let base = "";
  let home = "";
  const posts: Captured[] = [];

  before(async () => {
    if (!HAVE_KUBECTL) throw new Error(`${KUBECTL} is required when CI is set: this test proves the protobuf tables against the real client`);
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const json = (code: number, value: unknown) => {
          res.writeHead(code, { "content-type": "application/json" });
          res.end(JSON.stringify(value));
        };
        const path = (req.url ?? "").split("?")[0];
        if (req.method === "POST") {
          const body = Buffer.concat(chunks);
          posts.push({ path, contentType: req.headers["content-type"] ?? "", body });
          try {
            const { object } = decodeKubernetesProtobuf(body);
            // kubectl create token insists on a token in the response.
            if (object.kind === "TokenRequest") return json(201, { ...object, status: { token: "t0k3n", expirationTimestamp: "2030-01-01T00:00:00Z" } });
            return json(201, object);
          } catch (err) {
            const message = err instanceof ProtobufDecodeError ? err.message : String(err);
            return json(400, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "BadRequest", code: 400, message });
          }
        }
        if (path === "/api") {
          return json(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: base.slice(7) }] });
        }
        if (Object.hasOwn(DISCOVERY, path)) return json(200, DISCOVERY[path]);
        json(404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    home = mkdtempSync(join(tmpdir(), "kube-ts-protobuf-"));
    writeFileSync(join(home, "config"), "apiVersion: v1\nkind: Config\n");
    // Not UTF-8: kubectl must put it in binaryData (map<string, bytes>).
    writeFileSync(join(home, "blob"), Buffer.from([0xff, 0xfe, 0x00, 0x62, 0x69, 0x6e]));
  });

  after(() => {
    server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const kubectl = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        KUBECTL,
        [`--server=${base}`, `--cache-dir=${join(home, "cache")}`, `--kubeconfig=${join(home, "config")}`, ...args],
        { timeout: 60_000, env: { ...process.env, HOME: home, KUBECONFIG: join(home, "config") } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  for (const { args: template, command = [], created } of CASES) {
    it(`kubectl ${[...template, ...command].join(" ")}`, async () => {
      const args = template.map((a) => a.replace("{home}", home));
      // What kubectl would send as JSON: the client-side dry run prints exactly that object.
      const dry = await kubectl([...args, "-o", "json", "--dry-run=client", ...command]);
      assert.equal(dry.code, 0, dry.stderr);
      const expected = JSON.parse(dry.stdout) as Record<string, unknown>;

      const count = posts.length;
      const run = await kubectl([...args, ...command]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(posts.length, count + 1, "exactly one POST");
      const post = posts[count];
      assert.equal(post.contentType, PROTOBUF_MEDIA_TYPE, `kubectl sent ${post.contentType}`);
      assert.ok(hasProtobufMagic(post.body), "body starts with k8s\\0");
      // The server echoed the decoded object, so kubectl names the object it created.
      assert.equal(run.stdout.trim(), `${created} created`);

      const decoded = decodeKubernetesProtobuf(post.body);
      assert.equal(decoded.apiVersion, expected.apiVersion);
      assert.equal(decoded.kind, expected.kind);
      assert.deepEqual(decoded.unknownFields, []);
      // The zero-value rules in the tables reproduce Go's JSON, including
      // `creationTimestamp: null` and the empty structs kubectl prints
      // (`resources: {}`, `strategy: {}`, `status: {}`); only nil lists are
      // normalised (see dropNullsMissingFrom).
      assert.deepEqual(decoded.object, dropNullsMissingFrom(expected, decoded.object));
    });
  }

  it("kubectl create token (no client-side dry run: the expected JSON is spelled out)", async () => {
    const count = posts.length;
    const run = await kubectl(["create", "token", "sa", "--audience=api", "--duration=10m", "--bound-object-kind=Pod", "--bound-object-name=p", "--bound-object-uid=123"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), "t0k3n");
    const post = posts[count];
    assert.equal(post.path, "/api/v1/namespaces/default/serviceaccounts/sa/token");
    const decoded = decodeKubernetesProtobuf(post.body);
    assert.deepEqual(decoded.unknownFields, []);
    assert.deepEqual(decoded.object, {
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: { audiences: ["api"], boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p", uid: "123" }, expirationSeconds: 600 },
      // Go prints both: `token` has no omitempty and the zero Time is null.
      status: { token: "", expirationTimestamp: null },
    });
  });
});
