/**
 * kubectl e2e: a restart on the same data directory. Objects and their
 * resourceVersions survive, new writes get higher resourceVersions, watches
 * resume from a resourceVersion of before the restart, and the kubeconfig
 * written before the restart still works (same CA, same credentials).
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { execFile } from "node:child_process";
import { KUBECTL, kubectlAvailable, startTestCluster, type TestCluster } from "../testing/cluster.js";
import type { Obj } from "./helpers.js";

const NS = "restart-e2e";

/** Runs kubectl with an explicit kubeconfig file (the one written before the restart). */
function kubectlWith(kubeconfig: string, home: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("kubectl e2e: restart on the same data directory", { skip: kubectlAvailable() ? false : `kubectl not installed at ${KUBECTL}` }, () => {
  let dataDir = "";
  let cluster: TestCluster | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kube-ts-restart-"));
  });
  after(async () => {
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("objects, resourceVersions, credentials and watches survive a restart", async () => {
    cluster = await startTestCluster({ dataDir });
    const first = cluster;
    await first.kubectlOk(["apply", "-f", "-"], {
      input: [
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: survivor\n  namespace: ${NS}\n  labels: {keep: "yes"}\ndata:\n  k: v1\n`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${NS}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: "nginx:1.27"}]\n`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${NS}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`,
      ].join("---\n"),
    });
    await first.kubectlOk(["-n", NS, "scale", "deployment", "web", "--replicas=4"]);
    const before: Record<string, Obj> = {};
    for (const kind of ["configmap/survivor", "deployment/web", "service/web"]) {
      before[kind] = JSON.parse(await first.kubectlOk(["-n", NS, "get", kind, "-o", "json"]));
    }
    const kubeconfigBefore = await readFile(first.kubeconfig, "utf8");
    // The server's list (kubectl's own -o json List has no resourceVersion).
    const listBefore = JSON.parse(await first.kubectlOk(["get", "--raw", `/api/v1/namespaces/${NS}/configmaps`]));
    assert.match(listBefore.metadata.resourceVersion, /^\d+$/);
    const port = Number(new URL(first.url).port);
    await first.stop({ keepData: true });

    // Same data directory and port: the old kubeconfig must keep working unchanged.
    cluster = await startTestCluster({ dataDir, port });
    const second = cluster;
    assert.equal(await readFile(second.kubeconfig, "utf8"), kubeconfigBefore, "same CA, client certificate and server address");
    const viaOldConfig = await kubectlWith(join(dataDir, "kubeconfig"), dataDir, ["-n", NS, "get", "configmap", "survivor", "-o", "jsonpath={.data.k}"]);
    assert.equal(viaOldConfig.code, 0, viaOldConfig.stderr);
    assert.equal(viaOldConfig.stdout, "v1");

    for (const kind of Object.keys(before)) {
      const after = JSON.parse(await second.kubectlOk(["-n", NS, "get", kind, "-o", "json"]));
      assert.equal(after.metadata.resourceVersion, before[kind].metadata.resourceVersion, `${kind} keeps its resourceVersion`);
      assert.equal(after.metadata.uid, before[kind].metadata.uid);
      assert.equal(after.metadata.creationTimestamp, before[kind].metadata.creationTimestamp);
      assert.deepEqual(after.spec ?? after.data, before[kind].spec ?? before[kind].data);
    }
    assert.equal(before["deployment/web"].spec.replicas, 4);
    assert.equal(before["service/web"].spec.clusterIP, JSON.parse(await second.kubectlOk(["-n", NS, "get", "service", "web", "-o", "json"])).spec.clusterIP);

    // The system objects were not recreated.
    const defaultNs = JSON.parse(await second.kubectlOk(["get", "namespace", "default", "-o", "json"]));
    assert.ok(Number(defaultNs.metadata.resourceVersion) < Number(before["configmap/survivor"].metadata.resourceVersion));

    // New writes get higher resourceVersions than anything before the restart.
    const highest = Math.max(...Object.values(before).map((o) => Number(o.metadata.resourceVersion)), Number(listBefore.metadata.resourceVersion));
    await second.kubectlOk(["-n", NS, "label", "configmap", "survivor", "after=restart"]);
    const updated = JSON.parse(await second.kubectlOk(["-n", NS, "get", "configmap", "survivor", "-o", "json"]));
    assert.ok(Number(updated.metadata.resourceVersion) > highest, `${updated.metadata.resourceVersion} > ${highest}`);
    assert.deepEqual(updated.metadata.labels, { keep: "yes", after: "restart" });
    await second.kubectlOk(["apply", "-f", "-"], { input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: newcomer\n  namespace: ${NS}\n` });
    const newcomer = JSON.parse(await second.kubectlOk(["-n", NS, "get", "configmap", "newcomer", "-o", "json"]));
    assert.ok(Number(newcomer.metadata.resourceVersion) > Number(updated.metadata.resourceVersion));

    // A second apply of the original manifest is still "unchanged" (last-applied survived).
    const reapply = await second.kubectlOk(["apply", "-f", "-"], {
      input: `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${NS}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`,
    });
    assert.equal(reapply, "service/web unchanged\n");

    // A watch from a resourceVersion of before the restart replays what changed since, in order.
    const watched = await second.kubectlOk([
      "get",
      "--raw",
      `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${listBefore.metadata.resourceVersion}&timeoutSeconds=1`,
    ]);
    const events = watched
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; object: Obj });
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ["MODIFIED survivor", "ADDED newcomer"],
    );
  });
});
