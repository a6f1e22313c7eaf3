/**
 * Micro-benchmark of the per-object work kube-apiserver does for a custom
 * resource write: defaulting, OpenAPI validation (plus embedded-resource and
 * list-type checks) and CEL rules, on a realistic CRD schema (~30 fields, two
 * rules). Not a test; run after building:
 *
 *     node packages/core/dist/crd-schema/bench.js [objects]
 *
 * Prints µs/object per phase and in total.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { formatFieldError } from "../validation/field-error.js";
import { compileCelRules } from "./cel/compile.js";
import { evaluateCelRules } from "./cel/evaluate.js";
import { validateCustomResource } from "./custom-resource.js";
import { applyDefaults } from "./defaults.js";
import { toStructural } from "./json-schema.js";
import { structuralSchemaErrors } from "./schema-errors.js";

/** A "Database" CRD version schema, in the shape controller-gen emits. */
export const databaseSchema = {
  type: "object",
  properties: {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    metadata: { type: "object" },
    spec: {
      type: "object",
      required: ["engine", "version", "storage"],
      properties: {
        engine: { type: "string", enum: ["postgres", "mysql"] },
        version: { type: "string", pattern: "^\\d+(\\.\\d+){0,2}$" },
        replicas: { type: "integer", format: "int32", minimum: 1, maximum: 9, default: 1 },
        paused: { type: "boolean", default: false },
        storage: {
          type: "object",
          required: ["size"],
          properties: { size: { type: "string", pattern: "^[0-9]+(Mi|Gi|Ti)$" }, class: { type: "string", maxLength: 63 } },
        },
        resources: {
          type: "object",
          properties: {
            cpu: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
            memory: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
          },
        },
        backup: {
          type: "object",
          default: {},
          properties: {
            enabled: { type: "boolean", default: false },
            schedule: { type: "string", minLength: 9 },
            retentionDays: { type: "integer", minimum: 1, maximum: 365, default: 7 },
          },
        },
        users: {
          type: "array",
          maxItems: 32,
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: {
            type: "object",
            required: ["name"],
            properties: {
              name: { type: "string", pattern: "^[a-z][a-z0-9_]*$", maxLength: 63 },
              roles: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string", enum: ["read", "write", "admin"] } },
              passwordSecret: { type: "string" },
            },
          },
        },
        parameters: { type: "object", additionalProperties: { type: "string" }, maxProperties: 64 },
        maintenanceWindow: {
          type: "object",
          properties: {
            day: { type: "string", enum: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] },
            start: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
            duration: { type: "string", format: "duration" },
          },
        },
        tls: { type: "object", properties: { enabled: { type: "boolean", default: true }, secretName: { type: "string" } } },
        endpoint: {
          type: "object",
          properties: { host: { type: "string", format: "hostname" }, port: { type: "integer", minimum: 1, maximum: 65535, default: 5432 } },
        },
        labels: { type: "object", additionalProperties: { type: "string" } },
      },
      "x-kubernetes-validations": [
        { rule: "!self.backup.enabled || has(self.backup.schedule)", message: "backup.schedule is required when backups are enabled", fieldPath: ".backup" },
        { rule: "self.engine == 'postgres' || self.replicas <= 3", message: "mysql supports at most 3 replicas" },
      ],
    },
    status: {
      type: "object",
      properties: {
        phase: { type: "string", enum: ["Pending", "Running", "Failed"] },
        readyReplicas: { type: "integer" },
        observedGeneration: { type: "integer", format: "int64" },
        conditions: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
          items: {
            type: "object",
            required: ["type", "status"],
            properties: {
              type: { type: "string" },
              status: { type: "string", enum: ["True", "False", "Unknown"] },
              reason: { type: "string" },
              message: { type: "string" },
              lastTransitionTime: { type: "string", format: "date-time" },
            },
          },
        },
      },
    },
  },
};

/** A typical object of that kind (valid). */
export function databaseObject(i: number): Record<string, unknown> {
  return {
    apiVersion: "db.example.com/v1",
    kind: "Database",
    metadata: { name: `db-${i}`, namespace: "default", labels: { app: "shop" } },
    spec: {
      engine: i % 2 === 0 ? "postgres" : "mysql",
      version: "16.2",
      replicas: 3,
      storage: { size: "20Gi", class: "fast" },
      resources: { cpu: "500m", memory: "1Gi" },
      backup: { enabled: true, schedule: "0 3 * * *" },
      users: [
        { name: "app", roles: ["read", "write"], passwordSecret: "app-pw" },
        { name: "report", roles: ["read"], passwordSecret: "report-pw" },
      ],
      parameters: { max_connections: "200", shared_buffers: "256MB" },
      maintenanceWindow: { day: "Sun", start: "02:00", duration: "2h" },
      tls: { secretName: "db-tls" },
      endpoint: { host: "db.shop.svc.cluster.local" },
      labels: { tier: "data" },
    },
    status: {
      phase: "Running",
      readyReplicas: 3,
      observedGeneration: 4,
      conditions: [{ type: "Ready", status: "True", reason: "AllGood", message: "ready", lastTransitionTime: "2024-05-01T10:00:00Z" }],
    },
  };
}

/** The number of fields (properties, list items, map values) a schema declares. */
function countFields(s: StructuralSchema): number {
  let n = 0;
  for (const p of Object.values(s.properties ?? {})) n += 1 + countFields(p);
  if (s.items) n += countFields(s.items);
  if (typeof s.additionalProperties === "object") n += countFields(s.additionalProperties);
  return n;
}

function main(): void {
  const n = Number(process.argv[2] ?? 20000);
  const schemaErrors = structuralSchemaErrors(databaseSchema, "spec.versions[0].schema.openAPIV3Schema");
  if (schemaErrors.length > 0) throw new Error(`bench schema is invalid: ${schemaErrors.map(formatFieldError).join("; ")}`);
  const schema = toStructural(databaseSchema);
  const cel = compileCelRules(schema);

  const objects = Array.from({ length: n }, (_, i) => databaseObject(i));
  const olds = objects.map((o) => structuredClone(o));
  // Warm up the JIT on separate objects.
  for (let i = 0; i < 2000; i++) {
    const o = databaseObject(i);
    applyDefaults(o, schema);
    validateCustomResource(o, schema);
    evaluateCelRules(cel, o, undefined);
  }

  const time = (fn: (i: number) => void): number => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    return ((performance.now() - t0) * 1000) / n;
  };
  let errors = 0;
  const tDefault = time((i) => applyDefaults(objects[i], schema));
  const tValidate = time((i) => {
    errors += validateCustomResource(objects[i], schema).length;
  });
  const tCelCreate = time((i) => {
    errors += evaluateCelRules(cel, objects[i], undefined).length;
  });
  const tCelUpdate = time((i) => {
    errors += evaluateCelRules(cel, objects[i], olds[i]).length;
  });
  if (errors > 0) throw new Error(`bench objects should be valid, got ${errors} errors`);
  const total = tDefault + tValidate + tCelCreate;
  const fmt = (us: number) => `${us.toFixed(2).padStart(7)} µs/object`;
  console.log(`CRD schema bench: ${n} objects, ${countFields(schema)} schema fields, 2 CEL rules`);
  console.log(`  applyDefaults           ${fmt(tDefault)}`);
  console.log(`  validateCustomResource  ${fmt(tValidate)}`);
  console.log(`  evaluateCelRules        ${fmt(tCelCreate)}  (update with oldObj: ${fmt(tCelUpdate).trim()})`);
  console.log(`  total (create)          ${fmt(total)}`);
}

if (process.argv[1]?.endsWith("bench.js")) main();
