import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printerFor } from "./index.js";

const NOW = new Date("2024-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
const names = (group: string, kind: string) => printerFor(group, kind).columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

describe("Pod row conditions", () => {
  const p = printerFor("", "Pod");
  it("marks finished pods Completed", () => {
    assert.deepEqual(p.rowConditions?.({ status: { phase: "Succeeded" } }), [
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
    assert.deepEqual(p.rowConditions?.({ status: { phase: "Failed" } }), [
      { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
    ]);
    assert.deepEqual(p.rowConditions?.({ status: { phase: "Running" } }), []);
    assert.equal(printerFor("apps", "Deployment").rowConditions, undefined);
  });
});

describe("PodTemplate and ReplicationController printers", () => {
  it("prints a pod template without an age", () => {
    assert.deepEqual(names("", "PodTemplate"), ["Name:string:0", "Containers:string:0", "Images:string:0", "Pod Labels:string:0"]);
    const pt = {
      metadata: { name: "tpl", creationTimestamp: ago(10) },
      template: { metadata: { labels: { tier: "web", app: "shop" } }, spec: { containers: [{ name: "app", image: "nginx" }] } },
    };
    assert.deepEqual(printerFor("", "PodTemplate").cells(pt, NOW), ["tpl", "app", "nginx", "app=shop,tier=web"]);
  });
  it("prints a replication controller", () => {
    assert.deepEqual(names("", "ReplicationController"), [
      "Name:string:0",
      "Desired:integer:0",
      "Current:integer:0",
      "Ready:integer:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
    const rc = {
      metadata: { name: "legacy", creationTimestamp: ago(120) },
      spec: { replicas: 2, selector: { app: "legacy" }, template: { spec: { containers: [{ name: "app", image: "legacy:1" }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    assert.deepEqual(printerFor("", "ReplicationController").cells(rc, NOW), ["legacy", 2, 2, 1, "2m", "app", "legacy:1", "app=legacy"]);
  });
});

describe("ControllerRevision printer", () => {
  it("prints the controlling owner as kind.group/name", () => {
    assert.deepEqual(names("apps", "ControllerRevision"), ["Name:string:0", "Controller:string:0", "Revision:string:0", "Age:string:0"]);
    const cr = {
      metadata: {
        name: "web-5d8f7c",
        creationTimestamp: ago(600),
        ownerReferences: [
          { apiVersion: "v1", kind: "ConfigMap", name: "other", uid: "1" },
          { apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "2", controller: true },
        ],
      },
      revision: 3,
      data: {},
    };
    const p = printerFor("apps", "ControllerRevision");
    assert.deepEqual(p.cells(cr, NOW), ["web-5d8f7c", "statefulset.apps/web", 3, "10m"]);
    const coreOwned = { metadata: { name: "x", creationTimestamp: ago(1), ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: "p", uid: "3", controller: true }] }, revision: 1 };
    assert.deepEqual(p.cells(coreOwned, NOW), ["x", "pod/p", 1, "1s"]);
    assert.deepEqual(p.cells({ metadata: { name: "orphan", creationTimestamp: ago(1) }, revision: 7 }, NOW), ["orphan", "<none>", 7, "1s"]);
  });
});

describe("IngressClass and NetworkPolicy printers", () => {
  it("prints an ingress class", () => {
    assert.deepEqual(names("networking.k8s.io", "IngressClass"), ["Name:string:0", "Controller:string:0", "Parameters:string:0", "Age:string:0"]);
    const p = printerFor("networking.k8s.io", "IngressClass");
    const ic = {
      metadata: { name: "nginx", creationTimestamp: ago(60) },
      spec: { controller: "k8s.io/ingress-nginx", parameters: { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb" } },
    };
    assert.deepEqual(p.cells(ic, NOW), ["nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "60s"]);
    assert.deepEqual(p.cells({ metadata: { name: "plain", creationTimestamp: ago(60) }, spec: { controller: "example.com/c" } }, NOW), [
      "plain",
      "example.com/c",
      "<none>",
      "60s",
    ]);
  });
  it("prints a network policy's pod selector", () => {
    const p = printerFor("networking.k8s.io", "NetworkPolicy");
    assert.deepEqual(names("networking.k8s.io", "NetworkPolicy"), ["Name:string:0", "Pod-Selector:string:0", "Age:string:0"]);
    assert.deepEqual(p.cells({ metadata: { name: "deny-all", creationTimestamp: ago(5) }, spec: { podSelector: {} } }, NOW), ["deny-all", "<none>", "5s"]);
    assert.deepEqual(
      p.cells({ metadata: { name: "db", creationTimestamp: ago(5) }, spec: { podSelector: { matchLabels: { role: "db" } } } }, NOW),
      ["db", "role=db", "5s"],
    );
  });
});

describe("policy, scheduling, storage and admission printers", () => {
  it("prints a pod disruption budget", () => {
    const p = printerFor("policy", "PodDisruptionBudget");
    assert.deepEqual(names("policy", "PodDisruptionBudget"), [
      "Name:string:0",
      "Min Available:string:0",
      "Max Unavailable:string:0",
      "Allowed Disruptions:integer:0",
      "Age:string:0",
    ]);
    const pdb = { metadata: { name: "web", creationTimestamp: ago(30) }, spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } };
    assert.deepEqual(p.cells(pdb, NOW), ["web", "2", "N/A", 1, "30s"]);
    assert.deepEqual(p.cells({ metadata: { name: "pct", creationTimestamp: ago(30) }, spec: { maxUnavailable: "25%" } }, NOW), [
      "pct",
      "N/A",
      "25%",
      0,
      "30s",
    ]);
  });
  it("prints a priority class", () => {
    assert.deepEqual(names("scheduling.k8s.io", "PriorityClass"), [
      "Name:string:0",
      "Value:integer:0",
      "Global-Default:boolean:0",
      "Age:string:0",
      "PreemptionPolicy:string:0",
    ]);
    const pc = { metadata: { name: "system-cluster-critical", creationTimestamp: ago(86400) }, value: 2000000000, preemptionPolicy: "PreemptLowerPriority" };
    assert.deepEqual(printerFor("scheduling.k8s.io", "PriorityClass").cells(pc, NOW), [
      "system-cluster-critical",
      2000000000,
      false,
      "24h",
      "PreemptLowerPriority",
    ]);
  });
  it("prints a storage class, marking the default", () => {
    assert.deepEqual(names("storage.k8s.io", "StorageClass"), [
      "Name:string:0",
      "Provisioner:string:0",
      "ReclaimPolicy:string:0",
      "VolumeBindingMode:string:0",
      "AllowVolumeExpansion:string:0",
      "Age:string:0",
    ]);
    const sc = {
      metadata: { name: "standard", creationTimestamp: ago(60), annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "rancher.io/local-path",
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: "Delete",
    };
    const p = printerFor("storage.k8s.io", "StorageClass");
    assert.deepEqual(p.cells(sc, NOW), ["standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "60s"]);
    const fast = { metadata: { name: "fast", creationTimestamp: ago(60) }, provisioner: "csi.example.com", reclaimPolicy: "Retain", allowVolumeExpansion: true };
    assert.deepEqual(p.cells(fast, NOW), ["fast", "csi.example.com", "Retain", "Immediate", true, "60s"]);
  });
  it("counts webhooks", () => {
    for (const kind of ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]) {
      const p = printerFor("admissionregistration.k8s.io", kind);
      assert.deepEqual(names("admissionregistration.k8s.io", kind), ["Name:string:0", "Webhooks:integer:0", "Age:string:0"]);
      const cfg = { metadata: { name: "policy", creationTimestamp: ago(3600 * 5) }, webhooks: [{ name: "a.example.com" }, { name: "b.example.com" }] };
      assert.deepEqual(p.cells(cfg, NOW), ["policy", 2, "5h"]);
    }
  });
});
