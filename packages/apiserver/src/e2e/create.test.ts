/**
 * kubectl e2e: `kubectl create <subcommand>` (which sends Kubernetes
 * protobuf bodies), `--dry-run=server` for create, apply and delete,
 * `explain` from the OpenAPI v3 documents, and `describe` of a pod, a
 * deployment and a namespace.
 * @module
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, it } from "node:test";
import { e2eSuite, exists, getJson, kubectlFails, manifest, requestsSince } from "./helpers.js";

const NS = "create-e2e";
const PROTOBUF = "application/vnd.kubernetes.protobuf";

e2eSuite("kubectl e2e: create, dry run, explain, describe", (cluster) => {
  before(async () => {
    await cluster().kubectlOk(["apply", "-f", "-"], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n` });
  });

  it("create namespace (a protobuf body)", async () => {
    const c = cluster();
    const start = c.requests.length;
    assert.equal(await c.kubectlOk(["create", "namespace", "made-by-create"]), "namespace/made-by-create created\n");
    const post = requestsSince(c, start, "POST", /^\/api\/v1\/namespaces\?/);
    assert.equal(post.length, 1);
    assert.equal(post[0].contentType, PROTOBUF);
    const ns = await getJson(c, ["get", "namespace", "made-by-create"]);
    assert.equal(ns.status.phase, "Active");
    assert.deepEqual(ns.spec.finalizers, ["kubernetes"]);
    assert.equal(ns.metadata.labels["kubernetes.io/metadata.name"], "made-by-create");
  });

  it("create configmap --from-literal --from-file", async () => {
    const c = cluster();
    const file = join(c.dataDir, "app.properties");
    await writeFile(file, "color=blue\nsize=10\n");
    const out = await c.kubectlOk(["-n", NS, "create", "configmap", "app", "--from-literal=mode=fast", "--from-literal=empty=", `--from-file=${file}`, `--from-file=renamed.txt=${file}`]);
    assert.equal(out, "configmap/app created\n");
    const cm = await getJson(c, ["-n", NS, "get", "configmap", "app"]);
    assert.deepEqual(cm.data, {
      mode: "fast",
      empty: "",
      "app.properties": "color=blue\nsize=10\n",
      "renamed.txt": "color=blue\nsize=10\n",
    });
    await kubectlFails(c, ["-n", NS, "create", "configmap", "app", "--from-literal=a=b"], 'error: failed to create configmap: configmaps "app" already exists');
  });

  it("create secret generic: base64 data, type Opaque; the docker-registry type", async () => {
    const c = cluster();
    assert.equal(
      await c.kubectlOk(["-n", NS, "create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cr=t"]),
      "secret/creds created\n",
    );
    const secret = await getJson(c, ["-n", NS, "get", "secret", "creds"]);
    assert.equal(secret.type, "Opaque");
    assert.equal(Buffer.from(secret.data.user, "base64").toString(), "admin");
    assert.equal(Buffer.from(secret.data.password, "base64").toString(), "s3cr=t");
    assert.equal(await c.kubectlOk(["-n", NS, "get", "secret", "creds", "-o", "jsonpath={.data.password}"]), Buffer.from("s3cr=t").toString("base64"));

    await c.kubectlOk(["-n", NS, "create", "secret", "docker-registry", "pull", "--docker-server=r.example.com", "--docker-username=u", "--docker-password=p"]);
    const pull = await getJson(c, ["-n", NS, "get", "secret", "pull"]);
    assert.equal(pull.type, "kubernetes.io/dockerconfigjson");
    assert.deepEqual(Object.keys(JSON.parse(Buffer.from(pull.data[".dockerconfigjson"], "base64").toString()).auths), ["r.example.com"]);
  });

  it("create deployment --image --replicas: defaults as upstream, readable by get", async () => {
    const c = cluster();
    const out = await c.kubectlOk(["-n", NS, "create", "deployment", "api", "--image=nginx:1.27", "--replicas=3", "--port=8080"]);
    assert.equal(out, "deployment.apps/api created\n");
    const d = await getJson(c, ["-n", NS, "get", "deployment", "api"]);
    assert.equal(d.spec.replicas, 3);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: "api" } });
    assert.deepEqual(d.metadata.labels, { app: "api" });
    const container = d.spec.template.spec.containers[0];
    assert.equal(container.name, "nginx");
    assert.equal(container.image, "nginx:1.27");
    assert.equal(container.imagePullPolicy, "IfNotPresent");
    assert.deepEqual(container.ports, [{ containerPort: 8080, protocol: "TCP" }]);
    assert.equal(d.spec.strategy.type, "RollingUpdate");
    assert.deepEqual(d.status, {});
    assert.equal(d.metadata.generation, 1);
    // Other create subcommands (protobuf, too).
    await c.kubectlOk(["-n", NS, "create", "serviceaccount", "robot"]);
    await c.kubectlOk(["-n", NS, "create", "service", "clusterip", "api", "--tcp=80:8080"]);
    const svc = await getJson(c, ["-n", NS, "get", "service", "api"]);
    assert.deepEqual(svc.spec.ports, [{ name: "80-8080", port: 80, protocol: "TCP", targetPort: 8080 }]);
    assert.match(svc.spec.clusterIP, /^10\./);
    await c.kubectlOk(["-n", NS, "create", "role", "reader", "--verb=get,list", "--resource=pods"]);
    await c.kubectlOk(["-n", NS, "create", "rolebinding", "robot-reads", "--role=reader", `--serviceaccount=${NS}:robot`]);
    const rb = await getJson(c, ["-n", NS, "get", "rolebinding", "robot-reads"]);
    assert.deepEqual(rb.subjects, [{ kind: "ServiceAccount", name: "robot", namespace: NS }]);
    await c.kubectlOk(["-n", NS, "create", "job", "once", "--image=busybox:1.36", "--", "true"]);
    assert.deepEqual((await getJson(c, ["-n", NS, "get", "job", "once"])).spec.template.spec.containers[0].command, ["true"]);
  });

  it("--dry-run=server: create, apply and delete report (server dry run) and change nothing", async () => {
    const c = cluster();
    const start = c.requests.length;
    assert.equal(
      await c.kubectlOk(["-n", NS, "create", "configmap", "ghost", "--from-literal=a=b", "--dry-run=server"]),
      "configmap/ghost created (server dry run)\n",
    );
    assert.match(requestsSince(c, start, "POST", /configmaps/)[0].url, /dryRun=All/);
    assert.equal(await exists(c, ["-n", NS, "configmap", "ghost"]), false);

    // -o yaml shows what would have been stored: defaults and server fields filled in.
    const file = await manifest(c, "dry-deploy.yaml", `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dry\n  namespace: ${NS}\nspec:\n  selector: {matchLabels: {app: dry}}\n  template:\n    metadata: {labels: {app: dry}}\n    spec:\n      containers: [{name: c, image: busybox}]\n`);
    const shown = JSON.parse(await c.kubectlOk(["create", "-f", file, "--dry-run=server", "-o", "json"]));
    assert.equal(shown.spec.replicas, 1);
    assert.match(shown.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.equal(shown.spec.template.spec.containers[0].imagePullPolicy, "Always");
    assert.equal(await exists(c, ["-n", NS, "deployment", "dry"]), false);
    assert.equal(await c.kubectlOk(["apply", "-f", file, "--dry-run=server"]), "deployment.apps/dry created (server dry run)\n");
    assert.equal(await exists(c, ["-n", NS, "deployment", "dry"]), false);

    const before = await getJson(c, ["-n", NS, "get", "configmap", "app"]);
    assert.equal(await c.kubectlOk(["-n", NS, "delete", "configmap", "app", "--dry-run=server"]), 'configmap "app" deleted (server dry run)\n');
    const after = await getJson(c, ["-n", NS, "get", "configmap", "app"]);
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);

    // Dry run still runs the checks: an existing name is AlreadyExists, validation applies.
    await kubectlFails(
      c,
      ["-n", NS, "create", "configmap", "app", "--from-literal=a=b", "--dry-run=server"],
      'error: failed to create configmap: configmaps "app" already exists',
    );
  });

  it("explain pods.spec.containers and deployment.spec.strategy: field names, types and descriptions", async () => {
    const c = cluster();
    const containers = await c.kubectlOk(["explain", "pods.spec.containers"]);
    assert.match(containers, /^KIND:\s+Pod$/m);
    assert.match(containers, /^VERSION:\s+v1$/m);
    assert.match(containers, /^FIELD: containers <\[\]Container>$/m);
    assert.match(containers, /^DESCRIPTION:\n\s+List of containers belonging to the pod\./m);
    for (const field of ["args\t<[]string>", "image\t<string>", "name\t<string> -required-", "ports\t<[]ContainerPort>", "resources\t<ResourceRequirements>"]) {
      assert.ok(containers.includes(`  ${field}\n`), `explain lists ${field}:\n${containers}`);
    }
    const strategy = await c.kubectlOk(["explain", "deployment.spec.strategy"]);
    assert.match(strategy, /^GROUP:\s+apps$/m);
    assert.match(strategy, /^KIND:\s+Deployment$/m);
    assert.match(strategy, /^FIELD: strategy <DeploymentStrategy>$/m);
    assert.match(strategy, /The deployment strategy to use to replace existing pods with new ones\./);
    assert.match(strategy, /^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
    assert.match(strategy, /^ {2}type\t<string>$/m);
    assert.match(strategy, /Type of deployment\. Can be "Recreate" or "RollingUpdate"\. Default is\s+RollingUpdate\./);
    const recursive = await c.kubectlOk(["explain", "deployment.spec.strategy", "--recursive"]);
    assert.match(recursive, /^ {4}maxSurge\t<IntOrString>$/m);
  });

  it("describe pod, deployment and namespace: the sections, no error", async () => {
    const c = cluster();
    await c.kubectlOk(["apply", "-f", "-"], {
      input: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: described\n  namespace: ${NS}\n  labels: {app: demo}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports: [{containerPort: 80}]\n    env: [{name: MODE, value: demo}]\n`,
    });
    const pod = await c.kubectl(["-n", NS, "describe", "pod", "described"]);
    assert.equal(pod.code, 0, pod.stderr);
    assert.equal(pod.stderr, "");
    for (const line of [
      /^Name:\s+described$/m,
      new RegExp(`^Namespace:\\s+${NS}$`, "m"),
      /^Priority:\s+0$/m,
      /^Service Account:\s+default$/m,
      /^Node:\s+<none>$/m,
      /^Labels:\s+app=demo$/m,
      /^Status:\s+Pending$/m,
      /^Containers:\n {2}web:$/m,
      /^ {4}Image:\s+nginx:1\.27$/m,
      /^ {4}Port:\s+80\/TCP$/m,
      /^ {6}MODE:\s+demo$/m,
      /^QoS Class:\s+BestEffort$/m,
      /^Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s$/m,
      /^Events:\s+<none>$/m,
    ]) {
      assert.match(pod.stdout, line);
    }

    const deploy = await c.kubectl(["-n", NS, "describe", "deployment", "api"]);
    assert.equal(deploy.code, 0, deploy.stderr);
    assert.equal(deploy.stderr, "");
    for (const line of [
      /^Name:\s+api$/m,
      /^Selector:\s+app=api$/m,
      /^Replicas:\s+3 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m,
      /^StrategyType:\s+RollingUpdate$/m,
      /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m,
      /^Pod Template:\n {2}Labels:\s+app=api$/m,
      /^ {3}nginx:$/m,
      /^ {4}Image:\s+nginx:1\.27$/m,
      /^Events:\s+<none>$/m,
    ]) {
      assert.match(deploy.stdout, line);
    }
    // A template has no service account unless one is set (upstream does not default it).
    assert.doesNotMatch(deploy.stdout, /^ {2}Service Account:/m);

    const ns = await c.kubectl(["describe", "namespace", NS]);
    assert.equal(ns.code, 0, ns.stderr);
    assert.equal(ns.stderr, "");
    assert.match(ns.stdout, new RegExp(`^Name:\\s+${NS}$`, "m"));
    assert.match(ns.stdout, new RegExp(`^Labels:\\s+kubernetes\\.io/metadata\\.name=${NS}$`, "m"));
    assert.match(ns.stdout, /^Annotations:\s+/m);
    assert.match(ns.stdout, /^Status:\s+Active$/m);
    // kubectl lists quotas and limit ranges of the namespace; without them served it prints neither line.
    assert.match(ns.stdout, /\n\nNo resource quota\.\n\nNo LimitRange resource\.\n$/);

    await c.kubectlOk(["-n", NS, "create", "quota", "small", "--hard=pods=10"]);
    await c.kubectlOk(["apply", "-f", "-"], {
      input: `apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\n  namespace: ${NS}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m}\n`,
    });
    const limitRange = await getJson(c, ["-n", NS, "get", "limitrange", "defaults"]);
    assert.deepEqual(limitRange.spec.limits[0].defaultRequest, { cpu: "500m" }, "defaultRequest defaults to default");
    const withQuota = await c.kubectlOk(["describe", "namespace", NS]);
    assert.match(withQuota, /^Resource Quotas\n {2}Name:\s+small$/m);
    assert.match(withQuota, /^ Container\s+cpu\s+-\s+-\s+500m\s+500m\s+-$/m);
  });
});
