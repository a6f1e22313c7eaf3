import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { semanticEqual } from "./equality.js";
import { formatFieldError } from "./field-error.js";
import { validateLabelSelector } from "./label-selector.js";
import { nameIsDNSLabel, nameIsDNSSubdomain } from "./name-validators.js";
import { type ObjectMetaInput, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";

const ns = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const cluster = { namespaced: false, nameValidator: nameIsDNSLabel };
const msgs = (errs: ReturnType<typeof validateObjectMeta>) => errs.map(formatFieldError);

describe("validateObjectMeta", () => {
  it("accepts a well-formed object", () => {
    assert.deepEqual(
      validateObjectMeta(
        {
          name: "web-1",
          namespace: "default",
          labels: { app: "web", "app.kubernetes.io/name": "web" },
          annotations: { "Example.com/Note": "x" },
          finalizers: ["kubernetes", "example.com/cleanup"],
          ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "123", controller: true }],
        },
        ns,
      ),
      [],
    );
  });

  it("requires a name and, when namespaced, a namespace", () => {
    assert.deepEqual(msgs(validateObjectMeta({}, ns)), [
      "metadata.name: Required value: name or generateName is required",
      "metadata.namespace: Required value",
    ]);
    assert.deepEqual(msgs(validateObjectMeta(undefined, cluster)), ["metadata.name: Required value: name or generateName is required"]);
  });

  it("checks name and generateName with the resource's rule", () => {
    const errs = msgs(validateObjectMeta({ name: "Foo_bar", namespace: "default" }, ns));
    assert.equal(errs.length, 1);
    assert.match(errs[0], /^metadata\.name: Invalid value: "Foo_bar": a lowercase RFC 1123 subdomain must consist of/);
    assert.deepEqual(validateObjectMeta({ name: "web-abcde", generateName: "web-", namespace: "d" }, ns), []);
    assert.match(msgs(validateObjectMeta({ name: "x", generateName: "Web-", namespace: "d" }, ns))[0], /^metadata\.generateName: Invalid value: "Web-"/);
    assert.deepEqual(msgs(validateObjectMeta({ name: "a.b" }, cluster)), ['metadata.name: Invalid value: "a.b": must not contain dots']);
  });

  it("checks the namespace is a DNS label, and forbids it on cluster-scoped kinds", () => {
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "kube.system" }, ns)), [
      'metadata.namespace: Invalid value: "kube.system": must not contain dots',
    ]);
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "default" }, cluster)), [
      "metadata.namespace: Forbidden: not allowed on this type",
    ]);
  });

  it("checks labels and annotations at the map's path", () => {
    const errs = msgs(validateObjectMeta({ name: "a", namespace: "d", labels: { "bad key": "v", ok: "bad value" } }, ns));
    assert.equal(errs.length, 2);
    assert.match(errs[0], /^metadata\.labels: Invalid value: "bad key": name part must consist of/);
    assert.match(errs[1], /^metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/);
    const big = { "a/b": "x".repeat(256 * 1024) };
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "d", annotations: big }, ns)), [
      "metadata.annotations: Too long: must have at most 262144 bytes",
    ]);
  });

  it("checks finalizers", () => {
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "d", finalizers: ["cleanup"] }, ns)), [
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    assert.deepEqual(validateObjectMeta({ name: "a", namespace: "d", finalizers: ["cleanup"] }, { ...ns, kubeFinalizers: false }), []);
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "d", finalizers: ["orphan", "foregroundDeletion"] }, ns)), [
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
  });

  it("checks owner references", () => {
    assert.deepEqual(
      msgs(validateObjectMeta({ name: "a", namespace: "d", ownerReferences: [{ apiVersion: "apps/", kind: "X", name: "n" }] }, ns)),
      [
        'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
      ],
    );
    const two = [
      { apiVersion: "v1", kind: "A", name: "a", uid: "1", controller: true },
      { apiVersion: "v1", kind: "B", name: "b", uid: "2", controller: true },
    ];
    const errs = msgs(validateObjectMeta({ name: "a", namespace: "d", ownerReferences: two }, ns));
    assert.equal(errs.length, 1);
    assert.match(errs[0], /Only one reference can have Controller set to true\. Found "true" in references for A\/a and B\/b$/);
    assert.match(
      msgs(validateObjectMeta({ name: "a", namespace: "d", ownerReferences: [{ apiVersion: "v1", kind: "Event", name: "e", uid: "1" }] }, ns))[0],
      /^metadata\.ownerReferences: Invalid value: v1\.OwnerReference\{APIVersion:"v1", Kind:"Event".*\}: \/v1, Kind=Event is disallowed from being an owner$/,
    );
  });

  it("rejects a negative generation", () => {
    assert.deepEqual(msgs(validateObjectMeta({ name: "a", namespace: "d", generation: -1 }, ns)), [
      "metadata.generation: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });
});

describe("validateObjectMetaUpdate", () => {
  const old: ObjectMetaInput = {
    name: "a",
    namespace: "d",
    uid: "u1",
    resourceVersion: "5",
    generation: 2,
    creationTimestamp: "2024-01-02T03:04:05Z",
  };

  it("accepts an unchanged identity", () => {
    assert.deepEqual(validateObjectMetaUpdate({ ...old, labels: { x: "y" } }, old), []);
  });

  it("keeps identity fields immutable", () => {
    assert.deepEqual(
      msgs(
        validateObjectMetaUpdate(
          { ...old, name: "b", namespace: "e", uid: "u2", creationTimestamp: "2025-01-01T00:00:00Z", generation: 1 },
          old,
        ),
      ),
      [
        "metadata.generation: Invalid value: 1: must not be decremented",
        'metadata.name: Invalid value: "b": field is immutable',
        'metadata.namespace: Invalid value: "e": field is immutable',
        'metadata.uid: Invalid value: "u2": field is immutable',
        "metadata.creationTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: field is immutable",
      ],
    );
  });

  it("requires a resourceVersion", () => {
    assert.deepEqual(msgs(validateObjectMetaUpdate({ ...old, resourceVersion: undefined }, old)), [
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    ]);
  });

  it("forbids new finalizers once deletion started", () => {
    const deleting = { ...old, deletionTimestamp: "2024-02-01T00:00:00Z", finalizers: ["kubernetes"] };
    assert.deepEqual(msgs(validateObjectMetaUpdate({ ...deleting, finalizers: ["kubernetes", "example.com/b", "example.com/a"] }, deleting)), [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/a", "example.com/b"}',
    ]);
    assert.deepEqual(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting), []);
  });
});

describe("validateLabelSelector", () => {
  it("checks operators, values and keys", () => {
    assert.deepEqual(validateLabelSelector(undefined, "spec.selector"), []);
    assert.deepEqual(
      validateLabelSelector(
        {
          matchLabels: { app: "web" },
          matchExpressions: [
            { key: "a", operator: "In" },
            { key: "b", operator: "Exists", values: ["x"] },
            { key: "c", operator: "Near", values: ["x"] },
            { key: "d", operator: "In", values: ["-bad"] },
          ],
        },
        "spec.selector",
      ).map(formatFieldError),
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
        `spec.selector.matchExpressions[3].values[0]: Invalid value: "-bad": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    );
  });
});

describe("semanticEqual", () => {
  it("treats absent and zero values alike", () => {
    assert.equal(semanticEqual({}, { replicas: 0, paused: false, name: "", list: [], obj: {} }), true);
    assert.equal(semanticEqual(undefined, null), true);
    assert.equal(semanticEqual({ a: [1, 2] }, { a: [1, 2] }), true);
    assert.equal(semanticEqual({ a: [1, 2] }, { a: [2, 1] }), false);
    assert.equal(semanticEqual({ a: 1 }, {}), false);
    assert.equal(semanticEqual("a", "b"), false);
  });
});
