/**
 * kubectl e2e: client-side `kubectl apply -f` with default validation —
 * created / unchanged / configured, the three-way strategic merge patch
 * (changed fields change, removed fields go, fields others own stay),
 * multi-document files, server-side unknown-field checks
 * (`fieldValidation=Strict|Ignore|Warn`) and `--dry-run=server`.
 * @module
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { e2eSuite, exists, getJson, manifest, requestsSince } from "./helpers.js";

const NS = "apply-e2e";

function configMap(data: Record<string, string>, labels: Record<string, string>): string {
  const lines = [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: app-config",
    `  namespace: ${NS}`,
    "  labels:",
    ...Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`),
    "data:",
    ...Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`),
  ];
  return `${lines.join("\n")}\n`;
}

const deploymentV1 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        env:
        - {name: MODE, value: blue}
        - {name: DEBUG, value: "1"}
        ports:
        - {containerPort: 80}
      - name: sidecar
        image: busybox:1.36
        command: [sleep, infinity]
`;

// nginx's image changes, DEBUG and the sidecar go, replicas go (the server keeps the live value).
const deploymentV2 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${NS}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env:
        - {name: MODE, value: green}
        ports:
        - {containerPort: 80}
`;

const serviceV1 = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${NS}
  annotations:
    team: storefront
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: metrics, port: 9090}
`;

const serviceV2 = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${NS}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8081}
`;

e2eSuite("kubectl e2e: apply", (cluster) => {
  it("creates the namespace with apply", async () => {
    const out = await cluster().kubectlOk(["apply", "-f", "-"], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n` });
    assert.equal(out, `namespace/${NS} created\n`);
  });

  it("ConfigMap: created, unchanged, configured (changed and removed keys)", async () => {
    const c = cluster();
    const file = await manifest(c, "cm.yaml", configMap({ color: "blue", size: "L", shape: "round" }, { tier: "web", stage: "dev" }));
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "configmap/app-config created\n");
    const created = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    assert.deepEqual(created.data, { color: "blue", size: "L", shape: "round" });
    assert.ok(created.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"], "last-applied annotation");

    // Nothing changed: one GET, no write, same resourceVersion.
    const start = c.requests.length;
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "configmap/app-config unchanged\n");
    assert.deepEqual(requestsSince(c, start, "PATCH", /configmaps/), []);
    const same = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    assert.equal(same.metadata.resourceVersion, created.metadata.resourceVersion);

    // Someone else adds a label: apply must keep it (it is not in last-applied).
    await c.kubectlOk(["-n", NS, "label", "configmap", "app-config", "owner=ops"]);

    await manifest(c, "cm.yaml", configMap({ color: "green", shape: "round", weight: "3" }, { tier: "web" }));
    const patchStart = c.requests.length;
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "configmap/app-config configured\n");
    const patches = requestsSince(c, patchStart, "PATCH", /\/namespaces\/apply-e2e\/configmaps\/app-config/);
    assert.equal(patches.length, 1);
    assert.equal(patches[0].contentType, "application/strategic-merge-patch+json");
    assert.match(patches[0].url, /fieldValidation=Strict/);

    const updated = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    assert.deepEqual(updated.data, { color: "green", shape: "round", weight: "3" }, "size removed, color changed, weight added");
    assert.deepEqual(updated.metadata.labels, { tier: "web", owner: "ops" }, "stage removed, owner (not applied) kept");
    assert.notEqual(updated.metadata.resourceVersion, created.metadata.resourceVersion);
  });

  it("Deployment: container image by name, removed env var and container, replicas left to the server", async () => {
    const c = cluster();
    const file = await manifest(c, "deploy.yaml", deploymentV1);
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "deployment.apps/web created\n");
    const created = await getJson(c, ["-n", NS, "get", "deployment", "web"]);
    assert.equal(created.metadata.generation, 1);
    assert.equal(created.spec.replicas, 2);
    // Upstream's defaults for a pod template: SetDefaults_PodSpec, not the Pod-only ones
    // (enableServiceLinks) nor the ServiceAccount admission plugin's serviceAccountName.
    const template = created.spec.template.spec;
    assert.equal(template.dnsPolicy, "ClusterFirst");
    assert.equal(template.restartPolicy, "Always");
    assert.equal(template.schedulerName, "default-scheduler");
    assert.equal(template.terminationGracePeriodSeconds, 30);
    assert.deepEqual(template.securityContext, {});
    assert.equal(template.enableServiceLinks, undefined);
    assert.equal(template.serviceAccountName, undefined);
    assert.equal(template.serviceAccount, undefined);
    assert.deepEqual(created.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    // No controller has run: the zero DeploymentStatus, which Go serializes as {}.
    assert.deepEqual(created.status, {});
    assert.deepEqual(
      created.spec.template.spec.containers.map((x: { name: string }) => x.name),
      ["nginx", "sidecar"],
    );
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "deployment.apps/web unchanged\n");

    await manifest(c, "deploy.yaml", deploymentV2);
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "deployment.apps/web configured\n");
    const updated = await getJson(c, ["-n", NS, "get", "deployment", "web"]);
    const containers = updated.spec.template.spec.containers;
    assert.equal(containers.length, 1, "sidecar removed");
    assert.equal(containers[0].name, "nginx");
    assert.equal(containers[0].image, "nginx:1.27");
    assert.deepEqual(containers[0].env, [{ name: "MODE", value: "green" }], "DEBUG removed, MODE changed");
    assert.deepEqual(containers[0].ports, [{ containerPort: 80, protocol: "TCP" }]);
    assert.equal(updated.metadata.generation, 2, "a spec change bumps generation");
    // replicas was removed from the manifest: the three-way patch deletes it and the default (1) applies.
    assert.equal(updated.spec.replicas, 1);
  });

  it("Service: ports merged by port number, removed port and annotation gone, allocated clusterIP kept", async () => {
    const c = cluster();
    const file = await manifest(c, "svc.yaml", serviceV1);
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "service/web created\n");
    const created = await getJson(c, ["-n", NS, "get", "service", "web"]);
    assert.match(created.spec.clusterIP, /^10\.\d+\.\d+\.\d+$/);
    assert.equal(created.metadata.annotations.team, "storefront");
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "service/web unchanged\n");

    await manifest(c, "svc.yaml", serviceV2);
    assert.equal(await c.kubectlOk(["apply", "-f", file]), "service/web configured\n");
    const updated = await getJson(c, ["-n", NS, "get", "service", "web"]);
    assert.deepEqual(updated.spec.ports, [{ name: "http", port: 80, protocol: "TCP", targetPort: 8081 }]);
    assert.equal(updated.spec.clusterIP, created.spec.clusterIP, "the allocated clusterIP survives the patch");
    assert.equal(updated.metadata.annotations.team, undefined, "removed annotation is gone");
  });

  it("multi-document YAML: every document, in order", async () => {
    const c = cluster();
    const file = await manifest(
      c,
      "multi.yaml",
      [
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: multi-a\n  namespace: ${NS}\ndata:\n  k: a\n`,
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: multi-b\n  namespace: ${NS}\nstringData:\n  password: s3cret\n`,
        `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: multi-c\n  namespace: ${NS}\n`,
      ].join("---\n"),
    );
    assert.equal(
      await c.kubectlOk(["apply", "-f", file]),
      "configmap/multi-a created\nsecret/multi-b created\nserviceaccount/multi-c created\n",
    );
    const secret = await getJson(c, ["-n", NS, "get", "secret", "multi-b"]);
    assert.equal(Buffer.from(secret.data.password, "base64").toString(), "s3cret");
    assert.equal(secret.type, "Opaque");
    assert.equal(secret.stringData, undefined);
    // stringData is write-only: the live object never has it, so kubectl patches it in again (as upstream).
    assert.equal(
      await c.kubectlOk(["apply", "-f", file]),
      "configmap/multi-a unchanged\nsecret/multi-b configured\nserviceaccount/multi-c unchanged\n",
    );
  });

  it("unknown field: rejected by the server with kubectl's strict-decoding error naming the field", async () => {
    const c = cluster();
    const bad = deploymentV1.replace("name: web", "name: strict").replace("  replicas: 2", "  replicas: 2\n  replicaz: 3");
    const file = await manifest(c, "strict.yaml", bad);
    const start = c.requests.length;
    const result = await c.kubectl(["apply", "-f", file]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr.trim(),
      `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"`,
    );
    const posts = requestsSince(c, start, "POST", /deployments/);
    assert.equal(posts.length, 1);
    assert.match(posts[0].url, /fieldValidation=Strict/, "kubectl left the check to the server");
    assert.equal(await exists(c, ["-n", NS, "deployment", "strict"]), false);

    // An unknown field nested in a list item is named with its path, too.
    const nested = deploymentV1.replace("name: web", "name: strict2").replace("image: nginx:1.25", "image: nginx:1.25\n        imagePolicy: Always");
    const nestedFile = await manifest(c, "strict2.yaml", nested);
    const nestedResult = await c.kubectl(["apply", "-f", nestedFile]);
    assert.equal(nestedResult.code, 1);
    assert.match(nestedResult.stderr, /strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagePolicy"/);
  });

  it("unknown field in an update (PATCH) is rejected as upstream's patch handler does, and nothing changes", async () => {
    const c = cluster();
    const file = await manifest(c, "cm-bad-update.yaml", configMap({ color: "green", shape: "round", weight: "3" }, { tier: "web" }).concat("colour: red\n"));
    const before = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    const result = await c.kubectl(["apply", "-f", file]);
    assert.equal(result.code, 1, result.stdout);
    // kube-apiserver answers a patch that does not decode with a 422 on the field "patch" whose
    // value is the strategic merge patch as Go prints a map; kubectl prints the cause alone.
    assert.match(
      result.stderr.trim(),
      /^The request is invalid: patch: Invalid value: "map\[colour:red metadata:map\[annotations:map\[kubectl\.kubernetes\.io\/last-applied-configuration:\{\\"apiVersion\\":\\"v1\\",\\"colour\\":\\"red\\",.*\}\\n\]\]\]": strict decoding error: unknown field "colour"$/,
    );
    const after = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
  });

  it("--validate=false: accepted, the unknown field is dropped", async () => {
    const c = cluster();
    const file = await manifest(c, "lenient.yaml", configMap({ a: "1" }, { x: "y" }).replace("app-config", "lenient").concat("colour: red\n"));
    const start = c.requests.length;
    const result = await c.kubectl(["apply", "--validate=false", "-f", file]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "configmap/lenient created\n");
    assert.equal(result.stderr, "", "no warning with --validate=false");
    assert.match(requestsSince(c, start, "POST", /configmaps/)[0].url, /fieldValidation=Ignore/);
    const stored = await getJson(c, ["-n", NS, "get", "configmap", "lenient"]);
    assert.equal(stored.colour, undefined);
    assert.deepEqual(stored.data, { a: "1" });
  });

  it("--validate=warn: accepted with a warning naming the field", async () => {
    const c = cluster();
    const file = await manifest(c, "warn.yaml", deploymentV1.replace("name: web", "name: warned").replace("  replicas: 2", "  replicas: 2\n  replicaz: 3"));
    const result = await c.kubectl(["apply", "--validate=warn", "-f", file]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "deployment.apps/warned created\n");
    assert.equal(result.stderr.trim(), 'Warning: unknown field "spec.replicaz"');
    const stored = await getJson(c, ["-n", NS, "get", "deployment", "warned"]);
    assert.equal(stored.spec.replicaz, undefined);
    assert.equal(stored.spec.replicas, 2);
  });

  it("--dry-run=server: create and configure report (server dry run) and store nothing", async () => {
    const c = cluster();
    const fresh = await manifest(c, "dry.yaml", configMap({ a: "1" }, { x: "y" }).replace("app-config", "dry"));
    const start = c.requests.length;
    assert.equal(await c.kubectlOk(["apply", "--dry-run=server", "-f", fresh]), "configmap/dry created (server dry run)\n");
    assert.match(requestsSince(c, start, "POST", /configmaps/)[0].url, /dryRun=All/);
    assert.equal(await exists(c, ["-n", NS, "configmap", "dry"]), false);

    const before = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    const changed = await manifest(c, "cm-dry.yaml", configMap({ color: "purple" }, { tier: "web" }));
    assert.equal(await c.kubectlOk(["apply", "--dry-run=server", "-f", changed]), "configmap/app-config configured (server dry run)\n");
    const after = await getJson(c, ["-n", NS, "get", "configmap", "app-config"]);
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    assert.deepEqual(after.data, before.data);
  });
});
