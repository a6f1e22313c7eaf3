import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../registry/resource.js";
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from "./batch.js";
import { formatFieldError } from "./core.js";
import { cronScheduleError, goDurationError } from "./cron.js";

const podTemplate = (restartPolicy?: string, labels: Record<string, string> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: "job", image: "busybox" }], ...(restartPolicy ? { restartPolicy } : {}) },
});

const job = (spec: Record<string, unknown>, name = "pi"): KubeObject => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name, namespace: "default" },
  spec,
});

const msgs = (errs: ReturnType<typeof validateJob>) => errs.map(formatFieldError);

describe("validateJob", () => {
  it("accepts a job with OnFailure or Never", () => {
    assert.deepEqual(validateJob(job({ template: podTemplate("Never") })), []);
    assert.deepEqual(validateJob(job({ template: podTemplate("OnFailure"), backoffLimit: 4, completions: 3, parallelism: 2 })), []);
  });

  it("rejects the default restart policy with upstream's message", () => {
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate() }))), [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate("Sometimes") }))), [
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });

  it("checks counters, completion mode and manual selectors", () => {
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate("Never"), backoffLimit: -1 }))), [
      "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
    ]);
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate("Never"), completionMode: "Indexed" }))), [
      "spec.completions: Required value: when completion mode is Indexed",
    ]);
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate("Never"), backoffLimitPerIndex: 1 }))), [
      "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
    ]);
    assert.deepEqual(msgs(validateJob(job({ template: podTemplate("Never"), manualSelector: true }))), ["spec.selector: Required value"]);
    assert.deepEqual(
      msgs(validateJob(job({ template: podTemplate("Never", { app: "x" }), manualSelector: true, selector: { matchLabels: { app: "y" } } }))),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    );
    assert.deepEqual(
      msgs(validateJob(job({ template: podTemplate("Never"), completionMode: "Indexed", completions: 100 }, "a".repeat(62)))),
      [`metadata.name: Invalid value: "${"a".repeat(62)}": will not able to create pod with invalid DNS label: ${"a".repeat(62)}-99`],
    );
  });
});

describe("validateJobUpdate", () => {
  const selector = { matchLabels: { "batch.kubernetes.io/controller-uid": "u1" } };
  const labels = { "batch.kubernetes.io/controller-uid": "u1" };
  const old = job({ template: podTemplate("Never", labels), selector, completions: 1 });

  it("keeps template, selector and completions immutable", () => {
    assert.deepEqual(validateJobUpdate(job({ template: podTemplate("Never", labels), selector, completions: 1, parallelism: 0 }), old), []);
    const errs = msgs(validateJobUpdate(job({ template: podTemplate("OnFailure", labels), selector, completions: 2 }), old));
    assert.equal(errs.length, 2);
    assert.equal(errs[0], "spec.completions: Invalid value: 2: field is immutable");
    assert.match(errs[1], /^spec\.template: Invalid value: \{.*\}: field is immutable$/);
  });

  it("lets a suspended, never-started job change scheduling directives", () => {
    const next = job({
      template: { ...podTemplate("Never", labels), spec: { ...podTemplate("Never").spec, nodeSelector: { zone: "a" } } },
      selector,
      completions: 1,
      suspend: true,
    });
    assert.deepEqual(validateJobUpdate(next, old), []);
  });
});

describe("cronScheduleError", () => {
  it("accepts standard schedules and descriptors", () => {
    for (const ok of ["*/5 * * * *", "0 0 * * 0", "15 2 1-7 JAN-MAR mon,wed", "0 9 * * ?", "@daily", "@hourly", "@every 1h30m", "TZ=UTC 0 * * * *"]) {
      assert.equal(cronScheduleError(ok), undefined, ok);
    }
  });

  it("words errors as robfig/cron", () => {
    assert.equal(cronScheduleError("* * *"), "expected exactly 5 fields, found 3: [* * *]");
    assert.equal(cronScheduleError("* * * * * *"), "expected exactly 5 fields, found 6: [* * * * * *]");
    assert.equal(cronScheduleError("61 * * * *"), "end of range (61) above maximum (59): 61");
    assert.equal(cronScheduleError("* * 0 * *"), "beginning of range (0) below minimum (1): 0");
    assert.equal(cronScheduleError("5-3 * * * *"), "beginning of range (5) beyond end of range (3): 5-3");
    assert.equal(cronScheduleError("1-2-3 * * * *"), "too many hyphens: 1-2-3");
    assert.equal(cronScheduleError("*/2/3 * * * *"), "too many slashes: */2/3");
    assert.equal(cronScheduleError("*/0 * * * *"), "step of range should be a positive number: */0");
    assert.equal(cronScheduleError("a * * * *"), 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
    assert.equal(cronScheduleError("@fortnightly"), "unrecognized descriptor: @fortnightly");
    assert.equal(cronScheduleError("@every 10"), 'failed to parse duration @every 10: time: missing unit in duration "10"');
    assert.equal(cronScheduleError("TZ=Mars/Base 0 * * * *"), "provided bad location Mars/Base: unknown time zone Mars/Base");
  });

  it("parses Go durations", () => {
    assert.equal(goDurationError("1h30m"), undefined);
    assert.equal(goDurationError("1.5s"), undefined);
    assert.equal(goDurationError("0"), undefined);
    assert.equal(goDurationError("10x"), 'time: unknown unit "x" in duration "10x"');
    assert.equal(goDurationError("x"), 'time: invalid duration "x"');
  });
});

describe("validateCronJob", () => {
  const cron = (spec: Record<string, unknown>, name = "nightly"): KubeObject => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: "default" },
    spec,
  });
  const jobTemplate = { spec: { template: podTemplate("OnFailure") } };

  it("accepts a typical cronjob", () => {
    assert.deepEqual(validateCronJob(cron({ schedule: "0 3 * * *", jobTemplate, timeZone: "Europe/Paris", concurrencyPolicy: "Forbid" })), []);
  });

  it("checks the schedule", () => {
    assert.deepEqual(msgs(validateCronJob(cron({ jobTemplate }))), ["spec.schedule: Required value"]);
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "* * *", jobTemplate }))), [
      'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
    ]);
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "TZ=UTC 0 * * * *", jobTemplate }))), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
    // An object that already had TZ= may keep it.
    const old = cron({ schedule: "TZ=UTC 0 * * * *", jobTemplate });
    assert.deepEqual(validateCronJobUpdate(cron({ schedule: "TZ=UTC 5 * * * *", jobTemplate }), old), []);
  });

  it("checks time zone, policies, job template and name length", () => {
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate, timeZone: "Mars/Olympus" }))), [
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate, timeZone: "Local" }))), [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate, concurrencyPolicy: "Sometimes" }))), [
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    ]);
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate: { spec: { template: podTemplate() } } }))), [
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    assert.deepEqual(
      msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate: { spec: { template: podTemplate("Never"), selector: { matchLabels: { a: "b" } } } } }))),
      [
        'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      ],
    );
    assert.deepEqual(msgs(validateCronJob(cron({ schedule: "@daily", jobTemplate }, "c".repeat(53)))), [
      `metadata.name: Invalid value: "${"c".repeat(53)}": must be no more than 52 characters`,
    ]);
    assert.deepEqual(validateCronJobUpdate(cron({ schedule: "@daily", jobTemplate }, "c".repeat(53)), cron({ schedule: "@daily", jobTemplate })), []);
  });
});
