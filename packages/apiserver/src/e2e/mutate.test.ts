/**
 * kubectl e2e: changing objects in place — `label`, `annotate`, `patch`
 * (strategic merge by merge key, JSON merge, JSON patch with a failing
 * `test`), `edit` through `$EDITOR`, `replace -f` and optimistic
 * concurrency (stale resourceVersion → Conflict), and `scale` through the
 * scale subresource (with `--current-replicas`).
 * @module
 */
import assert from "node:assert/strict";
import { chmod } from "node:fs/promises";
import { before, it } from "node:test";
import { e2eSuite, getJson, kubectlFails, manifest, requestsSince, yamlDocs } from "./helpers.js";

const NS = "mutate-e2e";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
      - name: api
        image: shop/api:1.0
        env:
        - {name: LEVEL, value: info}
      - name: proxy
        image: envoyproxy/envoy:v1.30.0
`;

e2eSuite("kubectl e2e: label, annotate, patch, edit, replace, scale", (cluster) => {
  before(async () => {
    const c = cluster();
    const docs = [
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`,
      deployment,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${NS}\ndata:\n  color: blue\n  size: M\n`,
    ];
    await c.kubectlOk(["apply", "-f", await manifest(c, "mutate.yaml", docs.join("---\n"))]);
  });

  it("label: add, refuse to overwrite, --overwrite, remove with key-", async () => {
    const c = cluster();
    const labels = async () => (await getJson(c, ["-n", NS, "get", "configmap", "settings"])).metadata.labels;
    assert.equal(await c.kubectlOk(["-n", NS, "label", "configmap", "settings", "env=dev", "team=a"]), "configmap/settings labeled\n");
    assert.deepEqual(await labels(), { env: "dev", team: "a" });
    await kubectlFails(c, ["-n", NS, "label", "configmap", "settings", "env=prod"], "error: 'env' already has a value (dev), and --overwrite is false");
    assert.equal(await c.kubectlOk(["-n", NS, "label", "configmap", "settings", "env=prod", "--overwrite"]), "configmap/settings labeled\n");
    assert.deepEqual(await labels(), { env: "prod", team: "a" });
    assert.equal(await c.kubectlOk(["-n", NS, "label", "configmap", "settings", "env-"]), "configmap/settings unlabeled\n");
    assert.deepEqual(await labels(), { team: "a" });
    await c.kubectlOk(["-n", NS, "label", "configmap", "settings", "team-"]);
    // Go's omitempty: an object whose last label is removed has no labels field at all.
    assert.equal(await labels(), undefined);
    // Labels must be valid label values (validated by the server).
    const bad = await c.kubectl(["-n", NS, "label", "configmap", "settings", "env=not valid"]);
    assert.notEqual(bad.code, 0);
  });

  it("annotate: add, --overwrite, remove", async () => {
    const c = cluster();
    const annotations = async () => (await getJson(c, ["-n", NS, "get", "deployment", "shop"])).metadata.annotations;
    assert.equal(await c.kubectlOk(["-n", NS, "annotate", "deployment", "shop", "owner=team-a", "note=first version"]), "deployment.apps/shop annotated\n");
    let current = await annotations();
    assert.equal(current.owner, "team-a");
    assert.equal(current.note, "first version");
    await kubectlFails(c, ["-n", NS, "annotate", "deployment", "shop", "owner=team-b"], "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)");
    await c.kubectlOk(["-n", NS, "annotate", "deployment", "shop", "owner=team-b", "--overwrite"]);
    await c.kubectlOk(["-n", NS, "annotate", "deployment", "shop", "note-"]);
    current = await annotations();
    assert.equal(current.owner, "team-b");
    assert.equal(current.note, undefined);
    assert.ok(current["kubectl.kubernetes.io/last-applied-configuration"], "other annotations stay");
  });

  it("patch --type=strategic: one container's image by merge key (name), the other untouched", async () => {
    const c = cluster();
    const before = await getJson(c, ["-n", NS, "get", "deployment", "shop"]);
    const start = c.requests.length;
    const out = await c.kubectlOk([
      "-n",
      NS,
      "patch",
      "deployment",
      "shop",
      "--type=strategic",
      "-p",
      JSON.stringify({ spec: { template: { spec: { containers: [{ name: "proxy", image: "envoyproxy/envoy:v1.31.0" }] } } } }),
    ]);
    assert.equal(out, "deployment.apps/shop patched\n");
    assert.equal(requestsSince(c, start, "PATCH", /deployments\/shop/)[0].contentType, "application/strategic-merge-patch+json");
    const after = await getJson(c, ["-n", NS, "get", "deployment", "shop"]);
    const containers = after.spec.template.spec.containers;
    assert.deepEqual(
      containers.map((x: { name: string; image: string }) => `${x.name}=${x.image}`),
      ["api=shop/api:1.0", "proxy=envoyproxy/envoy:v1.31.0"],
    );
    assert.deepEqual(containers[0].env, [{ name: "LEVEL", value: "info" }]);
    assert.equal(after.metadata.generation, before.metadata.generation + 1);

    // The default patch type is strategic, too; `$patch: delete` removes a list element by key.
    await c.kubectlOk(["-n", NS, "patch", "deployment", "shop", "-p", JSON.stringify({ spec: { template: { spec: { containers: [{ name: "proxy", $patch: "delete" }] } } } })]);
    const removed = await getJson(c, ["-n", NS, "get", "deployment", "shop"]);
    assert.deepEqual(
      removed.spec.template.spec.containers.map((x: { name: string }) => x.name),
      ["api"],
    );
    // An unchanged result is reported as such and writes nothing.
    const same = await c.kubectlOk(["-n", NS, "patch", "deployment", "shop", "-p", JSON.stringify({ spec: { replicas: removed.spec.replicas } })]);
    assert.equal(same, "deployment.apps/shop patched (no change)\n");
    assert.equal((await getJson(c, ["-n", NS, "get", "deployment", "shop"])).metadata.resourceVersion, removed.metadata.resourceVersion);
  });

  it("patch --type=merge: set and delete (null) keys", async () => {
    const c = cluster();
    const out = await c.kubectlOk(["-n", NS, "patch", "configmap", "settings", "--type=merge", "-p", '{"data":{"color":"red","size":null,"shape":"square"}}']);
    assert.equal(out, "configmap/settings patched\n");
    assert.deepEqual((await getJson(c, ["-n", NS, "get", "configmap", "settings"])).data, { color: "red", shape: "square" });
  });

  it("patch with an unknown field: a warning (fieldValidation defaults to Warn), the field dropped", async () => {
    const c = cluster();
    const result = await c.kubectl(["-n", NS, "patch", "configmap", "settings", "--type=merge", "-p", '{"colour":"red"}']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "configmap/settings patched (no change)\n");
    assert.equal(result.stderr, 'Warning: unknown field "colour"\n');
    // A value of the wrong type cannot be dropped: 422 on the field "patch", as upstream.
    await kubectlFails(
      c,
      ["-n", NS, "patch", "configmap", "settings", "-p", '{"data":{"n":1}}'],
      /^The request is invalid: patch: Invalid value: "map\[data:map\[n:1\]\]": json: cannot unmarshal number into Go struct field ConfigMap\.data/,
    );
  });

  it("patch --type=json: add, replace, remove; a failing test op is an error and changes nothing", async () => {
    const c = cluster();
    const ops = [
      { op: "add", path: "/data/weight", value: "10" },
      { op: "replace", path: "/data/color", value: "green" },
      { op: "remove", path: "/data/shape" },
      { op: "add", path: "/metadata/labels", value: { patched: "json" } },
    ];
    assert.equal(await c.kubectlOk(["-n", NS, "patch", "configmap", "settings", "--type=json", "-p", JSON.stringify(ops)]), "configmap/settings patched\n");
    const after = await getJson(c, ["-n", NS, "get", "configmap", "settings"]);
    assert.deepEqual(after.data, { color: "green", weight: "10" });
    assert.deepEqual(after.metadata.labels, { patched: "json" });

    const failing = [
      { op: "test", path: "/data/color", value: "purple" },
      { op: "replace", path: "/data/color", value: "purple" },
    ];
    const line = await kubectlFails(c, ["-n", NS, "patch", "configmap", "settings", "--type=json", "-p", JSON.stringify(failing)], /test/);
    assert.match(line, /^The request is invalid/);
    const unchanged = await getJson(c, ["-n", NS, "get", "configmap", "settings"]);
    assert.equal(unchanged.metadata.resourceVersion, after.metadata.resourceVersion);
    assert.equal(unchanged.data.color, "green");

    // Removing a missing path fails the same way.
    await kubectlFails(c, ["-n", NS, "patch", "configmap", "settings", "--type=json", "-p", '[{"op":"remove","path":"/data/nope"}]'], /^The request is invalid/);
  });

  it("edit: $EDITOR changes the object and the change is stored", async () => {
    const c = cluster();
    const editor = await manifest(c, "editor.sh", `#!/bin/sh\nsed -i 's/weight: "10"/weight: "42"/' "$1"\n`);
    await chmod(editor, 0o755);
    const result = await c.kubectl(["-n", NS, "edit", "configmap", "settings"], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "configmap/settings edited\n");
    assert.equal((await getJson(c, ["-n", NS, "get", "configmap", "settings"])).data.weight, "42");

    // An editor that changes nothing: "Edit cancelled, no changes made."
    const noop = await manifest(c, "noop.sh", "#!/bin/sh\ntrue\n");
    await chmod(noop, 0o755);
    const cancelled = await c.kubectl(["-n", NS, "edit", "configmap", "settings"], { env: { EDITOR: noop, KUBE_EDITOR: noop } });
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stderr, /Edit cancelled, no changes made\./);
  });

  it("replace -f: stored; a stale resourceVersion is a Conflict", async () => {
    const c = cluster();
    const [current] = yamlDocs(await c.kubectlOk(["-n", NS, "get", "configmap", "settings", "-o", "yaml"]));
    current.data.color = "replaced";
    const file = await manifest(c, "replace.yaml", JSON.stringify(current));
    assert.equal(await c.kubectlOk(["replace", "-f", file]), "configmap/settings replaced\n");
    const stored = await getJson(c, ["-n", NS, "get", "configmap", "settings"]);
    assert.equal(stored.data.color, "replaced");
    assert.ok(Number(stored.metadata.resourceVersion) > Number(current.metadata.resourceVersion));

    // The same file again carries the old resourceVersion.
    await kubectlFails(
      c,
      ["replace", "-f", file],
      `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again`,
    );
  });

  it("optimistic concurrency: two replaces from the same resourceVersion, the second fails", async () => {
    const c = cluster();
    const [base] = yamlDocs(await c.kubectlOk(["-n", NS, "get", "deployment", "shop", "-o", "yaml"]));
    const first = structuredClone(base);
    first.spec.template.spec.containers[0].image = "shop/api:2.0";
    const second = structuredClone(base);
    second.spec.template.spec.containers[0].image = "shop/api:3.0";
    const fileA = await manifest(c, "writer-a.json", JSON.stringify(first));
    const fileB = await manifest(c, "writer-b.json", JSON.stringify(second));
    assert.equal(await c.kubectlOk(["replace", "-f", fileA]), "deployment.apps/shop replaced\n");
    const line = await kubectlFails(c, ["replace", "-f", fileB], /^Error from server \(Conflict\): /);
    assert.match(line, /Operation cannot be fulfilled on deployments\.apps "shop": the object has been modified; please apply your changes to the latest version and try again$/);
    const stored = await getJson(c, ["-n", NS, "get", "deployment", "shop"]);
    assert.equal(stored.spec.template.spec.containers[0].image, "shop/api:2.0", "the first writer won");
  });

  it("scale: --replicas through the scale subresource; --current-replicas must match", async () => {
    const c = cluster();
    const start = c.requests.length;
    assert.equal(await c.kubectlOk(["-n", NS, "scale", "deployment", "shop", "--replicas=5"]), "deployment.apps/shop scaled\n");
    assert.equal(requestsSince(c, start, "PATCH", /\/deployments\/shop\/scale/).length, 1, "kubectl patches /scale");
    assert.equal((await getJson(c, ["-n", NS, "get", "deployment", "shop"])).spec.replicas, 5);
    const scale = await getJson(c, ["-n", NS, "get", "deployment", "shop", "--subresource=scale"]);
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.apiVersion, "autoscaling/v1");
    assert.equal(scale.spec.replicas, 5);

    await kubectlFails(c, ["-n", NS, "scale", "deployment", "shop", "--replicas=1", "--current-replicas=2"], "error: Expected replicas to be 2, was 5");
    assert.equal((await getJson(c, ["-n", NS, "get", "deployment", "shop"])).spec.replicas, 5);
    await c.kubectlOk(["-n", NS, "scale", "deployment", "shop", "--replicas=1", "--current-replicas=5"]);
    assert.equal((await getJson(c, ["-n", NS, "get", "deployment", "shop"])).spec.replicas, 1);
  });
});
