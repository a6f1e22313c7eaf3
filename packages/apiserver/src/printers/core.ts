/**
 * Printers for the core (v1) group: Pod, PodTemplate, ReplicationController,
 * Namespace, Node, Service, Endpoints, ConfigMap, Secret, ServiceAccount and
 * Event, plus the events.k8s.io/v1 view
 * of Event (served from the same storage, so printed with the same columns).
 * @module
 */

import type {
  ConfigMap,
  ContainerStatus,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  PodCondition,
  PodTemplate,
  ReplicationController,
  Secret,
  Service,
  ServiceAccount,
} from "kubernetes-types/core/v1.js";
import type { Event as EventsV1Event } from "kubernetes-types/events/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import {
  column,
  compareStrings,
  formatLabels,
  joinHostPort,
  layoutContainerCells,
  loadBalancerIngress,
  parseTime,
  since,
} from "./format.js";
import type { JsonObject, Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });
const ageColumn = column("Age", "string", AGE_DOC);

function objectName(obj: { metadata?: { name?: string } }): string {
  return obj.metadata?.name ?? "";
}

// ---------------------------------------------------------------- Pod

function hasCondition(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === "True");
}

/** Upstream reads only the first Initialized condition. */
function initializedConditionTrue(conditions: PodCondition[] | undefined): boolean {
  const first = (conditions ?? []).find((c) => c.type === "Initialized");
  return first?.status === "True";
}

/** Time of the container's last termination, when it has one with a finish time. */
function lastTerminatedAt(status: ContainerStatus): number | undefined {
  const terminated = status.lastState?.terminated;
  return terminated ? parseTime(terminated.finishedAt) : undefined;
}

function later(current: number | undefined, candidate: number | undefined): number | undefined {
  if (candidate === undefined) return current;
  return current === undefined || current < candidate ? candidate : current;
}

/** The pod's READY, STATUS and RESTARTS cells, following upstream's printPod. */
export function podStatusCells(pod: Pod, now: Date): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = spec?.initContainers ?? [];
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  const phase = status.phase ?? "";
  let reason = status.reason ? status.reason : phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === "PodScheduled" && condition.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const restartable = new Set<string>();
  for (const c of initSpecs) {
    if (c.restartPolicy === "Always") {
      restartable.add(c.name);
      totalContainers++;
    }
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const isRestartable = restartable.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, lastTerminatedAt(c));
    if (isRestartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      lastRestartableInitRestart = later(lastRestartableInitRestart, lastTerminatedAt(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isRestartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(status.conditions)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, lastTerminatedAt(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose first container completed but another still runs is not "Completed".
    if (reason === "Completed" && hasRunning) {
      reason = hasCondition(status.conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded") {
    reason = "Terminating";
  }

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsCell = `${restarts} (${since(lastRestart, now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsCell };
}

function podCells(obj: JsonObject, now: Date): unknown[] {
  const pod = obj as Pod;
  const { ready, status, restarts } = podStatusCells(pod, now);
  const podIP = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || "<none>";
  const nodeName = pod.spec?.nodeName || "<none>";
  const nominated = pod.status?.nominatedNodeName || "<none>";
  let readinessGates = "<none>";
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (condition?.status === "True") trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    objectName(pod),
    ready,
    status,
    restarts,
    since(pod.metadata?.creationTimestamp, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}

/** core/v1 Pod: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "string", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "string",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    ageColumn,
    column("IP", "string", FIELD_DOCS["PodStatus.podIP"], { priority: 1 }),
    column("Node", "string", FIELD_DOCS["PodSpec.nodeName"], { priority: 1 }),
    column("Nominated Node", "string", FIELD_DOCS["PodStatus.nominatedNodeName"], { priority: 1 }),
    column("Readiness Gates", "string", FIELD_DOCS["PodSpec.readinessGates"], { priority: 1 }),
  ],
  cells: podCells,
  rowConditions(obj) {
    const phase = (obj as Pod).status?.phase;
    if (phase === "Succeeded") return [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }];
    if (phase === "Failed") return [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }];
    return [];
  },
};

// ---------------------------------------------------------------- PodTemplate, ReplicationController

/** core/v1 PodTemplate: NAME CONTAINERS IMAGES POD LABELS (no AGE). */
export const podTemplatePrinter: Printer = {
  columns: [
    nameColumn,
    column("Containers", "string", "Names of each container in the template."),
    column("Images", "string", "Images referenced by each container in the template."),
    column("Pod Labels", "string", "The labels for the pod template."),
  ],
  cells(obj) {
    const pt = obj as PodTemplate;
    const [names, images] = layoutContainerCells(pt.template?.spec?.containers);
    return [objectName(pt), names, images, formatLabels(pt.template?.metadata?.labels)];
  },
};

/** core/v1 ReplicationController: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR. */
export const replicationControllerPrinter: Printer = {
  columns: [
    nameColumn,
    column("Desired", "integer", FIELD_DOCS["ReplicationControllerSpec.replicas"]),
    column("Current", "integer", FIELD_DOCS["ReplicationControllerStatus.replicas"]),
    column("Ready", "integer", FIELD_DOCS["ReplicationControllerStatus.readyReplicas"]),
    ageColumn,
    column("Containers", "string", "Names of each container in the template.", { priority: 1 }),
    column("Images", "string", "Images referenced by each container in the template.", { priority: 1 }),
    column("Selector", "string", FIELD_DOCS["ReplicationControllerSpec.selector"], { priority: 1 }),
  ],
  cells(obj, now) {
    const rc = obj as ReplicationController;
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      objectName(rc),
      rc.spec?.replicas ?? 1,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      since(rc.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};

// ---------------------------------------------------------------- Namespace

/** core/v1 Namespace: NAME STATUS AGE. */
export const namespacePrinter: Printer = {
  columns: [nameColumn, column("Status", "string", "The status of the namespace"), ageColumn],
  cells(obj, now) {
    const ns = obj as Namespace;
    return [objectName(ns), ns.status?.phase ?? "", since(ns.metadata?.creationTimestamp, now)];
  },
};

// ---------------------------------------------------------------- Node

const NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_ROLE_LABEL = "kubernetes.io/role";

/** Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` label value, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(NODE_ROLE_PREFIX)) {
      const role = key.slice(NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (key === NODE_ROLE_LABEL && value !== "") {
      roles.add(value);
    }
  }
  return [...roles].sort(compareStrings);
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";
}

/** core/v1 Node: NAME STATUS ROLES AGE VERSION; wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column("Status", "string", "The status of the node"),
    column("Roles", "string", "The roles of the node"),
    ageColumn,
    column("Version", "string", FIELD_DOCS["NodeSystemInfo.kubeletVersion"]),
    column("Internal-IP", "string", FIELD_DOCS["NodeStatus.addresses"], { priority: 1 }),
    column("External-IP", "string", FIELD_DOCS["NodeStatus.addresses"], { priority: 1 }),
    column("OS-Image", "string", FIELD_DOCS["NodeSystemInfo.osImage"], { priority: 1 }),
    column("Kernel-Version", "string", FIELD_DOCS["NodeSystemInfo.kernelVersion"], { priority: 1 }),
    column("Container-Runtime", "string", FIELD_DOCS["NodeSystemInfo.containerRuntimeVersion"], { priority: 1 }),
  ],
  cells(obj, now) {
    const node = obj as Node;
    const status: string[] = [];
    // Only the Ready condition is summarised; the last one wins if repeated.
    const ready = (node.status?.conditions ?? []).filter((c) => c.type === "Ready").pop();
    if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
    if (status.length === 0) status.push("Unknown");
    if (node.spec?.unschedulable) status.push("SchedulingDisabled");
    const roles = nodeRoles(node).join(",") || "<none>";
    const info = node.status?.nodeInfo;
    return [
      objectName(node),
      status.join(","),
      roles,
      since(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? "",
      nodeAddress(node, "InternalIP"),
      nodeAddress(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};

// ---------------------------------------------------------------- Service

/** The EXTERNAL-IP cell of a Service (never clipped: the server prints the wide form). */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerIngress(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
    default:
      return "<unknown>";
  }
}

/** `80/TCP,443:30443/TCP`; protocol defaults to TCP as the API does. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? "TCP";
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(",");
}

/** core/v1 Service: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR. */
export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column("Type", "string", FIELD_DOCS["ServiceSpec.type"]),
    column("Cluster-IP", "string", FIELD_DOCS["ServiceSpec.clusterIP"]),
    column("External-IP", "string", FIELD_DOCS["ServiceSpec.externalIPs"]),
    column("Port(s)", "string", FIELD_DOCS["ServiceSpec.ports"]),
    ageColumn,
    column("Selector", "string", FIELD_DOCS["ServiceSpec.selector"], { priority: 1 }),
  ],
  cells(obj, now) {
    const svc = obj as Service;
    // Stored Services always carry clusterIPs alongside clusterIP; fall back to clusterIP for older objects.
    const clusterIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || "<none>";
    return [
      objectName(svc),
      svc.spec?.type ?? "ClusterIP",
      clusterIP,
      serviceExternalIP(svc),
      servicePorts(svc) || "<none>",
      since(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

// ---------------------------------------------------------------- Endpoints

/** The ENDPOINTS cell: up to three `ip:port` (or bare ip) entries and `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(address.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(address.ip, port.port));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** core/v1 Endpoints: NAME ENDPOINTS AGE. */
export const endpointsPrinter: Printer = {
  columns: [nameColumn, column("Endpoints", "string", FIELD_DOCS["Endpoints.subsets"]), ageColumn],
  cells(obj, now) {
    const ep = obj as Endpoints;
    return [objectName(ep), formatEndpoints(ep), since(ep.metadata?.creationTimestamp, now)];
  },
};

// ---------------------------------------------------------------- ConfigMap, Secret, ServiceAccount

/** core/v1 ConfigMap: NAME DATA AGE (DATA counts data and binaryData keys). */
export const configMapPrinter: Printer = {
  columns: [nameColumn, column("Data", "string", FIELD_DOCS["ConfigMap.data"]), ageColumn],
  cells(obj, now) {
    const cm = obj as ConfigMap;
    const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [objectName(cm), count, since(cm.metadata?.creationTimestamp, now)];
  },
};

/** core/v1 Secret: NAME TYPE DATA AGE. */
export const secretPrinter: Printer = {
  columns: [
    nameColumn,
    column("Type", "string", FIELD_DOCS["Secret.type"]),
    column("Data", "string", FIELD_DOCS["Secret.data"]),
    ageColumn,
  ],
  cells(obj, now) {
    const secret = obj as Secret;
    // Upstream merges stringData into data on write; count the union in case it was not merged.
    const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
    return [objectName(secret), secret.type ?? "", keys.size, since(secret.metadata?.creationTimestamp, now)];
  },
};

/** core/v1 ServiceAccount: NAME SECRETS AGE. */
export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, column("Secrets", "string", FIELD_DOCS["ServiceAccount.secrets"]), ageColumn],
  cells(obj, now) {
    const sa = obj as ServiceAccount;
    return [objectName(sa), (sa.secrets ?? []).length, since(sa.metadata?.creationTimestamp, now)];
  },
};

// ---------------------------------------------------------------- Event

/** The SOURCE cell: component (or reportingController), then `, host` (or reportingInstance) when set. */
function eventSource(event: Partial<Event>): string {
  const component = event.source?.component || event.reportingComponent || "";
  const instance = event.source?.host || event.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

function coreEventCells(event: Partial<Event>, now: Date): unknown[] {
  let firstSeen = since(event.firstTimestamp, now);
  if (parseTime(event.firstTimestamp) === undefined) firstSeen = since(event.eventTime, now);
  let lastSeen = since(event.lastTimestamp, now);
  if (parseTime(event.lastTimestamp) === undefined) lastSeen = firstSeen;
  let count = event.count ?? 0;
  if (event.series) {
    lastSeen = since(event.series.lastObservedTime, now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  const kind = (event.involvedObject?.kind ?? "").toLowerCase();
  const name = event.involvedObject?.name ?? "";
  const target = name.length > 0 ? `${kind}/${name}` : kind;
  return [
    lastSeen,
    event.type ?? "",
    event.reason ?? "",
    target,
    event.involvedObject?.fieldPath ?? "",
    eventSource(event),
    (event.message ?? "").trim(),
    firstSeen,
    count,
    objectName(event),
  ];
}

/** Maps an events.k8s.io/v1 Event onto the core/v1 fields it is stored as. */
export function eventsV1ToCore(event: Partial<EventsV1Event>): Partial<Event> {
  return {
    metadata: event.metadata ?? {},
    involvedObject: event.regarding ?? {},
    related: event.related,
    message: event.note,
    reason: event.reason,
    type: event.type,
    action: event.action,
    source: event.deprecatedSource,
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: event.deprecatedCount,
    eventTime: event.eventTime,
    series: event.series ? { count: event.series.count, lastObservedTime: event.series.lastObservedTime } : undefined,
    reportingComponent: event.reportingController,
    reportingInstance: event.reportingInstance,
  };
}

const eventColumns = [
  column("Last Seen", "string", FIELD_DOCS["Event.lastTimestamp"]),
  column("Type", "string", FIELD_DOCS["Event.type"]),
  column("Reason", "string", FIELD_DOCS["Event.reason"]),
  column("Object", "string", FIELD_DOCS["Event.involvedObject"]),
  column("Subobject", "string", FIELD_DOCS["ObjectReference.fieldPath"], { priority: 1 }),
  column("Source", "string", FIELD_DOCS["Event.source"], { priority: 1 }),
  column("Message", "string", FIELD_DOCS["Event.message"]),
  column("First Seen", "string", FIELD_DOCS["Event.firstTimestamp"], { priority: 1 }),
  column("Count", "string", FIELD_DOCS["Event.count"], { priority: 1 }),
  column("Name", "string", NAME_DOC, { priority: 1, format: "name" }),
];

/** core/v1 Event: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE (before MESSAGE) and FIRST SEEN COUNT NAME. */
export const eventPrinter: Printer = {
  columns: eventColumns,
  cells: (obj, now) => coreEventCells(obj as Partial<Event>, now),
};

/** events.k8s.io/v1 Event: the same table as core/v1 Event. */
export const eventsV1EventPrinter: Printer = {
  columns: eventColumns,
  cells: (obj, now) => coreEventCells(eventsV1ToCore(obj as Partial<EventsV1Event>), now),
};
