/**
 * kubectl e2e: bad input through kubectl ends in one understandable line —
 * bad selectors, unparsable YAML, type errors, validation errors (422
 * Invalid with the field), immutable fields, bad query parameters, unknown
 * resource types — and nothing is stored.
 * @module
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { e2eSuite, exists, kubectlFails, manifest } from "./helpers.js";

const NS = "errors-e2e";

e2eSuite("kubectl e2e: errors", (cluster) => {
  before(async () => {
    await cluster().kubectlOk(["apply", "-f", "-"], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n` });
  });

  it("bad selectors: the server's parse error, wrapped by kubectl", async () => {
    const c = cluster();
    await kubectlFails(
      c,
      ["-n", NS, "get", "pods", "--field-selector=foo"],
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo": invalid selector: 'foo'; can't understand 'foo'`,
    );
    await kubectlFails(
      c,
      ["-n", NS, "get", "pods", "--field-selector=spec.foo=1"],
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=1": field label not supported: spec.foo`,
    );
    await kubectlFails(
      c,
      ["-n", NS, "get", "pods", "-l", "tier in web"],
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "tier in web", field selector "": unable to parse requirement: /,
    );
  });

  it("unparsable YAML: kubectl's parse error naming the file and line", async () => {
    const c = cluster();
    const file = await manifest(c, "broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");
    await kubectlFails(c, ["create", "-f", file], `error: error parsing ${file}: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'`);
  });

  it("validation: a Pod without an image is Invalid, naming the field", async () => {
    const c = cluster();
    const file = await manifest(c, "noimage.yaml", `apiVersion: v1\nkind: Pod\nmetadata:\n  name: noimage\n  namespace: ${NS}\nspec:\n  containers:\n  - name: app\n`);
    await kubectlFails(c, ["create", "-f", file], 'The Pod "noimage" is invalid: spec.containers[0].image: Required value');
    await kubectlFails(c, ["apply", "-f", file], 'The Pod "noimage" is invalid: spec.containers[0].image: Required value');
    await kubectlFails(c, ["-n", NS, "run", "noimage", "--image=", "--restart=Never"], "error: --image is required");
    assert.equal(await exists(c, ["-n", NS, "pod", "noimage"]), false);
  });

  it("validation: names, enums, immutable fields", async () => {
    const c = cluster();
    await kubectlFails(
      c,
      ["apply", "-f", "-"],
      `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      { input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: ${NS}\n` },
    );
    await kubectlFails(
      c,
      ["apply", "-f", "-"],
      'The Pod "policy" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      { input: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: policy\n  namespace: ${NS}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: c, image: busybox}]\n` },
    );
    const deployment = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fixed\n  namespace: ${NS}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec: {containers: [{name: c, image: busybox}]}\n`;
    await c.kubectlOk(["apply", "-f", "-"], { input: deployment("one") });
    await kubectlFails(
      c,
      ["apply", "-f", "-"],
      'The Deployment "fixed" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"two"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      { input: deployment("two") },
    );
  });

  it("type errors: Go's decoding message, as a BadRequest", async () => {
    const c = cluster();
    await kubectlFails(
      c,
      ["apply", "-f", "-"],
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      {
        input: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\n  namespace: ${NS}\nspec:\n  replicas: two\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: busybox}]}\n`,
      },
    );
  });

  it("bad query parameters and unknown resources", async () => {
    const c = cluster();
    await kubectlFails(c, ["get", "--raw", "/api/v1/pods?limit=abc"], /^Error from server \(BadRequest\): .*limit.*abc/);
    await kubectlFails(c, ["get", "--raw", "/api/v1/pods?resourceVersion=abc"], /^Error from server \(BadRequest\): .*resourceVersion.*abc/);
    await kubectlFails(c, ["get", "--raw", "/api/v1/pods?watch=true&resourceVersionMatch=Exact"], /^Error from server \(BadRequest\): /);
    await kubectlFails(c, ["get", "widgets"], 'error: the server doesn\'t have a resource type "widgets"');
    await kubectlFails(c, ["get", "--raw", "/apis/example.com/v1/widgets"], "Error from server (NotFound): the server could not find the requested resource");
  });

  it("AlreadyExists and a mismatched namespace", async () => {
    const c = cluster();
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\n  namespace: ${NS}\n`;
    await c.kubectlOk(["create", "-f", "-"], { input: cm });
    await kubectlFails(c, ["create", "-f", "-"], `Error from server (AlreadyExists): error when creating "STDIN": configmaps "twice" already exists`, { input: cm });
    await kubectlFails(
      c,
      ["-n", "default", "create", "-f", "-"],
      `error: the namespace from the provided object "${NS}" does not match the namespace "default". You must pass '--namespace=${NS}' to perform this operation.`,
      { input: cm },
    );
  });
});
