import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printerFor } from "./index.js";
import type { JsonObject } from "./types.js";

const NOW = new Date("2024-06-01T12:00:00Z");
/** An RFC 3339 timestamp `seconds` before NOW. */
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.000Z$/, "Z");

const pods = printerFor("", "Pod");
const podCells = (pod: JsonObject) => pods.cells(pod, NOW);
/** NAME READY STATUS RESTARTS AGE of a pod. */
const podSummary = (pod: JsonObject) => podCells(pod).slice(0, 5);

function pod(fields: { spec?: JsonObject; status?: JsonObject; metadata?: JsonObject }): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-0", namespace: "default", creationTimestamp: ago(300), ...fields.metadata },
    spec: { containers: [{ name: "app", image: "nginx:1.27" }], ...fields.spec },
    status: fields.status ?? {},
  };
}

const running = { running: { startedAt: ago(290) } };

describe("Pod printer", () => {
  it("has upstream's columns", () => {
    assert.deepEqual(
      pods.columns.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ["Name", "string", "name", 0],
        ["Ready", "string", "", 0],
        ["Status", "string", "", 0],
        ["Restarts", "string", "", 0],
        ["Age", "string", "", 0],
        ["IP", "string", "", 1],
        ["Node", "string", "", 1],
        ["Nominated Node", "string", "", 1],
        ["Readiness Gates", "string", "", 1],
      ],
    );
    assert.match(pods.columns[0].description, /^Name must be unique within a namespace/);
    assert.match(pods.columns[4].description, /^CreationTimestamp is a timestamp/);
  });

  it("prints an unscheduled Pending pod", () => {
    assert.deepEqual(podCells(pod({ status: { phase: "Pending" } })), [
      "web-0",
      "0/1",
      "Pending",
      "0",
      "5m",
      "<none>",
      "<none>",
      "<none>",
      "<none>",
    ]);
  });

  it("prints ContainerCreating", () => {
    const p = pod({
      spec: { nodeName: "node-1" },
      status: {
        phase: "Pending",
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }],
      },
    });
    assert.deepEqual(podCells(p), ["web-0", "0/1", "ContainerCreating", "0", "5m", "<none>", "node-1", "<none>", "<none>"]);
  });

  it("prints a running, ready pod with its IP and node", () => {
    const p = pod({
      spec: { nodeName: "node-1" },
      status: {
        phase: "Running",
        podIP: "10.244.1.7",
        podIPs: [{ ip: "10.244.1.7" }, { ip: "fd00::7" }],
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [{ name: "app", ready: true, started: true, restartCount: 0, state: running }],
      },
    });
    assert.deepEqual(podCells(p), ["web-0", "1/1", "Running", "0", "5m", "10.244.1.7", "node-1", "<none>", "<none>"]);
  });

  it("falls back to status.podIP without podIPs", () => {
    const p = pod({ status: { phase: "Running", podIP: "10.0.0.9" } });
    assert.equal(podCells(p)[5], "10.0.0.9");
  });

  it("suffixes restarts with the age of the last restart", () => {
    const p = pod({
      status: {
        phase: "Running",
        containerStatuses: [
          {
            name: "app",
            ready: true,
            restartCount: 5,
            state: running,
            lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(300) } },
          },
        ],
      },
    });
    assert.deepEqual(podSummary(p), ["web-0", "1/1", "Running", "5 (5m ago)", "5m"]);
  });

  it("prints restarts without a suffix when no finish time is known", () => {
    const p = pod({
      status: { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: 2, state: running }] },
    });
    assert.equal(podCells(p)[3], "2");
  });

  it("prints CrashLoopBackOff", () => {
    const p = pod({
      status: {
        phase: "Running",
        containerStatuses: [
          {
            name: "app",
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } },
            lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(45) } },
          },
        ],
      },
    });
    assert.deepEqual(podSummary(p), ["web-0", "0/1", "CrashLoopBackOff", "3 (45s ago)", "5m"]);
  });

  it("prints Completed and Error for finished pods", () => {
    const done = pod({
      status: {
        phase: "Succeeded",
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      },
    });
    assert.deepEqual(podSummary(done), ["web-0", "0/1", "Completed", "0", "5m"]);
    const failed = pod({
      status: {
        phase: "Failed",
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: "Error" } } }],
      },
    });
    assert.deepEqual(podSummary(failed), ["web-0", "0/1", "Error", "0", "5m"]);
  });

  it("prints ExitCode and Signal for terminations without a reason", () => {
    const exit = pod({
      status: { phase: "Failed", containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 137 } } }] },
    });
    assert.equal(podCells(exit)[2], "ExitCode:137");
    const signal = pod({
      status: {
        phase: "Failed",
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }],
      },
    });
    assert.equal(podCells(signal)[2], "Signal:9");
  });

  it("reports the first container's state when several containers differ", () => {
    const p = pod({
      spec: { containers: [{ name: "a" }, { name: "b" }] },
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: false, restartCount: 1, state: { waiting: { reason: "ImagePullBackOff" } } },
          { name: "b", ready: true, restartCount: 2, state: running },
        ],
      },
    });
    assert.deepEqual(podSummary(p), ["web-0", "1/2", "ImagePullBackOff", "3", "5m"]);
  });

  it("turns Completed back into Running or NotReady while a container still runs", () => {
    const status = (ready: string) => ({
      phase: "Running",
      conditions: [{ type: "Ready", status: ready }],
      containerStatuses: [
        { name: "a", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
        { name: "b", ready: true, restartCount: 0, state: running },
      ],
    });
    const spec = { containers: [{ name: "a" }, { name: "b" }] };
    assert.deepEqual(podSummary(pod({ spec, status: status("True") })), ["web-0", "1/2", "Running", "0", "5m"]);
    assert.deepEqual(podSummary(pod({ spec, status: status("False") })), ["web-0", "1/2", "NotReady", "0", "5m"]);
  });

  it("prints Terminating for a deleted, non-terminal pod", () => {
    const p = pod({
      metadata: { deletionTimestamp: ago(-30) },
      status: {
        phase: "Running",
        containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
      },
    });
    assert.deepEqual(podSummary(p), ["web-0", "1/1", "Terminating", "0", "5m"]);
    const finished = pod({
      metadata: { deletionTimestamp: ago(-30) },
      status: {
        phase: "Succeeded",
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      },
    });
    assert.equal(podCells(finished)[2], "Completed");
  });

  it("prints NodeLost, and Unknown once such a pod is being deleted", () => {
    const status = {
      phase: "Running",
      reason: "NodeLost",
      message: "Node node-1 which was running pod web-0 is unresponsive",
      containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
    };
    assert.equal(podCells(pod({ status }))[2], "NodeLost");
    assert.equal(podCells(pod({ status, metadata: { deletionTimestamp: ago(10) } }))[2], "Unknown");
  });

  it("prints Init:N/M while init containers run", () => {
    const spec = { initContainers: [{ name: "migrate" }, { name: "seed" }] };
    const first = pod({
      spec,
      status: {
        phase: "Pending",
        initContainerStatuses: [
          { name: "migrate", ready: false, restartCount: 0, state: { running: { startedAt: ago(5) } } },
          { name: "seed", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
      },
    });
    assert.deepEqual(podSummary(first), ["web-0", "0/1", "Init:0/2", "0", "5m"]);
    const second = pod({
      spec,
      status: {
        phase: "Pending",
        initContainerStatuses: [
          { name: "migrate", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
          { name: "seed", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
      },
    });
    assert.equal(podCells(second)[2], "Init:1/2");
  });

  it("prints Init:Error, Init:CrashLoopBackOff and Init:ExitCode with init restarts", () => {
    const spec = { initContainers: [{ name: "migrate" }] };
    const initStatus = (state: JsonObject, restartCount = 0) => ({
      phase: "Pending",
      initContainerStatuses: [
        {
          name: "migrate",
          ready: false,
          restartCount,
          state,
          lastState: restartCount ? { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(120) } } : {},
        },
      ],
      containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
    });
    assert.deepEqual(podSummary(pod({ spec, status: initStatus({ terminated: { exitCode: 1, reason: "Error" } }) })), [
      "web-0",
      "0/1",
      "Init:Error",
      "0",
      "5m",
    ]);
    assert.deepEqual(podSummary(pod({ spec, status: initStatus({ waiting: { reason: "CrashLoopBackOff" } }, 4) })), [
      "web-0",
      "0/1",
      "Init:CrashLoopBackOff",
      "4 (2m ago)",
      "5m",
    ]);
    assert.equal(podCells(pod({ spec, status: initStatus({ terminated: { exitCode: 3 } }) }))[2], "Init:ExitCode:3");
    assert.equal(podCells(pod({ spec, status: initStatus({ terminated: { exitCode: 3, signal: 15 } }) }))[2], "Init:Signal:15");
  });

  it("counts started sidecars (restartable init containers) as containers", () => {
    const p = pod({
      spec: { initContainers: [{ name: "proxy", restartPolicy: "Always" }] },
      status: {
        phase: "Running",
        conditions: [
          { type: "Initialized", status: "True" },
          { type: "Ready", status: "True" },
        ],
        initContainerStatuses: [
          {
            name: "proxy",
            ready: true,
            started: true,
            restartCount: 1,
            state: running,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(200) } },
          },
        ],
        containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
      },
    });
    assert.deepEqual(podSummary(p), ["web-0", "2/2", "Running", "1 (3m20s ago)", "5m"]);
  });

  it("prints SchedulingGated", () => {
    const p = pod({
      spec: { schedulingGates: [{ name: "example.com/quota" }] },
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
      },
    });
    assert.equal(podCells(p)[2], "SchedulingGated");
  });

  it("prints nominated node and readiness gates", () => {
    const p = pod({
      spec: { readinessGates: [{ conditionType: "example.com/lb" }, { conditionType: "example.com/dns" }] },
      status: {
        phase: "Pending",
        nominatedNodeName: "node-2",
        conditions: [
          { type: "example.com/lb", status: "True" },
          { type: "example.com/dns", status: "False" },
        ],
      },
    });
    assert.deepEqual(podCells(p).slice(5), ["<none>", "<none>", "node-2", "1/2"]);
  });

  it("prints <unknown> age without a creation timestamp", () => {
    assert.equal(podCells(pod({ metadata: { creationTimestamp: undefined } }))[4], "<unknown>");
  });
});

describe("Node printer", () => {
  const nodes = printerFor("", "Node");
  const node = (fields: { labels?: Record<string, string>; spec?: JsonObject; status?: JsonObject }) => ({
    metadata: { name: "node-1", creationTimestamp: ago(3 * 86400 + 4 * 3600), labels: fields.labels ?? {} },
    spec: fields.spec ?? {},
    status: fields.status ?? {},
  });
  const info = {
    kubeletVersion: "v1.32.0",
    osImage: "Ubuntu 24.04 LTS",
    kernelVersion: "6.8.0-31-generic",
    containerRuntimeVersion: "containerd://1.7.12",
  };

  it("prints a ready control-plane node with wide details", () => {
    const n = node({
      labels: { "node-role.kubernetes.io/control-plane": "", "kubernetes.io/hostname": "node-1" },
      status: {
        conditions: [
          { type: "MemoryPressure", status: "False" },
          { type: "Ready", status: "True" },
        ],
        addresses: [
          { type: "Hostname", address: "node-1" },
          { type: "InternalIP", address: "192.168.1.10" },
        ],
        nodeInfo: info,
      },
    });
    assert.deepEqual(nodes.cells(n, NOW), [
      "node-1",
      "Ready",
      "control-plane",
      "3d4h",
      "v1.32.0",
      "192.168.1.10",
      "<none>",
      "Ubuntu 24.04 LTS",
      "6.8.0-31-generic",
      "containerd://1.7.12",
    ]);
    assert.deepEqual(
      nodes.columns.map((c) => `${c.name}:${c.priority}`),
      [
        "Name:0",
        "Status:0",
        "Roles:0",
        "Age:0",
        "Version:0",
        "Internal-IP:1",
        "External-IP:1",
        "OS-Image:1",
        "Kernel-Version:1",
        "Container-Runtime:1",
      ],
    );
  });

  it("prints NotReady,SchedulingDisabled and sorted roles", () => {
    const n = node({
      labels: { "node-role.kubernetes.io/worker": "", "kubernetes.io/role": "edge", "node-role.kubernetes.io/": "x" },
      spec: { unschedulable: true },
      status: { conditions: [{ type: "Ready", status: "Unknown" }], addresses: [{ type: "ExternalIP", address: "203.0.113.5" }] },
    });
    assert.deepEqual(nodes.cells(n, NOW), [
      "node-1",
      "NotReady,SchedulingDisabled",
      "edge,worker",
      "3d4h",
      "",
      "<none>",
      "203.0.113.5",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ]);
  });

  it("prints Unknown without a Ready condition and <none> without roles", () => {
    assert.deepEqual(nodes.cells(node({ spec: { unschedulable: true } }), NOW).slice(0, 3), [
      "node-1",
      "Unknown,SchedulingDisabled",
      "<none>",
    ]);
  });
});

describe("Namespace, ConfigMap, Secret, ServiceAccount printers", () => {
  it("prints a namespace", () => {
    const p = printerFor("", "Namespace");
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "Status", "Age"],
    );
    assert.deepEqual(p.cells({ metadata: { name: "kube-system", creationTimestamp: ago(45) }, status: { phase: "Active" } }, NOW), [
      "kube-system",
      "Active",
      "45s",
    ]);
    assert.deepEqual(
      p.cells({ metadata: { name: "old", creationTimestamp: ago(3600), deletionTimestamp: ago(5) }, status: { phase: "Terminating" } }, NOW),
      ["old", "Terminating", "60m"],
    );
  });

  it("counts ConfigMap data and binaryData", () => {
    const p = printerFor("", "ConfigMap");
    assert.deepEqual(
      p.columns.map((c) => [c.name, c.type]),
      [
        ["Name", "string"],
        ["Data", "string"],
        ["Age", "string"],
      ],
    );
    const cm = { metadata: { name: "kube-root-ca.crt", creationTimestamp: ago(7200) }, data: { "ca.crt": "..." }, binaryData: { blob: "AA==" } };
    assert.deepEqual(p.cells(cm, NOW), ["kube-root-ca.crt", 2, "120m"]);
    assert.deepEqual(p.cells({ metadata: { name: "empty", creationTimestamp: ago(1) } }, NOW), ["empty", 0, "1s"]);
  });

  it("prints secrets with type and data count", () => {
    const p = printerFor("", "Secret");
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "Type", "Data", "Age"],
    );
    const secret = {
      metadata: { name: "tls", creationTimestamp: ago(86400 * 10) },
      type: "kubernetes.io/tls",
      data: { "tls.crt": "Y3J0", "tls.key": "a2V5" },
    };
    assert.deepEqual(p.cells(secret, NOW), ["tls", "kubernetes.io/tls", 2, "10d"]);
    assert.deepEqual(p.cells({ metadata: { name: "s", creationTimestamp: ago(60) }, type: "Opaque", data: { a: "" }, stringData: { a: "x", b: "y" } }, NOW), [
      "s",
      "Opaque",
      2,
      "60s",
    ]);
  });

  it("counts service account secrets", () => {
    const p = printerFor("", "ServiceAccount");
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "Secrets", "Age"],
    );
    assert.deepEqual(p.cells({ metadata: { name: "default", creationTimestamp: ago(600) } }, NOW), ["default", 0, "10m"]);
    assert.deepEqual(p.cells({ metadata: { name: "builder", creationTimestamp: ago(600) }, secrets: [{ name: "builder-token" }] }, NOW), [
      "builder",
      1,
      "10m",
    ]);
  });
});

describe("Service printer", () => {
  const p = printerFor("", "Service");
  const svc = (spec: JsonObject, status: JsonObject = {}) => ({ metadata: { name: "web", creationTimestamp: ago(90) }, spec, status });

  it("has upstream's columns", () => {
    assert.deepEqual(
      p.columns.map((c) => `${c.name}:${c.priority}`),
      ["Name:0", "Type:0", "Cluster-IP:0", "External-IP:0", "Port(s):0", "Age:0", "Selector:1"],
    );
  });

  it("prints a ClusterIP service", () => {
    const s = svc({
      type: "ClusterIP",
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      ports: [
        { name: "dns", port: 53, protocol: "UDP" },
        { name: "dns-tcp", port: 53, protocol: "TCP" },
      ],
      selector: { "k8s-app": "kube-dns" },
    });
    assert.deepEqual(p.cells(s, NOW), ["web", "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP", "90s", "k8s-app=kube-dns"]);
  });

  it("prints NodePort ports and external IPs", () => {
    const s = svc({
      type: "NodePort",
      clusterIPs: ["10.96.3.4"],
      externalIPs: ["198.51.100.1", "198.51.100.2"],
      ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }],
    });
    assert.deepEqual(p.cells(s, NOW), ["web", "NodePort", "10.96.3.4", "198.51.100.1,198.51.100.2", "80:30080/TCP", "90s", "<none>"]);
  });

  it("prints LoadBalancer addresses, <pending> before they are assigned", () => {
    const spec = { type: "LoadBalancer", clusterIPs: ["10.96.1.1"], ports: [{ port: 443, nodePort: 31443 }], selector: { app: "web" } };
    assert.equal(p.cells(svc(spec), NOW)[3], "<pending>");
    const ingress = { loadBalancer: { ingress: [{ ip: "203.0.113.9" }, { hostname: "lb.example.com" }, { ip: "203.0.113.10" }, { ip: "203.0.113.9" }] } };
    assert.deepEqual(p.cells(svc(spec, ingress), NOW), [
      "web",
      "LoadBalancer",
      "10.96.1.1",
      "203.0.113.10,203.0.113.9,lb.example.com",
      "443:31443/TCP",
      "90s",
      "app=web",
    ]);
    assert.equal(p.cells(svc({ ...spec, externalIPs: ["198.51.100.7"] }, ingress), NOW)[3], "203.0.113.10,203.0.113.9,lb.example.com,198.51.100.7");
  });

  it("prints ExternalName and headless services", () => {
    assert.deepEqual(p.cells(svc({ type: "ExternalName", externalName: "db.example.com" }), NOW), [
      "web",
      "ExternalName",
      "<none>",
      "db.example.com",
      "<none>",
      "90s",
      "<none>",
    ]);
    const headless = svc({ type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 5432, protocol: "TCP" }], selector: { app: "db" } });
    assert.deepEqual(p.cells(headless, NOW), ["web", "ClusterIP", "None", "<none>", "5432/TCP", "90s", "app=db"]);
  });
});

describe("Endpoints printer", () => {
  const p = printerFor("", "Endpoints");
  const ep = (subsets?: JsonObject[]) => ({ metadata: { name: "web", creationTimestamp: ago(30) }, subsets });

  it("prints <none> without subsets", () => {
    assert.deepEqual(p.cells(ep(), NOW), ["web", "<none>", "30s"]);
  });

  it("prints ip:port pairs", () => {
    const cells = p.cells(ep([{ addresses: [{ ip: "10.244.0.5" }, { ip: "10.244.1.6" }], ports: [{ name: "http", port: 8080, protocol: "TCP" }] }]), NOW);
    assert.deepEqual(cells, ["web", "10.244.0.5:8080,10.244.1.6:8080", "30s"]);
  });

  it("elides beyond three and counts every address-port pair", () => {
    const subsets = [
      {
        addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }],
        ports: [
          { port: 80, protocol: "TCP" },
          { port: 443, protocol: "TCP" },
        ],
      },
      { addresses: [{ ip: "fd00::1" }], ports: [{ port: 80, protocol: "TCP" }] },
    ];
    assert.equal(p.cells(ep(subsets), NOW)[1], "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...");
    assert.equal(p.cells(ep([{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 80 }] }]), NOW)[1], "[fd00::1]:80");
  });

  it("prints bare IPs for subsets without ports, and nothing for subsets without addresses", () => {
    assert.equal(p.cells(ep([{ addresses: [{ ip: "10.0.0.1" }] }]), NOW)[1], "10.0.0.1");
    assert.equal(p.cells(ep([{ notReadyAddresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }]), NOW)[1], "");
  });
});

describe("Event printers", () => {
  const p = printerFor("", "Event");

  it("has upstream's column order and priorities", () => {
    assert.deepEqual(
      p.columns.map((c) => `${c.name}:${c.priority}${c.format ? `:${c.format}` : ""}`),
      ["Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1", "Source:1", "Message:0", "First Seen:1", "Count:1", "Name:1:name"],
    );
  });

  it("prints a classic core/v1 event", () => {
    const ev = {
      metadata: { name: "web-0.17d0a1b2c3", namespace: "default", creationTimestamp: ago(600) },
      involvedObject: { kind: "Pod", name: "web-0", namespace: "default", fieldPath: "spec.containers{app}" },
      reason: "BackOff",
      message: "Back-off restarting failed container app\n",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 12,
      type: "Warning",
    };
    assert.deepEqual(p.cells(ev, NOW), [
      "30s",
      "Warning",
      "BackOff",
      "pod/web-0",
      "spec.containers{app}",
      "kubelet, node-1",
      "Back-off restarting failed container app",
      "10m",
      12,
      "web-0.17d0a1b2c3",
    ]);
  });

  it("prints new-style events (eventTime, reporting controller, series)", () => {
    const singleton = {
      metadata: { name: "node-1.abc", creationTimestamp: ago(90) },
      involvedObject: { kind: "Node", name: "node-1" },
      reason: "Starting",
      message: "Starting kubelet.",
      eventTime: "2024-06-01T11:58:30.123456Z",
      reportingComponent: "kubelet",
      reportingInstance: "node-1",
      type: "Normal",
    };
    assert.deepEqual(p.cells(singleton, NOW), ["89s", "Normal", "Starting", "node/node-1", "", "kubelet, node-1", "Starting kubelet.", "89s", 1, "node-1.abc"]);
    const series = { ...singleton, series: { count: 7, lastObservedTime: "2024-06-01T11:59:50.000000Z" } };
    assert.deepEqual(p.cells(series, NOW).slice(0, 1).concat(p.cells(series, NOW).slice(7, 9)), ["10s", "89s", 7]);
    const noTimes = { metadata: { name: "x" }, involvedObject: { kind: "ClusterRole" }, source: { component: "rbac" } };
    assert.deepEqual(p.cells(noTimes, NOW), ["<unknown>", "", "", "clusterrole", "", "rbac", "", "<unknown>", 1, "x"]);
  });

  it("prints events.k8s.io/v1 events with the same table", () => {
    const ep = printerFor("events.k8s.io", "Event");
    assert.deepEqual(ep.columns, p.columns);
    const ev = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "web.1", creationTimestamp: ago(120) },
      eventTime: ago(120),
      reportingController: "deployment-controller",
      reportingInstance: "",
      action: "Scale",
      reason: "ScalingReplicaSet",
      regarding: { kind: "Deployment", name: "web", namespace: "default", apiVersion: "apps/v1" },
      note: "Scaled up replica set web-7d4b9 to 3",
      type: "Normal",
      deprecatedFirstTimestamp: ago(120),
      deprecatedLastTimestamp: ago(60),
      deprecatedCount: 2,
      deprecatedSource: { component: "deployment-controller" },
    };
    assert.deepEqual(ep.cells(ev, NOW), [
      "60s",
      "Normal",
      "ScalingReplicaSet",
      "deployment/web",
      "",
      "deployment-controller",
      "Scaled up replica set web-7d4b9 to 3",
      "2m",
      2,
      "web.1",
    ]);
  });
});
