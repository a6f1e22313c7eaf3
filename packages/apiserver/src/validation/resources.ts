/**
 * Container `resources`: resource names, quantities and requests not above
 * limits, after upstream's `ValidateContainerResourceRequirements`.
 * @module
 */
import { type FieldError, field, IS_NEGATIVE_ERROR, isQualifiedName } from "./core.js";
import { type Json, obj } from "./json.js";
import { compareQuantities, isIntegral, parseQuantity, QUANTITY_FORMAT_ERROR, type Quantity, quantityString } from "./quantity.js";

const { child, key, invalid, required, forbidden } = field;

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const STANDARD_RESOURCES = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "persistentvolumeclaims",
  "configmaps",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
]);

const isHugePages = (name: string) => name.startsWith("hugepages-");
const isNative = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");

/** Extended resources (`example.com/gpu`): fully qualified, not native, usable as `requests.<name>`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNative(name) || name.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

// Extended resources and hugepages cannot be overcommitted: requests must equal limits.
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length) return errs;
  if (!name.includes("/")) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalid(path, name, "must be a standard resource type or fully qualified"));
    }
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalid(path, name, "must be a standard resource for containers"));
    }
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantity(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.num < 0n) errs.push(invalid(path, quantityString(q), IS_NEGATIVE_ERROR));
  // Only resources counted in whole units (extended resources) must be integers.
  if (isExtendedResourceName(name) && !isIntegral(q)) errs.push(invalid(path, quantityString(q), "must be an integer"));
  return errs;
}

function parsedList(list: Json | undefined, path: string, errs: FieldError[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    const p = key(path, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(raw);
    if (!q) {
      errs.push(invalid(p, raw, QUANTITY_FORMAT_ERROR));
      continue;
    }
    errs.push(...validateQuantity(name, q, p));
    out.set(name, q);
  }
  return out;
}

/**
 * Validates `resources.limits` and `resources.requests`: names are standard
 * container resources, hugepages or extended resources; quantities are
 * non-negative; a request may not exceed its limit (and must equal it for
 * resources that cannot be overcommitted).
 */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const r = obj(resources);
  if (!r) return errs;
  const limPath = child(path, "limits");
  const reqPath = child(path, "requests");
  const limits = parsedList(obj(r.limits), limPath, errs);
  const requests = parsedList(obj(r.requests), reqPath, errs);
  for (const [name, q] of requests) {
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantities(q, limit);
      // As upstream, these errors point at `requests` itself, not at the key.
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === "cpu" || n === "memory")) {
    errs.push(forbidden(path, "HugePages require cpu or memory"));
  }
  return errs;
}
