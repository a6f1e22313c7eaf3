import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printerFor } from "./index.js";
import type { JsonObject } from "./types.js";

const NOW = new Date("2024-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.000Z$/, "Z");

const template = {
  metadata: { labels: { app: "web" } },
  spec: {
    containers: [
      { name: "app", image: "nginx:1.27" },
      { name: "metrics", image: "prom/exporter:v0.15" },
    ],
  },
};

const columns = (group: string, kind: string) =>
  printerFor(group, kind).columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

describe("Deployment printer", () => {
  const p = printerFor("apps", "Deployment");
  it("has upstream's columns", () => {
    assert.deepEqual(columns("apps", "Deployment"), [
      "Name:string:0",
      "Ready:string:0",
      "Up-to-date:string:0",
      "Available:string:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
  });
  it("prints a rolled-out deployment", () => {
    const d = {
      metadata: { name: "web", creationTimestamp: ago(2 * 86400) },
      spec: { replicas: 3, selector: { matchLabels: { app: "web", tier: "frontend" } }, template },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
    };
    assert.deepEqual(p.cells(d, NOW), [
      "web",
      "3/3",
      3,
      3,
      "2d",
      "app,metrics",
      "nginx:1.27,prom/exporter:v0.15",
      "app=web,tier=frontend",
    ]);
  });
  it("prints a fresh deployment without status, defaulting replicas to 1", () => {
    const d = { metadata: { name: "api", creationTimestamp: ago(3) }, spec: { selector: { matchLabels: { app: "api" } }, template } };
    assert.deepEqual(p.cells(d, NOW).slice(0, 5), ["api", "0/1", 0, 0, "3s"]);
    const scaledDown = { ...d, spec: { ...d.spec, replicas: 0 } };
    assert.equal(p.cells(scaledDown, NOW)[1], "0/0");
  });
});

describe("ReplicaSet printer", () => {
  it("prints desired, current and ready as integers", () => {
    assert.deepEqual(columns("apps", "ReplicaSet"), [
      "Name:string:0",
      "Desired:integer:0",
      "Current:integer:0",
      "Ready:integer:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
    const rs = {
      metadata: { name: "web-7d4b9c8f5", creationTimestamp: ago(3600) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web", "pod-template-hash": "7d4b9c8f5" } },
        template,
      },
      status: { replicas: 3, readyReplicas: 2, availableReplicas: 2 },
    };
    assert.deepEqual(printerFor("apps", "ReplicaSet").cells(rs, NOW), [
      "web-7d4b9c8f5",
      3,
      3,
      2,
      "60m",
      "app,metrics",
      "nginx:1.27,prom/exporter:v0.15",
      "app=web,pod-template-hash=7d4b9c8f5",
    ]);
  });
});

describe("StatefulSet printer", () => {
  it("prints READY as ready/desired", () => {
    assert.deepEqual(columns("apps", "StatefulSet"), ["Name:string:0", "Ready:string:0", "Age:string:0", "Containers:string:1", "Images:string:1"]);
    const ss = {
      metadata: { name: "db", creationTimestamp: ago(5 * 3600 + 20 * 60) },
      spec: { replicas: 3, serviceName: "db", selector: { matchLabels: { app: "db" } }, template: { spec: { containers: [{ name: "pg", image: "postgres:16" }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    assert.deepEqual(printerFor("apps", "StatefulSet").cells(ss, NOW), ["db", "1/3", "5h20m", "pg", "postgres:16"]);
  });
});

describe("DaemonSet printer", () => {
  it("prints counts, node selector and selector", () => {
    assert.deepEqual(columns("apps", "DaemonSet"), [
      "Name:string:0",
      "Desired:integer:0",
      "Current:integer:0",
      "Ready:integer:0",
      "Up-to-date:integer:0",
      "Available:integer:0",
      "Node Selector:string:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
    const ds = {
      metadata: { name: "kube-proxy", namespace: "kube-system", creationTimestamp: ago(30 * 86400) },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        template: {
          spec: { nodeSelector: { "kubernetes.io/os": "linux" }, containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.32.0" }] },
        },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    assert.deepEqual(printerFor("apps", "DaemonSet").cells(ds, NOW), [
      "kube-proxy",
      3,
      3,
      2,
      3,
      2,
      "kubernetes.io/os=linux",
      "30d",
      "kube-proxy",
      "registry.k8s.io/kube-proxy:v1.32.0",
      "k8s-app=kube-proxy",
    ]);
    const bare = { metadata: { name: "x", creationTimestamp: ago(1) }, spec: { template: { spec: { containers: [] } } } };
    assert.deepEqual(printerFor("apps", "DaemonSet").cells(bare, NOW), ["x", 0, 0, 0, 0, 0, "<none>", "1s", "", "", "<none>"]);
  });
});

describe("Job printer", () => {
  const p = printerFor("batch", "Job");
  const job = (spec: JsonObject, status: JsonObject = {}, metadata: JsonObject = {}) => ({
    metadata: { name: "pi", creationTimestamp: ago(600), ...metadata },
    spec: { selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "1234" } }, template: { spec: { containers: [{ name: "pi", image: "perl:5.34" }] } }, ...spec },
    status,
  });

  it("has upstream's columns, STATUS included", () => {
    assert.deepEqual(columns("batch", "Job"), [
      "Name:string:0",
      "Status:string:0",
      "Completions:string:0",
      "Duration:string:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
  });

  it("prints a running job", () => {
    const j = job({ completions: 1, parallelism: 1 }, { startTime: ago(150), active: 1, ready: 1 });
    assert.deepEqual(p.cells(j, NOW), ["pi", "Running", "0/1", "2m30s", "10m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=1234"]);
  });

  it("prints a completed job with its duration", () => {
    const j = job(
      { completions: 5, parallelism: 2 },
      {
        startTime: ago(600),
        completionTime: ago(555),
        succeeded: 5,
        conditions: [
          { type: "SuccessCriteriaMet", status: "True" },
          { type: "Complete", status: "True" },
        ],
      },
    );
    assert.deepEqual(p.cells(j, NOW).slice(0, 5), ["pi", "Complete", "5/5", "45s", "10m"]);
  });

  it("prints Failed, Suspended, FailureTarget and Terminating", () => {
    const failed = job({ completions: 1 }, { startTime: ago(100), failed: 7, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] });
    assert.equal(p.cells(failed, NOW)[1], "Failed");
    const suspended = job({ completions: 1, suspend: true }, { conditions: [{ type: "Suspended", status: "True" }] });
    assert.deepEqual(p.cells(suspended, NOW).slice(1, 4), ["Suspended", "0/1", ""]);
    const target = job({ completions: 1 }, { startTime: ago(10), conditions: [{ type: "FailureTarget", status: "True" }] });
    assert.equal(p.cells(target, NOW)[1], "FailureTarget");
    const deleting = job({ completions: 1 }, { startTime: ago(10), conditions: [{ type: "Suspended", status: "True" }] }, { deletionTimestamp: ago(1) });
    assert.equal(p.cells(deleting, NOW)[1], "Terminating");
    const resumed = job({ completions: 1 }, { startTime: ago(10), conditions: [{ type: "Suspended", status: "False" }] });
    assert.equal(p.cells(resumed, NOW)[1], "Running");
  });

  it("prints work-queue completions", () => {
    assert.equal(p.cells(job({ parallelism: 3 }, { succeeded: 1 }), NOW)[2], "1/1 of 3");
    assert.equal(p.cells(job({ parallelism: 1 }), NOW)[2], "0/1");
    assert.equal(p.cells(job({}), NOW)[2], "0/1");
  });
});

describe("CronJob printer", () => {
  const p = printerFor("batch", "CronJob");
  it("has upstream's columns", () => {
    assert.deepEqual(columns("batch", "CronJob"), [
      "Name:string:0",
      "Schedule:string:0",
      "Timezone:string:0",
      "Suspend:boolean:0",
      "Active:integer:0",
      "Last Schedule:string:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
  });
  it("prints a cron job before and after its first run", () => {
    const cj = {
      metadata: { name: "backup", creationTimestamp: ago(86400) },
      spec: {
        schedule: "*/5 * * * *",
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "backup", image: "busybox:1.36" }] } } } },
      },
    };
    assert.deepEqual(p.cells(cj, NOW), ["backup", "*/5 * * * *", "<none>", "False", 0, "<none>", "24h", "backup", "busybox:1.36", "<none>"]);
    const ran = {
      ...cj,
      spec: { ...cj.spec, timeZone: "Europe/Paris", suspend: true },
      status: { active: [{ kind: "Job", name: "backup-28620000" }], lastScheduleTime: ago(240) },
    };
    assert.deepEqual(p.cells(ran, NOW).slice(0, 7), ["backup", "*/5 * * * *", "Europe/Paris", "True", 1, "4m", "24h"]);
  });
});
