/**
 * kubectl e2e: `kubectl get -w` — the initial list, then every change as a
 * table row; `--output-watch-events` names ADDED/MODIFIED/DELETED; a label
 * selector turns objects moving in and out of the selection into ADDED and
 * DELETED; `--watch-only` skips the initial list; `-o json` streams objects.
 * @module
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { spawnKubectl } from "../testing/cluster.js";
import { e2eSuite, eventually, requestsSince, table } from "./helpers.js";

const NS = "watch-e2e";

function podYaml(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${NS}\n  labels: ${JSON.stringify(labels)}\nspec:\n  containers: [{name: c, image: "busybox:1.36"}]\n`;
}

e2eSuite("kubectl e2e: watch", (cluster) => {
  const watchers: Array<ReturnType<typeof spawnKubectl>> = [];
  const watch = (args: string[]) => {
    const w = spawnKubectl(cluster(), args);
    watchers.push(w);
    return w;
  };

  before(async () => {
    await cluster().kubectlOk(["apply", "-f", "-"], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n` });
    await cluster().kubectlOk(["apply", "-f", "-"], { input: podYaml("existing", { role: "old" }) });
  });

  after(() => {
    for (const w of watchers) w.stop();
  });

  it("get pods -w: the list, then a row per create, modify and delete", async () => {
    const c = cluster();
    const w = watch(["-n", NS, "get", "pods", "-w"]);
    await w.waitFor(/^existing\s/m);
    assert.deepEqual(table(w.stdout).headers, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);

    await c.kubectlOk(["apply", "-f", "-"], { input: podYaml("w1") });
    await eventually("the ADDED row", async () => w.stdout.match(/^w1\s/gm)?.length === 1);
    await c.kubectlOk(["-n", NS, "label", "pod", "w1", "color=blue"]);
    await eventually("the MODIFIED row", async () => w.stdout.match(/^w1\s/gm)?.length === 2);
    await c.kubectlOk(["-n", NS, "delete", "pod", "w1"]);
    // As kube-apiserver, a pod is marked (Terminating) before it is removed: two more rows.
    await eventually("the Terminating and DELETED rows", async () => w.stdout.match(/^w1\s/gm)?.length === 4);
    const rows = table(w.stdout).rows.filter((r) => r[0] === "w1");
    assert.deepEqual(
      rows.map((r) => r.slice(1, 4).join(" ")),
      ["0/1 Pending 0", "0/1 Pending 0", "0/1 Terminating 0", "0/1 Terminating 0"],
    );
    assert.equal(w.stderr, "");
    assert.equal(w.child.exitCode, null, "the watch is still running");
  });

  it("--output-watch-events: ADDED, MODIFIED, DELETED", async () => {
    const c = cluster();
    const w = watch(["-n", NS, "get", "pods", "-w", "--output-watch-events"]);
    await w.waitFor(/^ADDED\s+existing\s/m);
    assert.deepEqual(table(w.stdout).headers, ["EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    await c.kubectlOk(["apply", "-f", "-"], { input: podYaml("w2") });
    await w.waitFor(/^ADDED\s+w2\s/m);
    await c.kubectlOk(["-n", NS, "annotate", "pod", "w2", "note=hello"]);
    await w.waitFor(/^MODIFIED\s+w2\s/m);
    await c.kubectlOk(["-n", NS, "delete", "pod", "w2"]);
    await w.waitFor(/^DELETED\s+w2\s/m);
    const events = table(w.stdout)
      .rows.filter((r) => r[1] === "w2")
      .map((r) => `${r[0]} ${r[3]}`);
    assert.deepEqual(events, ["ADDED Pending", "MODIFIED Pending", "MODIFIED Terminating", "DELETED Terminating"]);
  });

  it("-w -l: objects entering the selection are ADDED, leaving it DELETED", async () => {
    const c = cluster();
    await c.kubectlOk(["apply", "-f", "-"], { input: podYaml("w3", { role: "none" }) });
    const start = c.requests.length;
    const w = watch(["-n", NS, "get", "pods", "-w", "--output-watch-events", "-l", "role=watched"]);
    // Nothing matches yet: wait until the watch is established (the server saw it).
    await eventually("the watch request", async () => requestsSince(c, start, "GET", /watch=true.*labelSelector=role%3Dwatched|labelSelector=role%3Dwatched.*watch=true/).length > 0);
    await c.kubectlOk(["-n", NS, "label", "pod", "w3", "role=watched", "--overwrite"]);
    await w.waitFor(/^ADDED\s+w3\s/m);
    await c.kubectlOk(["-n", NS, "annotate", "pod", "w3", "touched=yes"]);
    await w.waitFor(/^MODIFIED\s+w3\s/m);
    await c.kubectlOk(["-n", NS, "label", "pod", "w3", "role=other", "--overwrite"]);
    await w.waitFor(/^DELETED\s+w3\s/m);
    await c.kubectlOk(["-n", NS, "annotate", "pod", "w3", "touched=again", "--overwrite"]);
    await c.kubectlOk(["apply", "-f", "-"], { input: podYaml("w4", { role: "watched" }) });
    await w.waitFor(/^ADDED\s+w4\s/m);
    const seen = table(w.stdout).rows.map((r) => `${r[0]} ${r[1]}`);
    assert.deepEqual(seen, ["ADDED w3", "MODIFIED w3", "DELETED w3", "ADDED w4"], "no event for w3 once it left the selection");
  });

  it("--watch-only: no initial list, only changes", async () => {
    const c = cluster();
    const start = c.requests.length;
    const w = watch(["-n", NS, "get", "pods", "--watch-only"]);
    // The watch starts at the list's resourceVersion: a change after the request is seen.
    await eventually("the watch request", async () => requestsSince(c, start, "GET", /^\/api\/v1\/namespaces\/watch-e2e\/pods\?.*watch=true/).length > 0);
    await c.kubectlOk(["-n", NS, "annotate", "pod", "existing", "seen=1"]);
    await w.waitFor(/^existing\s/m);
    assert.equal(table(w.stdout).rows.length, 1, w.stdout);
  });

  it("-w -o json: one JSON object per event", async () => {
    const c = cluster();
    const w = watch(["-n", NS, "get", "pod", "existing", "-w", "-o", "json"]);
    await w.waitFor(/"name": "existing"/);
    await c.kubectlOk(["-n", NS, "label", "pod", "existing", "gen=2"]);
    await eventually("the modified object", async () => w.stdout.includes('"gen": "2"'));
    const objects = w.stdout
      .split(/\n(?=\{)/)
      .filter((s) => s.trim())
      .map((s) => JSON.parse(s));
    assert.equal(objects.length, 2);
    assert.equal(objects[1].metadata.labels.gen, "2");
    assert.ok(Number(objects[1].metadata.resourceVersion) > Number(objects[0].metadata.resourceVersion));
  });
});
