/**
 * Printers for the apps/v1 group: Deployment, ReplicaSet, StatefulSet,
 * DaemonSet and ControllerRevision. `spec.replicas` falls back to the API default of 1 when unset.
 * @module
 */

import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, formatLabelSelector, formatLabels, layoutContainerCells, selectorString, since } from "./format.js";
import type { Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });
const ageColumn = column("Age", "string", AGE_DOC);
const containersColumn = column("Containers", "string", "Names of each container in the template.", { priority: 1 });
const imagesColumn = column("Images", "string", "Images referenced by each container in the template.", { priority: 1 });

/** apps/v1 Deployment: NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    column("Ready", "string", "Number of the pod with ready state"),
    column("Up-to-date", "string", FIELD_DOCS["DeploymentStatus.updatedReplicas"]),
    column("Available", "string", FIELD_DOCS["DeploymentStatus.availableReplicas"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    column("Selector", "string", FIELD_DOCS["DeploymentSpec.selector"], { priority: 1 }),
  ],
  cells(obj, now) {
    const d = obj as Deployment;
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata?.name ?? "",
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      since(d.metadata?.creationTimestamp, now),
      names,
      images,
      // Unlike the other workloads, an empty selector prints as "" here, an invalid one as <invalid>.
      selectorString(d.spec?.selector) ?? "<invalid>",
    ];
  },
};

/** apps/v1 ReplicaSet: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Desired", "integer", FIELD_DOCS["ReplicaSetSpec.replicas"]),
    column("Current", "integer", FIELD_DOCS["ReplicaSetStatus.replicas"]),
    column("Ready", "integer", FIELD_DOCS["ReplicaSetStatus.readyReplicas"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    column("Selector", "string", FIELD_DOCS["ReplicaSetSpec.selector"], { priority: 1 }),
  ],
  cells(obj, now) {
    const rs = obj as ReplicaSet;
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? "",
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      since(rs.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

/** apps/v1 StatefulSet: NAME READY AGE; wide CONTAINERS IMAGES. */
export const statefulSetPrinter: Printer = {
  columns: [nameColumn, column("Ready", "string", "Number of the pod with ready state"), ageColumn, containersColumn, imagesColumn],
  cells(obj, now) {
    const ss = obj as StatefulSet;
    const [names, images] = layoutContainerCells(ss.spec?.template?.spec?.containers);
    return [
      ss.metadata?.name ?? "",
      `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 1}`,
      since(ss.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
};

/** apps/v1 DaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE; wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Desired", "integer", FIELD_DOCS["DaemonSetStatus.desiredNumberScheduled"]),
    column("Current", "integer", FIELD_DOCS["DaemonSetStatus.currentNumberScheduled"]),
    column("Ready", "integer", FIELD_DOCS["DaemonSetStatus.numberReady"]),
    column("Up-to-date", "integer", FIELD_DOCS["DaemonSetStatus.updatedNumberScheduled"]),
    column("Available", "integer", FIELD_DOCS["DaemonSetStatus.numberAvailable"]),
    column("Node Selector", "string", FIELD_DOCS["PodSpec.nodeSelector"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    column("Selector", "string", FIELD_DOCS["DaemonSetSpec.selector"], { priority: 1 }),
  ],
  cells(obj, now) {
    const ds = obj as DaemonSet;
    const status = ds.status;
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name ?? "",
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      since(ds.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

/** `kind.group/name` of the controlling owner, lower-cased (`statefulset.apps/web`), or `<none>`. */
export function controllerName(obj: { metadata?: { ownerReferences?: Array<{ apiVersion?: string; kind?: string; name?: string; controller?: boolean }> } }): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return "<none>";
  const apiVersion = ref.apiVersion ?? "";
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const kind = ref.kind ?? "";
  const groupKind = group ? `${kind}.${group}` : kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name ?? ""}` : (ref.name ?? "");
}

/** apps/v1 ControllerRevision: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn,
    column("Controller", "string", "Controller of the object"),
    column("Revision", "string", FIELD_DOCS["ControllerRevision.revision"]),
    ageColumn,
  ],
  cells(obj, now) {
    const cr = obj as Partial<ControllerRevision>;
    return [cr.metadata?.name ?? "", controllerName(cr), cr.revision ?? 0, since(cr.metadata?.creationTimestamp, now)];
  },
};
