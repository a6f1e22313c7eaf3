/**
 * Micro-benchmark of server-side apply and managedFields tracking on a
 * Deployment-sized object (two containers with env, ports, probes and
 * resources; ~6 KB of JSON) with the test fixtures' Deployment schema (parts
 * it does not describe are deduced). Run after `tsc -b`:
 * `node packages/core/dist/apply/apply.bench.js`.
 * @module
 */
import type { JsonObject } from "../patch/json.js";
import { apply, updateManagedFields } from "./field-manager.js";
import type { ManagedFieldsEntry } from "./managers.js";
import { benchDeployment as config, deploymentSchema } from "./test-fixtures.js";

function bench(name: string, fn: () => unknown, iterations = 2000): void {
  for (let i = 0; i < 200; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${name.padEnd(36)} ${micros.toFixed(1)} µs`);
}

const options = { manager: "kubectl", apiVersion: "apps/v1", kind: "Deployment", time: "2024-05-01T10:00:00Z" };
const live = apply(undefined, config("app:1"), options, undefined, deploymentSchema).object;
const managed = (live.metadata as JsonObject).managedFields as unknown as ManagedFieldsEntry[];
const scaled = structuredClone(live);
(scaled.spec as JsonObject).replicas = 5;

console.log(`object ${JSON.stringify(live).length} bytes, managedFields ${JSON.stringify(managed).length} bytes`);
bench("apply (create)", () => apply(undefined, config("app:1"), options, undefined, deploymentSchema));
bench("apply (re-apply, no change)", () => apply(live, config("app:1"), options, managed, deploymentSchema));
bench("apply (new image)", () => apply(live, config("app:2"), options, managed, deploymentSchema));
bench("apply (drop a container, prune)", () => {
  const smaller = config("app:1");
  smaller.spec.template.spec.containers.pop();
  return apply(live, smaller, options, managed, deploymentSchema);
});
bench("updateManagedFields (scale to 5)", () =>
  updateManagedFields(managed, live, scaled, { manager: "kube-controller-manager", apiVersion: "apps/v1", time: options.time }, deploymentSchema),
);
