import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidMessage } from "@kube-ts/core";
import type { KubeObject } from "../registry/resource.js";
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "./apps.js";
import { formatFieldError } from "./core.js";

function workload(kind: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: "apps/v1", kind, metadata: { name: "web", namespace: "default" }, spec };
}

const template = (labels: Record<string, string> | undefined, podSpec: Record<string, unknown> = {}) => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: "web", image: "nginx" }], ...podSpec },
});

const good = (extra: Record<string, unknown> = {}) => ({
  replicas: 2,
  selector: { matchLabels: { app: "web" } },
  template: template({ app: "web", tier: "fe" }),
  ...extra,
});

const msgs = (errs: ReturnType<typeof validateDeployment>) => errs.map(formatFieldError);

describe("validateDeployment", () => {
  it("accepts a typical deployment", () => {
    assert.deepEqual(validateDeployment(workload("Deployment", good())), []);
    assert.deepEqual(
      validateDeployment(
        workload("Deployment", good({ strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "50%" } }, progressDeadlineSeconds: 600 })),
      ),
      [],
    );
  });

  it("reports a missing selector as upstream does (and the resulting mismatch)", () => {
    const errs = validateDeployment(workload("Deployment", good({ selector: undefined })));
    assert.equal(
      invalidMessage({ group: "apps", kind: "Deployment" }, "web", errs),
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`]',
    );
  });

  it("reports a selector that does not match the template", () => {
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ template: template({ app: "api" }) })))), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ template: template(undefined) })))), [
      "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`",
    ]);
  });

  it("rejects empty and invalid selectors", () => {
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ selector: {} })))), [
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    const errs = msgs(validateDeployment(workload("Deployment", good({ selector: { matchExpressions: [{ key: "app", operator: "Near" }] } }))));
    assert.deepEqual(errs, [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string(nil)}}}: invalid label selector',
    ]);
  });

  it("validates replicas, the pod template and the strategy", () => {
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ replicas: -1 })))), [
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ]);
    assert.deepEqual(
      msgs(validateDeployment(workload("Deployment", good({ template: template({ app: "web", "bad key": "x" }, { restartPolicy: "Never", containers: [{ name: "web" }] }) })))),
      [
        'spec.template.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
        "spec.template.spec.containers[0].image: Required value",
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      ],
    );
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: "0%" } } })))), [
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ]);
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ strategy: { rollingUpdate: { maxUnavailable: "120%", maxSurge: "x" } } })))), [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: x: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be greater than 100%",
    ]);
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ strategy: { type: "Canary" } })))), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ strategy: { type: "Recreate", rollingUpdate: {} } })))), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    assert.deepEqual(msgs(validateDeployment(workload("Deployment", good({ minReadySeconds: 10, progressDeadlineSeconds: 5 })))), [
      "spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds",
    ]);
  });
});

describe("validateDeploymentUpdate", () => {
  it("keeps the selector immutable", () => {
    const old = workload("Deployment", good());
    assert.deepEqual(validateDeploymentUpdate(workload("Deployment", good({ replicas: 5 })), old), []);
    const changed = workload("Deployment", good({ selector: { matchLabels: { app: "web2" } }, template: template({ app: "web2" }) }));
    assert.deepEqual(msgs(validateDeploymentUpdate(changed, old)), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe("validateReplicaSet", () => {
  it("shares the deployment rules (and upstream's wording)", () => {
    assert.deepEqual(validateReplicaSet(workload("ReplicaSet", good())), []);
    assert.deepEqual(msgs(validateReplicaSet(workload("ReplicaSet", good({ selector: { matchLabels: {} } })))), [
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    assert.deepEqual(msgs(validateReplicaSet(workload("ReplicaSet", good({ template: template({ app: "web" }, { activeDeadlineSeconds: 5 }) })))), [
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
    ]);
  });
});

describe("validateDaemonSet", () => {
  it("checks selector, template and update strategy", () => {
    assert.deepEqual(validateDaemonSet(workload("DaemonSet", good())), []);
    assert.deepEqual(msgs(validateDaemonSet(workload("DaemonSet", good({ selector: undefined })))), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(msgs(validateDaemonSet(workload("DaemonSet", good({ updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } })))), [
      "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
    ]);
    assert.deepEqual(msgs(validateDaemonSet(workload("DaemonSet", good({ updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } })))), [
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
    ]);
    assert.deepEqual(msgs(validateDaemonSet(workload("DaemonSet", good({ updateStrategy: { type: "OnDelete" } })))), []);
  });

  it("keeps the selector immutable", () => {
    const old = workload("DaemonSet", good());
    const changed = workload("DaemonSet", good({ selector: { matchLabels: { app: "web", tier: "fe" } } }));
    assert.equal(validateDaemonSetUpdate(changed, old).length, 1);
  });
});

describe("validateStatefulSet", () => {
  it("checks selector, policies, and only the template's metadata (as upstream)", () => {
    assert.deepEqual(validateStatefulSet(workload("StatefulSet", good({ serviceName: "web" }))), []);
    assert.deepEqual(validateStatefulSet(workload("StatefulSet", good({ template: template({ app: "web" }, { containers: [{ name: "web" }] }) }))), []);
    assert.deepEqual(msgs(validateStatefulSet(workload("StatefulSet", good({ selector: {} })))), [
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset",
    ]);
    assert.deepEqual(msgs(validateStatefulSet(workload("StatefulSet", good({ podManagementPolicy: "Random" })))), [
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    ]);
    assert.deepEqual(msgs(validateStatefulSet(workload("StatefulSet", good({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: -1, maxUnavailable: 0 } } })))), [
      "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0",
    ]);
  });

  it("forbids changes outside the mutable fields", () => {
    const old = workload("StatefulSet", good({ serviceName: "web" }));
    assert.deepEqual(validateStatefulSetUpdate(workload("StatefulSet", good({ serviceName: "web", replicas: 9 })), old), []);
    assert.deepEqual(msgs(validateStatefulSetUpdate(workload("StatefulSet", good({ serviceName: "other" })), old)), [
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
