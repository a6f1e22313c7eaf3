/**
 * A stock client written elsewhere works against kube-ts: the official
 * JavaScript client, `@kubernetes/client-node`, lists, creates, patches and
 * runs an informer over TLS with the admin kubeconfig.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  PatchStrategy,
  type V1ConfigMap,
  makeInformer,
  setHeaderOptions,
} from "@kubernetes/client-node";
import { type TestCluster, startTestCluster } from "../testing/cluster.js";

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("@kubernetes/client-node against kube-ts", () => {
  let cluster: TestCluster;
  let kc: KubeConfig;
  let core: CoreV1Api;

  before(async () => {
    cluster = await startTestCluster();
    kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
  });
  after(() => cluster.stop());

  it("lists the system namespaces", async () => {
    const list = await core.listNamespace();
    const names = list.items.map((n) => n.metadata?.name);
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) assert.ok(names.includes(ns), ns);
    assert.match(list.metadata?.resourceVersion ?? "", /^\d+$/);
  });

  it("creates, reads and patches with every patch type", async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: "default",
      body: { metadata: { name: "interop", labels: { app: "x" } }, data: { a: "1" } },
    });
    assert.equal(created.metadata?.name, "interop");
    assert.ok(created.metadata?.uid);

    const merged = await core.patchNamespacedConfigMap(
      { name: "interop", namespace: "default", body: { data: { b: "2" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.deepEqual(merged.data, { a: "1", b: "2" });

    const jsonPatched = await core.patchNamespacedConfigMap(
      { name: "interop", namespace: "default", body: [{ op: "remove", path: "/data/a" }] },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    );
    assert.deepEqual(jsonPatched.data, { b: "2" });

    const strategic = await core.patchNamespacedConfigMap(
      { name: "interop", namespace: "default", body: { metadata: { labels: { tier: "web" } } } },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    assert.deepEqual(strategic.metadata?.labels, { app: "x", tier: "web" });

    const read = await core.readNamespacedConfigMap({ name: "interop", namespace: "default" });
    assert.equal(read.metadata?.resourceVersion, strategic.metadata?.resourceVersion);
  });

  it("creates a deployment and reads it back through the apps API", async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: "default",
      body: {
        metadata: { name: "web" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
        },
      },
    });
    const dep = await apps.readNamespacedDeployment({ name: "web", namespace: "default" });
    assert.equal(dep.spec?.replicas, 2);
    assert.equal(dep.metadata?.generation, 1);
  });

  it("reports API errors with the server's status code", async () => {
    await assert.rejects(
      core.readNamespacedConfigMap({ name: "missing", namespace: "default" }),
      (err: { code?: number; body?: string }) => err.code === 404 && String(err.body).includes('configmaps \\"missing\\" not found'),
    );
  });

  it("keeps an informer cache in sync through adds, updates and deletes", async () => {
    const namespace = "informer";
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: "before" }, data: { v: "0" } } });
    const informer = makeInformer<V1ConfigMap & KubernetesObject>(
      kc,
      `/api/v1/namespaces/${namespace}/configmaps`,
      () => core.listNamespacedConfigMap({ namespace }),
    );
    const seen: string[] = [];
    informer.on("add", (cm) => seen.push(`add:${cm.metadata?.name}`));
    informer.on("update", (cm) => seen.push(`update:${cm.metadata?.name}:${cm.data?.v}`));
    informer.on("delete", (cm) => seen.push(`delete:${cm.metadata?.name}`));
    await informer.start();
    try {
      await eventually(() => seen.includes("add:before"), "the initial list");
      await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: "after" }, data: { v: "1" } } });
      await core.replaceNamespacedConfigMap({
        name: "after",
        namespace,
        body: { metadata: { name: "after" }, data: { v: "2" } },
      });
      await core.deleteNamespacedConfigMap({ name: "before", namespace });
      await eventually(
        () => seen.includes("add:after") && seen.includes("update:after:2") && seen.includes("delete:before"),
        `informer events (seen: ${seen.join(", ")})`,
      );
      const cached = informer.list(namespace).map((o) => o.metadata?.name);
      assert.deepEqual(cached, ["after"]);
      assert.equal(informer.get("after", namespace)?.data?.v, "2");
    } finally {
      await informer.stop();
    }
  });
});
