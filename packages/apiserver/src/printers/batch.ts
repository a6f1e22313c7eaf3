/**
 * Printers for the batch/v1 group: Job (with the STATUS column of recent
 * releases) and CronJob.
 * @module
 */

import type { CronJob, Job, JobCondition } from "kubernetes-types/batch/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, formatLabelSelector, humanDuration, layoutContainerCells, parseTime, since } from "./format.js";
import type { Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });
const ageColumn = column("Age", "string", AGE_DOC);
const containersColumn = column("Containers", "string", "Names of each container in the template.", { priority: 1 });
const imagesColumn = column("Images", "string", "Images referenced by each container in the template.", { priority: 1 });
const selectorColumn = column("Selector", "string", FIELD_DOCS["JobSpec.selector"], { priority: 1 });

/** Whether the first condition of `type` is True (upstream only looks at the first one). */
function hasJobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  const first = (conditions ?? []).find((c) => c.type === type);
  return first?.status === "True";
}

/** The STATUS cell of a Job: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, "Complete")) return "Complete";
  if (hasJobCondition(conditions, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (hasJobCondition(conditions, "Suspended")) return "Suspended";
  if (hasJobCondition(conditions, "FailureTarget")) return "FailureTarget";
  return "Running";
}

/** The COMPLETIONS cell: `succeeded/completions`, or `n/1 of <parallelism>` for work-queue jobs. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION cell: empty before the job starts, running time until it completes. */
export function jobDuration(job: Job, now: Date): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return "";
  const completion = parseTime(job.status?.completionTime);
  return humanDuration((completion ?? now.getTime()) - start);
}

/** batch/v1 Job: NAME STATUS COMPLETIONS DURATION AGE; wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: Printer = {
  columns: [
    nameColumn,
    column("Status", "string", "Status of the job."),
    column("Completions", "string", FIELD_DOCS["JobStatus.succeeded"]),
    column("Duration", "string", "Time required to complete the job."),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(obj, now) {
    const job = obj as Job;
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name ?? "",
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      since(job.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** Upstream's printBoolPtr: `True`, `False`, or `<unset>` for nil. */
function printBoolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return "<unset>";
  return value ? "True" : "False";
}

/** batch/v1 CronJob: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE; wide CONTAINERS IMAGES SELECTOR. */
export const cronJobPrinter: Printer = {
  columns: [
    nameColumn,
    column("Schedule", "string", FIELD_DOCS["CronJobSpec.schedule"]),
    column("Timezone", "string", FIELD_DOCS["CronJobSpec.timeZone"]),
    column("Suspend", "boolean", FIELD_DOCS["CronJobSpec.suspend"]),
    column("Active", "integer", FIELD_DOCS["CronJobStatus.active"]),
    column("Last Schedule", "string", FIELD_DOCS["CronJobStatus.lastScheduleTime"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(obj, now) {
    const cj = obj as CronJob;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata?.name ?? "",
      cj.spec?.schedule ?? "",
      cj.spec?.timeZone ?? "<none>",
      // The API defaults suspend to false, so stored objects never print <unset>.
      printBoolPtr(cj.spec?.suspend ?? false),
      (cj.status?.active ?? []).length,
      last ? since(last, now) : "<none>",
      since(cj.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
