/**
 * kubectl e2e: `kubectl get` — server-side tables (default and wide),
 * yaml/json/jsonpath/go-template/custom-columns output, label selectors
 * (=, !=, in, notin, exists, !exists), field selectors, paginated lists
 * (`--chunk-size`), all namespaces, the `all` category, several resources
 * at once and the NotFound message.
 * @module
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { e2eSuite, getJson, kubectlFails, manifest, names, requestsSince, table, yamlDocs } from "./helpers.js";

const NS = "get-e2e";
const NS2 = "get-e2e-2";

function pod(name: string, namespace: string, labels: Record<string, string>, nodeName?: string): string {
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `  labels: ${JSON.stringify(labels)}`,
    "spec:",
    ...(nodeName ? [`  nodeName: ${nodeName}`] : []),
    "  containers:",
    "  - name: app",
    "    image: nginx:1.27",
    "",
  ].join("\n");
}

e2eSuite("kubectl e2e: get", (cluster) => {
  before(async () => {
    const c = cluster();
    const docs = [
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`,
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS2}\n`,
      pod("p1", NS, { app: "web", tier: "frontend" }, "node-a"),
      pod("p2", NS, { app: "web", tier: "backend" }, "node-b"),
      pod("p3", NS, { app: "db" }),
      pod("q1", NS2, { app: "web" }),
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${NS}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`,
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ${NS}}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: "busybox:1.36"}]\n`,
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ${NS}}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: j, image: "busybox:1.36"}]\n`,
      ...Array.from({ length: 7 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chunk-${i}\n  namespace: ${NS}\n  labels: {batch: chunk}\ndata: {i: "${i}"}\n`),
    ];
    await c.kubectlOk(["apply", "-f", await manifest(c, "get-fixtures.yaml", docs.join("---\n"))]);
    // The node agent would report this; here the status subresource is written directly.
    await c.kubectlOk([
      "-n",
      NS,
      "patch",
      "pod",
      "p1",
      "--subresource=status",
      "--type=merge",
      "-p",
      JSON.stringify({ status: { phase: "Running", podIP: "10.244.1.7", podIPs: [{ ip: "10.244.1.7" }] } }),
    ]);
  });

  it("pods: default table with upstream's columns, asked for as a server-side Table", async () => {
    const c = cluster();
    const start = c.requests.length;
    const out = await c.kubectlOk(["-n", NS, "get", "pods"]);
    const t = table(out);
    assert.deepEqual(t.headers, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    assert.deepEqual(
      t.rows.map((r) => r.slice(0, 4)),
      [
        ["p1", "0/1", "Running", "0"],
        ["p2", "0/1", "Pending", "0"],
        ["p3", "0/1", "Pending", "0"],
      ],
    );
    for (const r of t.rows) assert.match(r[4], /^\d+s$/);
    const list = requestsSince(c, start, "GET", /^\/api\/v1\/namespaces\/get-e2e\/pods\?/);
    assert.equal(list.length, 1);
    assert.match(list[0].accept, /as=Table;v=v1;g=meta\.k8s\.io/);
    assert.match(list[0].url, /limit=500/);
  });

  it("deployments: NAME READY UP-TO-DATE AVAILABLE AGE", async () => {
    const t = table(await cluster().kubectlOk(["-n", NS, "get", "deployments"]));
    assert.deepEqual(t.headers, ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
    assert.deepEqual(t.rows[0].slice(0, 4), ["web", "0/2", "0", "0"]);
  });

  it("-o wide: IP and NODE columns (and the deployment's containers, images, selector)", async () => {
    const t = table(await cluster().kubectlOk(["-n", NS, "get", "pods", "-o", "wide"]));
    assert.deepEqual(t.headers, ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    const byName = new Map(t.rows.map((r) => [r[0], r]));
    assert.deepEqual(byName.get("p1")?.slice(5), ["10.244.1.7", "node-a", "<none>", "<none>"]);
    assert.deepEqual(byName.get("p2")?.slice(5), ["<none>", "node-b", "<none>", "<none>"]);
    assert.deepEqual(byName.get("p3")?.slice(5), ["<none>", "<none>", "<none>", "<none>"]);

    const d = table(await cluster().kubectlOk(["-n", NS, "get", "deploy", "-o", "wide"]));
    assert.deepEqual(d.headers, ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]);
    assert.deepEqual(d.rows[0].slice(5), ["nginx", "nginx:1.27", "app=web"]);
  });

  it("-o yaml and -o json: the stored object, and a List of them", async () => {
    const c = cluster();
    const [p1] = yamlDocs(await c.kubectlOk(["-n", NS, "get", "pod", "p1", "-o", "yaml"]));
    assert.equal(p1.apiVersion, "v1");
    assert.equal(p1.kind, "Pod");
    assert.equal(p1.metadata.name, "p1");
    assert.equal(p1.metadata.namespace, NS);
    assert.match(p1.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(p1.metadata.resourceVersion, /^\d+$/);
    assert.equal(p1.metadata.managedFields, undefined, "kubectl hides managedFields");
    assert.equal(p1.spec.nodeName, "node-a");
    assert.equal(p1.status.podIP, "10.244.1.7");

    const list = await getJson(c, ["-n", NS, "get", "pods"]);
    assert.equal(list.kind, "List");
    assert.deepEqual(
      list.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`),
      ["Pod/p1", "Pod/p2", "Pod/p3"],
    );
    const [yamlList] = yamlDocs(await c.kubectlOk(["-n", NS, "get", "deploy,svc", "-o", "yaml"]));
    assert.deepEqual(
      yamlList.items.map((i: { kind: string }) => i.kind),
      ["Deployment", "Service"],
    );
  });

  it("-o jsonpath, -o go-template, -o custom-columns", async () => {
    const c = cluster();
    assert.equal(await c.kubectlOk(["-n", NS, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}"]), "p1 p2 p3");
    assert.equal(await c.kubectlOk(["-n", NS, "get", "pod", "p1", "-o", "jsonpath={.status.podIP} {.spec.containers[0].image}"]), "10.244.1.7 nginx:1.27");
    assert.equal(
      await c.kubectlOk(["-n", NS, "get", "pods", "-o", "jsonpath={range .items[?(@.spec.nodeName)]}{.metadata.name}={.spec.nodeName}{\"\\n\"}{end}"]),
      "p1=node-a\np2=node-b\n",
    );
    assert.equal(
      await c.kubectlOk(["-n", NS, "get", "pods", "-o", 'go-template={{range .items}}{{.metadata.name}}:{{.metadata.labels.app}}{{"\\n"}}{{end}}']),
      "p1:web\np2:web\np3:db\n",
    );
    const cc = table(await c.kubectlOk(["-n", NS, "get", "pods", "-o", "custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase"]));
    assert.deepEqual(cc.headers, ["NAME", "NODE", "PHASE"]);
    assert.deepEqual(cc.rows, [
      ["p1", "node-a", "Running"],
      ["p2", "node-b", "Pending"],
      ["p3", "<none>", "Pending"],
    ]);
  });

  it("-l: =, ==, !=, in, notin, exists, !exists, and combinations", async () => {
    const c = cluster();
    const select = async (selector: string) => (await c.kubectlOk(["-n", NS, "get", "pods", "-l", selector, "-o", "name"])).trim().split("\n").filter(Boolean);
    assert.deepEqual(await select("app=web"), ["pod/p1", "pod/p2"]);
    assert.deepEqual(await select("app==db"), ["pod/p3"]);
    assert.deepEqual(await select("app!=web"), ["pod/p3"]);
    assert.deepEqual(await select("tier in (frontend,backend)"), ["pod/p1", "pod/p2"]);
    assert.deepEqual(await select("tier notin (frontend)"), ["pod/p2", "pod/p3"]);
    assert.deepEqual(await select("tier"), ["pod/p1", "pod/p2"]);
    assert.deepEqual(await select("!tier"), ["pod/p3"]);
    assert.deepEqual(await select("app=web,tier=backend"), ["pod/p2"]);
    assert.deepEqual(await select("app=nothing"), []);
    const none = await c.kubectl(["-n", NS, "get", "pods", "-l", "app=nothing"]);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, "");
    assert.equal(none.stderr, `No resources found in ${NS} namespace.\n`);
  });

  it("--field-selector: metadata.name, status.phase, spec.nodeName (and with -l)", async () => {
    const c = cluster();
    const select = async (selector: string, ...extra: string[]) =>
      (await c.kubectlOk(["-n", NS, "get", "pods", "--field-selector", selector, ...extra, "-o", "name"])).trim().split("\n").filter(Boolean);
    assert.deepEqual(await select("metadata.name=p2"), ["pod/p2"]);
    assert.deepEqual(await select("status.phase=Running"), ["pod/p1"]);
    assert.deepEqual(await select("status.phase!=Running"), ["pod/p2", "pod/p3"]);
    assert.deepEqual(await select("spec.nodeName=node-a"), ["pod/p1"]);
    assert.deepEqual(await select("spec.nodeName="), ["pod/p3"], "unscheduled pods have an empty nodeName");
    assert.deepEqual(await select("spec.nodeName!=node-a,status.phase=Pending"), ["pod/p2", "pod/p3"]);
    assert.deepEqual(await select("status.phase=Pending", "-l", "app=web"), ["pod/p2"]);
    const all = (await c.kubectlOk(["get", "pods", "-A", "--field-selector", "metadata.namespace=get-e2e-2", "-o", "name"])).trim();
    assert.equal(all, "pod/q1");
  });

  it("--chunk-size=2: all seven objects, fetched in pages with limit and continue", async () => {
    const c = cluster();
    const start = c.requests.length;
    const t = table(await c.kubectlOk(["-n", NS, "get", "configmaps", "-l", "batch=chunk", "--chunk-size=2"]));
    assert.deepEqual(t.headers, ["NAME", "DATA", "AGE"]);
    assert.deepEqual(
      t.rows.map((r) => r[0]),
      Array.from({ length: 7 }, (_, i) => `chunk-${i}`),
    );
    const pages = requestsSince(c, start, "GET", /^\/api\/v1\/namespaces\/get-e2e\/configmaps\?/);
    assert.equal(pages.length, 4, pages.map((p) => p.url).join("\n"));
    for (const p of pages) assert.match(p.url, /[?&]limit=2(&|$)/);
    assert.doesNotMatch(pages[0].url, /continue=/);
    for (const p of pages.slice(1)) assert.match(p.url, /[?&]continue=[^&]+/);

    // The same without a server-side table (-o name takes the plain list path).
    const plain = (await c.kubectlOk(["-n", NS, "get", "configmaps", "--chunk-size=2", "-o", "name"])).trim().split("\n");
    assert.deepEqual(plain, Array.from({ length: 7 }, (_, i) => `configmap/chunk-${i}`));
  });

  it("-A / --all-namespaces: a NAMESPACE column and objects of every namespace", async () => {
    const c = cluster();
    for (const flag of ["-A", "--all-namespaces"]) {
      const t = table(await c.kubectlOk(["get", "pods", flag]));
      assert.deepEqual(t.headers, ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
      // In storage key order, as etcd returns them: "get-e2e-2/" sorts before "get-e2e/".
      assert.deepEqual(
        t.rows.map((r) => `${r[0]}/${r[1]}`),
        [`${NS2}/q1`, `${NS}/p1`, `${NS}/p2`, `${NS}/p3`],
      );
    }
    const start = c.requests.length;
    await c.kubectlOk(["get", "pods", "-A"]);
    assert.equal(requestsSince(c, start, "GET", /^\/api\/v1\/pods\?/).length, 1, "one cluster-wide list");
    const namespaces = names(await c.kubectlOk(["get", "namespaces"]));
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease", NS, NS2]) assert.ok(namespaces.includes(ns), ns);
  });

  it("get all: the `all` category, in upstream's discovery order", async () => {
    const out = await cluster().kubectlOk(["-n", NS, "get", "all"]);
    for (const name of ["pod/p1", "pod/p2", "pod/p3", "service/web", "deployment.apps/web", "daemonset.apps/agent", "cronjob.batch/nightly"]) {
      assert.match(out, new RegExp(`^${name.replace(/\./g, "\\.")}\\s`, "m"), `${name} in:\n${out}`);
    }
    assert.doesNotMatch(out, /configmap/, "configmaps are not in `all`");
    // kube-apiserver lists a group's resources by name; kubectl keeps that order.
    const sections = out
      .trim()
      .split("\n\n")
      .map((block) => table(block).rows[0][0].split("/")[0]);
    assert.deepEqual(sections, ["pod", "service", "daemonset.apps", "deployment.apps", "cronjob.batch"]);
  });

  it("several resources in one command: get pod/p1 deploy/web, get pods p1 p2, get deploy,svc", async () => {
    const c = cluster();
    const out = await c.kubectlOk(["-n", NS, "get", "pod/p1", "deploy/web"]);
    const blocks = out.trim().split("\n\n");
    assert.equal(blocks.length, 2, out);
    assert.deepEqual(table(blocks[0]).headers, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    assert.equal(table(blocks[0]).rows[0][0], "pod/p1");
    assert.deepEqual(table(blocks[1]).headers, ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
    assert.equal(table(blocks[1]).rows[0][0], "deployment.apps/web");
    assert.equal(await c.kubectlOk(["-n", NS, "get", "pods", "p1", "p3", "-o", "name"]), "pod/p1\npod/p3\n");
    assert.equal(await c.kubectlOk(["-n", NS, "get", "deploy,svc", "-o", "name"]), "deployment.apps/web\nservice/web\n");
  });

  it("--show-labels and --sort-by", async () => {
    const c = cluster();
    const t = table(await c.kubectlOk(["-n", NS, "get", "pods", "--show-labels"]));
    assert.equal(t.headers.at(-1), "LABELS");
    assert.equal(t.rows[0].at(-1), "app=web,tier=frontend");
    assert.equal(t.rows[2].at(-1), "app=db");
    const sorted = names(await c.kubectlOk(["-n", NS, "get", "pods", "--sort-by=.metadata.labels.app"]));
    assert.deepEqual(sorted, ["p3", "p1", "p2"]);
  });

  it("NotFound: upstream's message", async () => {
    const c = cluster();
    await kubectlFails(c, ["-n", NS, "get", "pod", "nope"], 'Error from server (NotFound): pods "nope" not found');
    await kubectlFails(c, ["-n", NS, "get", "deployment", "nope"], 'Error from server (NotFound): deployments.apps "nope" not found');
    await kubectlFails(c, ["get", "namespace", "nope"], 'Error from server (NotFound): namespaces "nope" not found');
    // kubectl itself looks the namespace up after a 404 and names the missing namespace.
    await kubectlFails(c, ["-n", "nope", "get", "pod", "x"], 'Error from server (NotFound): namespaces "nope" not found');
  });
});
