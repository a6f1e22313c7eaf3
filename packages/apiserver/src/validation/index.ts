/**
 * Validation of built-in kinds' spec and status, after upstream's
 * `pkg/apis/<group>/validation`, with upstream's field paths and messages.
 * {@link builtinValidators} maps `"group/Kind"` to each kind's validators.
 * @module
 */
export * from "./apps.js";
export * from "./batch.js";
export * from "./cluster.js";
export * from "./config.js";
export { cronScheduleError, goDurationError, isKnownTimeZone } from "./cron.js";
export * from "./endpoints.js";
export * from "./events.js";
export * from "./ingress.js";
export * from "./lease.js";
export * from "./object.js";
export * from "./pod.js";
export { RESTART_POLICIES, restartPolicyOf, validatePodSpec, validatePodTemplateSpec, validateTolerations, type PodSpecOptions } from "./pod-spec.js";
export { compareQuantities, parseQuantity, type Quantity, quantityString } from "./quantity.js";
export * from "./rbac.js";
export * from "./registry.js";
export { validateResourceRequirements } from "./resources.js";
export * from "./service.js";
