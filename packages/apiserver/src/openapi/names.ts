/**
 * Naming: how a type declared in a kubernetes-types module is called in the
 * Kubernetes OpenAPI documents (`io.k8s.api.core.v1.Pod`), and how Go spells
 * its type in decode error messages (`v1.Pod`).
 *
 * Upstream names a definition after the Go package path of the type, reversed
 * domain first: `k8s.io/api/core/v1.Pod` → `io.k8s.api.core.v1.Pod`, and
 * `k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta` →
 * `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`.
 * @module
 */

/** The few kubernetes-types modules that do not live in k8s.io/api/<group>/<version>. */
const SPECIAL_PREFIXES: Record<string, string> = {
  runtime: "io.k8s.apimachinery.pkg.runtime",
  version: "io.k8s.apimachinery.pkg.version",
  "api/resource": "io.k8s.apimachinery.pkg.api.resource",
  "meta/v1": "io.k8s.apimachinery.pkg.apis.meta.v1",
  "apiextensions/v1": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
};

/** Name of IntOrString, which kubernetes-types inlines as `number | string`. */
export const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

/** Definition-name prefix (package) of a kubernetes-types module path such as `apps/v1`. */
export function modulePrefix(module: string): string {
  return SPECIAL_PREFIXES[module] ?? `io.k8s.api.${module.replaceAll("/", ".")}`;
}

/** Full definition name of a type declared in `module`. */
export function definitionName(module: string, typeName: string): string {
  return `${modulePrefix(module)}.${typeName}`;
}

/** Go's short spelling of a definition's type, as encoding/json prints it: `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec`. */
export function goTypeName(definition: string): string {
  const parts = definition.split(".");
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : definition;
}

/** Parses an apiVersion (`apps/v1`, `v1`) into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `{group, version}` → the key used in `/openapi/v3` (`api/v1`, `apis/apps/v1`). */
export function groupVersionPath(gv: { group: string; version: string }): string {
  return gv.group === "" ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`;
}
