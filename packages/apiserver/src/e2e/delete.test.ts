/**
 * kubectl e2e: deletion — plain, `--wait` (kubectl watches until the object
 * is gone), by label selector, `--grace-period=0 --force` for a pod on a
 * node, finalizers holding an object until they are removed, and namespace
 * lifecycle (Terminating, content removed, new content refused, then gone).
 * @module
 */
import assert from "node:assert/strict";
import { after, it } from "node:test";
import { spawnKubectl } from "../testing/cluster.js";
import { e2eSuite, eventually, exists, getJson, kubectlFails, requestsSince, table } from "./helpers.js";

const NS = "delete-e2e";

function configMap(name: string, namespace: string, extra = ""): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${extra}data:\n  k: v\n`;
}

function pod(name: string, namespace: string, nodeName?: string): string {
  const node = nodeName ? `  nodeName: ${nodeName}\n` : "";
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${node}  containers: [{name: c, image: "busybox:1.36"}]\n`;
}

e2eSuite("kubectl e2e: delete, finalizers, namespaces", (cluster) => {
  const spawned: Array<ReturnType<typeof spawnKubectl>> = [];
  after(() => {
    for (const s of spawned) s.stop();
  });
  const apply = (yaml: string) => cluster().kubectlOk(["apply", "-f", "-"], { input: yaml });

  it("delete: plain, and the object is gone", async () => {
    const c = cluster();
    await apply(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`);
    await apply(configMap("plain", NS));
    assert.equal(await c.kubectlOk(["-n", NS, "delete", "configmap", "plain"]), 'configmap "plain" deleted\n');
    assert.equal(await exists(c, ["-n", NS, "configmap", "plain"]), false);
    await kubectlFails(c, ["-n", NS, "delete", "configmap", "plain"], 'Error from server (NotFound): configmaps "plain" not found');
    const ignored = await c.kubectl(["-n", NS, "delete", "configmap", "plain", "--ignore-not-found"]);
    assert.equal(ignored.code, 0);
    assert.equal(ignored.stdout + ignored.stderr, "");
  });

  it("delete --wait: kubectl waits until an unscheduled pod is gone (at once)", async () => {
    const c = cluster();
    await apply(pod("unscheduled", NS));
    const start = c.requests.length;
    assert.equal(await c.kubectlOk(["-n", NS, "delete", "pod", "unscheduled", "--wait"]), 'pod "unscheduled" deleted\n');
    assert.equal(await exists(c, ["-n", NS, "pod", "unscheduled"]), false);
    assert.equal(requestsSince(c, start, "DELETE", /\/pods\/unscheduled/).length, 1);
  });

  it("a pod on a node is deleted gracefully; --grace-period=0 --force removes it", async () => {
    const c = cluster();
    await apply(pod("scheduled", NS, "node-1"));
    // Without a node agent nothing finishes the graceful deletion: kubectl's wait times out.
    const timedOut = await c.kubectl(["-n", NS, "delete", "pod", "scheduled", "--timeout=1s"]);
    assert.notEqual(timedOut.code, 0);
    assert.equal(timedOut.stdout, 'pod "scheduled" deleted\n');
    assert.match(timedOut.stderr, /timed out waiting for the condition on pods\/scheduled/);
    const terminating = await getJson(c, ["-n", NS, "get", "pod", "scheduled"]);
    assert.ok(terminating.metadata.deletionTimestamp, "deletionTimestamp is set");
    assert.equal(terminating.metadata.deletionGracePeriodSeconds, 30);
    assert.equal(table(await c.kubectlOk(["-n", NS, "get", "pod", "scheduled"])).rows[0][2], "Terminating");

    const forced = await c.kubectl(["-n", NS, "delete", "pod", "scheduled", "--grace-period=0", "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, 'pod "scheduled" force deleted\n');
    assert.match(forced.stderr, /^Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated/);
    assert.equal(await exists(c, ["-n", NS, "pod", "scheduled"]), false);
  });

  it("delete -l: every selected object, nothing else; delete --all; deletecollection", async () => {
    const c = cluster();
    for (const name of ["sel-a", "sel-b", "sel-c"]) await apply(configMap(name, NS, "  labels: {group: doomed}\n"));
    await apply(configMap("keeper", NS, "  labels: {group: kept}\n"));
    const out = await c.kubectlOk(["-n", NS, "delete", "configmaps", "-l", "group=doomed"]);
    assert.equal(out, 'configmap "sel-a" deleted\nconfigmap "sel-b" deleted\nconfigmap "sel-c" deleted\n');
    assert.deepEqual((await c.kubectlOk(["-n", NS, "get", "configmaps", "-o", "name"])).trim().split("\n"), ["configmap/keeper"]);

    // DELETE on the collection (deletecollection) with a selector, through kubectl's raw client.
    for (const name of ["coll-a", "coll-b"]) await apply(configMap(name, NS, "  labels: {group: collection}\n"));
    const raw = JSON.parse(await c.kubectlOk(["delete", "--raw", `/api/v1/namespaces/${NS}/configmaps?labelSelector=group%3Dcollection`]));
    assert.equal(raw.kind, "ConfigMapList");
    assert.deepEqual(
      raw.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ["coll-a", "coll-b"],
    );
    assert.deepEqual((await c.kubectlOk(["-n", NS, "get", "configmaps", "-o", "name"])).trim().split("\n"), ["configmap/keeper"]);

    assert.equal(await c.kubectlOk(["-n", NS, "delete", "configmaps", "--all"]), 'configmap "keeper" deleted\n');
    const none = await c.kubectl(["-n", NS, "get", "configmaps"]);
    assert.equal(none.stderr, `No resources found in ${NS} namespace.\n`);
  });

  it("a finalizer holds the object: deletionTimestamp set, then gone once the finalizer is removed", async () => {
    const c = cluster();
    await apply(configMap("held", NS, "  finalizers: [example.com/hold]\n"));
    const deleting = await c.kubectl(["-n", NS, "delete", "configmap", "held", "--wait=false", "-v=6"]);
    assert.equal(deleting.stdout, 'configmap "held" deleted\n');
    // kube-apiserver answers 200 with the object (202 only when orphanDependents=false).
    assert.match(deleting.stderr, /DELETE https:\/\/\S+\/configmaps\/held 200 OK/);
    const marked = await getJson(c, ["-n", NS, "get", "configmap", "held"]);
    assert.ok(marked.metadata.deletionTimestamp);
    assert.deepEqual(marked.metadata.finalizers, ["example.com/hold"]);
    assert.equal(marked.data.k, "v");

    // A second, waiting delete returns only when the finalizer is gone.
    const waiting = spawnKubectl(c, ["-n", NS, "delete", "configmap", "held"]);
    spawned.push(waiting);
    await waiting.waitFor('configmap "held" deleted');
    assert.equal(waiting.child.exitCode, null, "kubectl waits for the finalizer");
    assert.equal(await exists(c, ["-n", NS, "configmap", "held"]), true);

    const patched = await c.kubectlOk(["-n", NS, "patch", "configmap", "held", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
    assert.equal(patched, "configmap/held patched\n");
    assert.equal(await exists(c, ["-n", NS, "configmap", "held"]), false);
    assert.equal(await waiting.exited, 0, waiting.stderr);
  });

  it("namespace deletion: Terminating, content removed, new content refused, then the namespace is gone", async () => {
    const c = cluster();
    const doomed = "doomed-ns";
    await apply(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${doomed}\n`);
    await apply([configMap("plain", doomed), configMap("held", doomed, "  finalizers: [example.com/hold]\n"), pod("worker", doomed)].join("---\n"));

    assert.equal(await c.kubectlOk(["delete", "namespace", doomed, "--wait=false"]), `namespace "${doomed}" deleted\n`);
    const ns = await getJson(c, ["get", "namespace", doomed]);
    assert.ok(ns.metadata.deletionTimestamp);
    assert.equal(ns.status.phase, "Terminating");
    assert.equal(table(await c.kubectlOk(["get", "namespace", doomed])).rows[0][1], "Terminating");

    // The namespace controller removes the content; the held ConfigMap waits for its finalizer.
    await eventually("the content to be deleted", async () => {
      const left = (await c.kubectlOk(["-n", doomed, "get", "configmaps,pods", "-o", "name"])).trim();
      return left === "configmap/held";
    });
    assert.ok((await getJson(c, ["-n", doomed, "get", "configmap", "held"])).metadata.deletionTimestamp);
    assert.equal(await exists(c, ["namespace", doomed]), true, "the namespace waits for its content");

    // The namespace controller says why, in upstream's conditions (shown by describe).
    const conditions = await eventually("the namespace conditions", async () => {
      const list = (await getJson(c, ["get", "namespace", doomed])).status.conditions as Array<Record<string, string>> | undefined;
      return list?.find((x) => x.type === "NamespaceFinalizersRemaining" && x.status === "True") ? list : undefined;
    });
    assert.deepEqual(
      conditions.map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`),
      [
        "NamespaceDeletionDiscoveryFailure=False ResourcesDiscovered: All resources successfully discovered",
        "NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed",
        "NamespaceDeletionContentFailure=False ContentDeleted: All content successfully deleted, may be waiting on finalization",
        "NamespaceContentRemaining=True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances",
        "NamespaceFinalizersRemaining=True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
      ],
    );
    const described = await c.kubectlOk(["describe", "namespace", doomed]);
    assert.match(described, /^Status:\s+Terminating$/m);
    assert.match(described, /^ {2}NamespaceContentRemaining\s+True\s+.+\s+SomeResourcesRemain\s+Some resources are remaining: configmaps\. has 1 resource instances$/m);

    await kubectlFails(
      c,
      ["apply", "-f", "-"],
      `Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace ${doomed} because it is being terminated`,
      { input: configMap("late", doomed) },
    );
    await kubectlFails(
      c,
      ["-n", doomed, "create", "configmap", "late2", "--from-literal=a=b"],
      `error: failed to create configmap: configmaps "late2" is forbidden: unable to create new content in namespace ${doomed} because it is being terminated`,
    );

    // `kubectl delete namespace` (waiting) returns once the last finalizer is gone.
    const waiting = spawnKubectl(c, ["delete", "namespace", doomed]);
    spawned.push(waiting);
    await waiting.waitFor(`namespace "${doomed}" deleted`);
    await c.kubectlOk(["-n", doomed, "patch", "configmap", "held", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
    assert.equal(await waiting.exited, 0, waiting.stderr);
    assert.equal(await exists(c, ["namespace", doomed]), false);
  });

  it("namespaces: a missing namespace is NotFound; system namespaces cannot be deleted", async () => {
    const c = cluster();
    await kubectlFails(c, ["apply", "-f", "-"], 'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found', {
      input: configMap("lost", "nowhere"),
    });
    await kubectlFails(c, ["-n", "nowhere", "create", "configmap", "lost", "--from-literal=a=b"], 'error: failed to create configmap: namespaces "nowhere" not found');
    await kubectlFails(c, ["delete", "namespace", "default"], 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    await kubectlFails(c, ["delete", "namespace", "kube-system"], 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });
});
