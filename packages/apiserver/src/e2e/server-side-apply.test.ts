/**
 * kubectl e2e: server-side apply — `apply --server-side` results, field
 * managers, conflicts between two managers, `--force-conflicts`, and
 * `get --show-managed-fields`.
 * @module
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { e2eSuite, getJson, kubectlFails, manifest } from "./helpers.js";

function deployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ssa-web
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ssa-web}
  template:
    metadata:
      labels: {app: ssa-web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
}

e2eSuite("kubectl e2e: server-side apply", (cluster) => {
  it("applies, re-applies and shows its managers", async () => {
    const c = cluster();
    const file = await manifest(c, "ssa.yaml", deployment(2));
    assert.equal(await c.kubectlOk(["apply", "--server-side", "-f", file]), "deployment.apps/ssa-web serverside-applied\n");
    assert.equal(await c.kubectlOk(["apply", "--server-side", "-f", file]), "deployment.apps/ssa-web serverside-applied\n");
    const plain = await getJson(c, ["get", "deploy", "ssa-web"]);
    assert.equal(plain.metadata.managedFields, undefined, "kubectl hides managedFields by default");
    const shown = await getJson(c, ["get", "deploy", "ssa-web", "--show-managed-fields"]);
    assert.deepEqual(
      shown.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`),
      ["kubectl/Apply"],
    );
  });

  it("reports a conflict with another manager, and --force-conflicts takes the field", async () => {
    const c = cluster();
    await c.kubectlOk(["scale", "deploy", "ssa-web", "--replicas=5"]);
    const other = await manifest(c, "ssa-other.yaml", deployment(3));
    const result = await c.kubectl(["apply", "--server-side", "--field-manager=team-b", "-f", other]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas/);
    await c.kubectlOk(["apply", "--server-side", "--field-manager=team-b", "--force-conflicts", "-f", other]);
    const dep = await getJson(c, ["get", "deploy", "ssa-web", "--show-managed-fields"]);
    assert.equal(dep.spec.replicas, 3);
    const owners = dep.metadata.managedFields
      .filter((m: { fieldsV1: object }) => JSON.stringify(m.fieldsV1).includes("f:replicas"))
      .map((m: { manager: string }) => m.manager);
    assert.deepEqual(owners, ["team-b"]);
  });

  it("refuses an apply without a usable body", async () => {
    const c = cluster();
    const bad = await manifest(c, "ssa-bad.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa-bad\nspec:\n  replicas: many\n");
    await kubectlFails(c, ["apply", "--server-side", "-f", bad], /replicas/);
  });
});
