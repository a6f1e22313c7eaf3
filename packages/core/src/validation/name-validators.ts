/**
 * Per-resource rules for `metadata.name`, after upstream's
 * `ValidateNameFunc`s. Each resource picks one (Pods: DNS subdomain,
 * Services: DNS-1035 label, Namespaces: DNS label, RBAC: path segment).
 * @module
 */
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName } from "./names.js";

/**
 * Checks a name; `prefix` is true when validating `generateName`, which may
 * end in `-` because random characters will follow. Returns the problems.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * Makes a `generateName` prefix checkable as a name by replacing a trailing
 * `-`. Upstream replaces the last *two* characters with `a` (so `ab-` is
 * checked as `aa`); the result is the same for every rule used here.
 */
export function maskTrailingDash(name: string): string {
  if (!name.endsWith("-")) return name;
  return `${name.slice(0, Math.max(0, name.length - 2))}a`;
}

/** Names that must be DNS subdomains (most kinds). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS labels (Namespaces, StatefulSets). */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS-1035 labels (Services). */
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Names that only need to be one URL path segment (RBAC roles and bindings, custom resources). */
export const nameIsPathSegment: NameValidator = (name) => isValidPathSegmentName(name);

/** A namespace name, wherever one appears (`metadata.namespace`, subjects, references). */
export const validateNamespaceName: NameValidator = nameIsDNSLabel;
