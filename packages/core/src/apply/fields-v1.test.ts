/**
 * FieldsV1 encode/decode, against samples written after the Kubernetes
 * documentation of server-side apply and the managedFields kube-apiserver
 * writes for kubectl and the controllers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldSet } from "./field-set.js";
import { decodeFieldsV1, encodeFieldsV1, FieldsV1Error } from "./fields-v1.js";
import { fieldElement as f, keyElement, pathText, valueElement } from "./path.js";

/** Decodes, re-encodes and returns the JSON text. */
const roundTrip = (json: string) => JSON.stringify(encodeFieldsV1(decodeFieldsV1(JSON.parse(json))));
const texts = (set: FieldSet) => [...set.paths()].map(pathText);

// The ConfigMap of the server-side apply documentation (its YAML lists f:metadata first).
const configMapDoc = { "f:metadata": { "f:labels": { "f:test-label": {} } }, "f:data": { "f:key": {} } };

// What `kubectl apply --server-side` of an nginx Deployment records.
const kubectlApply =
  '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},' +
  '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}';

// What the deployment controller records for status (an Update manager: "." on the maps it created).
const controllerStatus =
  '{"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}}},"f:status":{"f:availableReplicas":{},' +
  '"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":{".":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:replicas":{}}}';

describe("FieldsV1", () => {
  it("decodes the documentation's ConfigMap and encodes it in canonical order", () => {
    const set = decodeFieldsV1(configMapDoc);
    assert.deepEqual(texts(set), [".data.key", ".metadata.labels.test-label"]);
    assert.equal(JSON.stringify(encodeFieldsV1(set)), '{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}');
  });

  it("round-trips kubectl's and a controller's managedFields byte for byte", () => {
    assert.equal(roundTrip(kubectlApply), kubectlApply);
    assert.equal(roundTrip(controllerStatus), controllerStatus);
  });

  it("marks with '.' a member that is also a prefix, and only then", () => {
    const set = decodeFieldsV1(JSON.parse(controllerStatus));
    assert.ok(set.has([f("status"), f("conditions")]));
    assert.ok(set.has([f("status"), f("conditions"), keyElement([["type", "Available"]])]));
    assert.ok(!set.has([f("status")]), "a prefix without '.' is not a member");
    assert.ok(set.has([f("metadata"), f("annotations")]));
  });

  it("encodes sets, keys and values with upstream's element order", () => {
    const set = FieldSet.of(
      [f("metadata"), f("finalizers"), valueElement("kubernetes.io/pvc-protection")],
      [f("metadata"), f("finalizers"), valueElement("example.com/a")],
      [f("spec"), f("ports"), keyElement([["port", 443], ["protocol", "TCP"]])],
      [f("spec"), f("ports"), keyElement([["port", 53], ["protocol", "UDP"]])],
      [f("spec"), f("ports"), keyElement([["port", 53], ["protocol", "TCP"]]), f("targetPort")],
      [f("spec"), f("ports")],
      [f("spec"), f("clusterIP")],
    );
    assert.equal(
      JSON.stringify(encodeFieldsV1(set)),
      '{"f:metadata":{"f:finalizers":{"v:\\"example.com/a\\"":{},"v:\\"kubernetes.io/pvc-protection\\"":{}}},' +
        '"f:spec":{"f:clusterIP":{},"f:ports":{".":{},"k:{\\"port\\":53,\\"protocol\\":\\"TCP\\"}":{"f:targetPort":{}},' +
        '"k:{\\"port\\":53,\\"protocol\\":\\"UDP\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"TCP\\"}":{}}}}',
    );
  });

  it("accepts any member order and key spacing, and canonicalises", () => {
    const messy = { "f:spec": { "k:{\"protocol\": \"TCP\", \"port\": 53}": {}, ".": {} } };
    assert.equal(JSON.stringify(encodeFieldsV1(decodeFieldsV1(messy))), '{"f:spec":{".":{},"k:{\\"port\\":53,\\"protocol\\":\\"TCP\\"}":{}}}');
  });

  it("keeps index elements and drops unknown element types, as upstream", () => {
    assert.equal(roundTrip('{"f:a":{"i:0":{},"i:2":{}},"r:future":{}}'), '{"f:a":{"i:0":{},"i:2":{}}}');
    // A node whose only keys are of unknown types is a plain member.
    assert.equal(roundTrip('{"f:a":{"x:y":{}}}'), '{"f:a":{}}');
  });

  it("round-trips an empty set", () => {
    assert.deepEqual(encodeFieldsV1(new FieldSet()), {});
    assert.ok(decodeFieldsV1({}).isEmpty());
  });

  it("rejects malformed FieldsV1", () => {
    assert.throws(() => decodeFieldsV1([]), FieldsV1Error);
    assert.throws(() => decodeFieldsV1({ "f:a": true }), /must be an object/);
    assert.throws(() => decodeFieldsV1({ xy: {} }), /missing colon/);
    assert.throws(() => decodeFieldsV1({ x: {} }), /2 characters/);
    assert.throws(() => decodeFieldsV1({ "k:{": {} }), FieldsV1Error);
  });
});
