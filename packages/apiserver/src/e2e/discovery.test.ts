/**
 * kubectl e2e: what kubectl learns about the server before anything else —
 * `version`, `api-resources`, `api-versions`, `cluster-info` — and that it
 * learns it through aggregated discovery (two requests, not one per group).
 * @module
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { SERVER_VERSION } from "../server.js";
import { e2eSuite, table } from "./helpers.js";

e2eSuite("kubectl e2e: discovery", (cluster) => {
  it("version: client and server versions, no skew warning", async () => {
    const result = await cluster().kubectl(["version"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Client Version: v1\.\d+/m);
    assert.match(result.stdout, new RegExp(`^Server Version: ${SERVER_VERSION.gitVersion.replace(/\./g, "\\.")}$`, "m"));
    assert.equal(result.stderr, "", "kubectl warns about nothing (e.g. version skew)");

    const json = JSON.parse(await cluster().kubectlOk(["version", "-o", "json"]));
    assert.equal(json.serverVersion.major, "1");
    assert.equal(json.serverVersion.minor, SERVER_VERSION.minor);
    assert.equal(json.serverVersion.gitVersion, SERVER_VERSION.gitVersion);
    assert.match(json.serverVersion.platform, /^[a-z0-9]+\/[a-z0-9]+$/);
  });

  it("api-resources: names, short names, versions, scope and kinds", async () => {
    const out = await cluster().kubectlOk(["api-resources"]);
    const { headers, rows } = table(out);
    assert.deepEqual(headers, ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]);
    // Rows without short names have one cell less: key by name + apiVersion + kind.
    const seen = new Set(rows.map((r) => r.join(" ")));
    const expected = [
      "pods po v1 true Pod",
      "namespaces ns v1 false Namespace",
      "configmaps cm v1 true ConfigMap",
      "services svc v1 true Service",
      "resourcequotas quota v1 true ResourceQuota",
      "limitranges limits v1 true LimitRange",
      "events ev v1 true Event",
      "deployments deploy apps/v1 true Deployment",
      "replicasets rs apps/v1 true ReplicaSet",
      "leases coordination.k8s.io/v1 true Lease",
      "endpointslices discovery.k8s.io/v1 true EndpointSlice",
      "events ev events.k8s.io/v1 true Event",
      "roles rbac.authorization.k8s.io/v1 true Role",
      "rolebindings rbac.authorization.k8s.io/v1 true RoleBinding",
      "clusterroles rbac.authorization.k8s.io/v1 false ClusterRole",
      "clusterrolebindings rbac.authorization.k8s.io/v1 false ClusterRoleBinding",
    ];
    for (const row of expected) assert.ok(seen.has(row), `api-resources lacks "${row}":\n${out}`);
  });

  it("api-resources -o wide / --api-group / --namespaced / -o name", async () => {
    const wide = table(await cluster().kubectlOk(["api-resources", "-o", "wide"]));
    assert.deepEqual(wide.headers, ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"]);
    const pods = wide.rows.find((r) => r[0] === "pods");
    assert.ok(pods, "pods row");
    assert.match(pods.join(" "), / create,delete,deletecollection,get,list,patch,update,watch all$/);

    const apps = (await cluster().kubectlOk(["api-resources", "--api-group=apps", "-o", "name"])).trim().split("\n");
    assert.deepEqual(apps.sort(), ["daemonsets.apps", "deployments.apps", "replicasets.apps", "statefulsets.apps"]);

    const clusterScoped = table(await cluster().kubectlOk(["api-resources", "--namespaced=false"])).rows.map((r) => r[0]);
    for (const name of ["namespaces", "nodes", "clusterroles", "clusterrolebindings"]) assert.ok(clusterScoped.includes(name), name);
    assert.ok(!clusterScoped.includes("pods"));
  });

  it("api-versions: every served group version, sorted", async () => {
    const lines = (await cluster().kubectlOk(["api-versions"])).trim().split("\n");
    for (const gv of [
      "v1",
      "apps/v1",
      "batch/v1",
      "coordination.k8s.io/v1",
      "discovery.k8s.io/v1",
      "events.k8s.io/v1",
      "networking.k8s.io/v1",
      "rbac.authorization.k8s.io/v1",
    ]) {
      assert.ok(lines.includes(gv), `api-versions lacks ${gv}: ${lines.join(", ")}`);
    }
    assert.deepEqual(lines, [...lines].sort());
  });

  it("cluster-info: the control plane URL", async () => {
    const result = await cluster().kubectl(["cluster-info"]);
    assert.equal(result.code, 0, result.stderr);
    // kubectl colours the output only on a terminal.
    assert.match(result.stdout, new RegExp(`^Kubernetes control plane is running at ${cluster().url.replace(/\./g, "\\.")}$`, "m"));
  });

  it("kubectl uses aggregated discovery: /api and /apis answer everything", async () => {
    const c = cluster();
    const start = c.requests.length;
    // A fresh cache directory forces discovery.
    await c.kubectlOk(["get", "pods", "--cache-dir", `${c.dataDir}/fresh-cache`]);
    const discovery = c.requests.slice(start).filter((r) => r.method === "GET" && /^\/apis?(\/|\?|$)/.test(r.url) && !/\/namespaces\//.test(r.url));
    const paths = discovery.map((r) => r.url.split("?")[0]);
    assert.deepEqual(paths.sort(), ["/api", "/apis"], `discovery requests: ${paths.join(", ")}`);
    for (const r of discovery) assert.match(r.accept, /g=apidiscovery\.k8s\.io;v=v2;as=APIGroupDiscoveryList/);
  });
});
