/**
 * kubectl e2e: CustomResourceDefinitions as operators use them — the
 * examples' manifests applied verbatim, `kubectl wait` for Established,
 * short names and printer columns, `explain` of the new kind, validation
 * errors, `get all` through categories, and cleanup with the CRD.
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { it } from "node:test";
import { e2eSuite, eventually, exists, getJson, kubectlFails, manifest, table } from "./helpers.js";

const EXAMPLES = new URL("../../../../examples/manifests/", import.meta.url).pathname;

e2eSuite("kubectl e2e: custom resources", (cluster) => {
  it("applies the PreviewEnvironment CRD and waits for it to be established", async () => {
    const c = cluster();
    assert.match(await c.kubectlOk(["apply", "-f", join(EXAMPLES, "preview-environment-crd.yaml")]), /previewenvironments.platform9.com created/);
    const waited = await c.kubectlOk(["wait", "--for=condition=Established", "crd/previewenvironments.platform9.com", "--timeout=20s"]);
    assert.match(waited, /condition met/);
  });

  it("creates a PreviewEnvironment and reads it by every short name, with printer columns", async () => {
    const c = cluster();
    // kubectl caches discovery: the new kind must be found right after the CRD is established.
    assert.match(await c.kubectlOk(["apply", "-f", join(EXAMPLES, "preview-environment.yaml")]), /previewenvironment.platform9.com\/pr-1234 created/);
    assert.match(await c.kubectlOk(["apply", "-f", join(EXAMPLES, "preview-environment.yaml")]), /unchanged/);
    for (const name of ["pe", "previewenv", "preview", "previewenvironments"]) {
      const out = await c.kubectlOk(["get", name]);
      const { headers, rows } = table(out);
      assert.deepEqual(headers, ["NAME", "IMAGE", "FQDN", "AGE"], name);
      assert.deepEqual(rows[0].slice(0, 3), ["pr-1234", "ghcr.io/example/web:pr-1234", "pr-1234.preview.example.com"]);
    }
  });

  it("explains the new kind from its schema", async () => {
    const out = await cluster().kubectlOk(["explain", "previewenvironment.spec"]);
    assert.match(out, /image\s+<string> -required-/);
    assert.match(out, /The container image to run/);
  });

  it("rejects a PreviewEnvironment missing a required field, and an unknown field", async () => {
    const c = cluster();
    const missing = await manifest(c, "pe-missing.yaml", "apiVersion: platform9.com/v1\nkind: PreviewEnvironment\nmetadata:\n  name: broken\nspec:\n  image: x\n");
    await kubectlFails(c, ["apply", "-f", missing], /The PreviewEnvironment "broken" is invalid: spec.fqdn: Required value/);
    const unknown = await manifest(c, "pe-unknown.yaml", "apiVersion: platform9.com/v1\nkind: PreviewEnvironment\nmetadata:\n  name: extra\nspec:\n  image: x\n  fqdn: y\n  colour: red\n");
    await kubectlFails(c, ["apply", "-f", unknown], /unknown field "spec.colour"/);
  });

  it("applies the kube-rs Foo verbatim and patches it (merge; strategic is refused)", async () => {
    const c = cluster();
    await c.kubectlOk(["apply", "-f", join(EXAMPLES, "foo-crd.yaml")]);
    await c.kubectlOk(["wait", "--for=condition=Established", "crd/foos.clux.dev", "--timeout=20s"]);
    await c.kubectlOk(["apply", "-f", join(EXAMPLES, "foo.yaml")]);
    await c.kubectlOk(["patch", "foo", "baz", "--type=merge", "-p", '{"spec":{"info":"new baz"}}']);
    const foo = await getJson(c, ["get", "foo", "baz"]);
    assert.equal(foo.spec.info, "new baz");
    await kubectlFails(c, ["patch", "foo", "baz", "--type=strategic", "-p", '{"spec":{"info":"x"}}'], /UnsupportedMediaType|unknown format|not supported/i);
    await c.kubectlOk(["patch", "foo", "baz", "--subresource=status", "--type=merge", "-p", '{"status":{"is_bad":true}}']);
    assert.equal((await getJson(c, ["get", "foo", "baz"])).status.is_bad, true);
  });

  it("server-side applies a custom resource, with list-type map merging", async () => {
    const c = cluster();
    const crd = await manifest(
      c,
      "gadget-crd.yaml",
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget, categories: [all]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    port: {type: integer}
`,
    );
    await c.kubectlOk(["apply", "-f", crd]);
    await c.kubectlOk(["wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=20s"]);
    const gadget = (ports: string) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  ports:\n${ports}`;
    const mine = await manifest(c, "g-a.yaml", gadget("  - {name: http, port: 80}\n"));
    const theirs = await manifest(c, "g-b.yaml", gadget("  - {name: metrics, port: 9090}\n"));
    assert.match(await c.kubectlOk(["apply", "--server-side", "--field-manager=a", "-f", mine]), /serverside-applied/);
    await c.kubectlOk(["apply", "--server-side", "--field-manager=b", "-f", theirs]);
    const merged = await getJson(c, ["get", "gadget", "g1"]);
    assert.deepEqual(merged.spec.ports.map((p: { name: string }) => p.name).sort(), ["http", "metrics"]);
    // `get all` covers custom resources in the "all" category.
    assert.match(await c.kubectlOk(["get", "all"]), /gadget\.example\.com\/g1/);
  });

  it("deletes the custom resources with their CRD", async () => {
    const c = cluster();
    await c.kubectlOk(["delete", "crd", "foos.clux.dev", "--wait=true", "--timeout=30s"]);
    // (kubectl may still have the kind in its discovery cache: then the list itself is a 404.)
    await eventually("the kind is gone", async () => !(await exists(c, ["crd", "foos.clux.dev"])));
    await kubectlFails(c, ["get", "foos"], /the server doesn't have a resource type "foos"|could not find the requested resource/);
  });
});
