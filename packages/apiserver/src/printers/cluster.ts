/**
 * Printers for policy/v1 PodDisruptionBudget, scheduling.k8s.io/v1
 * PriorityClass, storage.k8s.io/v1 StorageClass and the
 * admissionregistration.k8s.io/v1 webhook configurations.
 * @module
 */

import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from "kubernetes-types/admissionregistration/v1.js";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1.js";
import type { PriorityClass } from "kubernetes-types/scheduling/v1.js";
import type { StorageClass } from "kubernetes-types/storage/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, since } from "./format.js";
import type { Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });
const ageColumn = column("Age", "string", AGE_DOC);

/** policy/v1 PodDisruptionBudget: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Min Available", "string", "The minimum number of pods that must be available."),
    column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
    column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
    ageColumn,
  ],
  cells(obj, now) {
    const pdb = obj as PodDisruptionBudget;
    const intOrString = (v: number | string | undefined | null) => (v === undefined || v === null ? "N/A" : String(v));
    return [
      pdb.metadata?.name ?? "",
      intOrString(pdb.spec?.minAvailable),
      intOrString(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0,
      since(pdb.metadata?.creationTimestamp, now),
    ];
  },
};

/** scheduling.k8s.io/v1 PriorityClass: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn,
    column("Value", "integer", FIELD_DOCS["PriorityClass.value"]),
    column("Global-Default", "boolean", FIELD_DOCS["PriorityClass.globalDefault"]),
    ageColumn,
    column("PreemptionPolicy", "string", FIELD_DOCS["PriorityClass.preemptionPolicy"]),
  ],
  cells(obj, now) {
    const pc = obj as Partial<PriorityClass>;
    return [
      pc.metadata?.name ?? "",
      pc.value ?? 0,
      pc.globalDefault ?? false,
      since(pc.metadata?.creationTimestamp, now),
      pc.preemptionPolicy ?? "",
    ];
  },
};

/** Whether a StorageClass carries the (GA or beta) default-class annotation. */
function isDefaultClass(annotations: Record<string, string> | undefined): boolean {
  return (
    annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" ||
    annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true"
  );
}

/** storage.k8s.io/v1 StorageClass: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    column("Provisioner", "string", FIELD_DOCS["StorageClass.provisioner"]),
    column("ReclaimPolicy", "string", FIELD_DOCS["StorageClass.reclaimPolicy"]),
    column("VolumeBindingMode", "string", FIELD_DOCS["StorageClass.volumeBindingMode"]),
    column("AllowVolumeExpansion", "string", FIELD_DOCS["StorageClass.allowVolumeExpansion"]),
    ageColumn,
  ],
  cells(obj, now) {
    const sc = obj as Partial<StorageClass>;
    const name = sc.metadata?.name ?? "";
    return [
      isDefaultClass(sc.metadata?.annotations) ? `${name} (default)` : name,
      sc.provisioner ?? "",
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      sc.allowVolumeExpansion ?? false,
      since(sc.metadata?.creationTimestamp, now),
    ];
  },
};

const webhookColumns = [
  nameColumn,
  column("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
  ageColumn,
];

/** admissionregistration.k8s.io/v1 MutatingWebhookConfiguration: NAME WEBHOOKS AGE. */
export const mutatingWebhookPrinter: Printer = {
  columns: webhookColumns,
  cells(obj, now) {
    const cfg = obj as MutatingWebhookConfiguration;
    return [cfg.metadata?.name ?? "", (cfg.webhooks ?? []).length, since(cfg.metadata?.creationTimestamp, now)];
  },
};

/** admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration: NAME WEBHOOKS AGE. */
export const validatingWebhookPrinter: Printer = {
  columns: webhookColumns,
  cells(obj, now) {
    const cfg = obj as ValidatingWebhookConfiguration;
    return [cfg.metadata?.name ?? "", (cfg.webhooks ?? []).length, since(cfg.metadata?.creationTimestamp, now)];
  },
};
