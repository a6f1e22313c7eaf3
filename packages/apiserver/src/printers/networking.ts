/**
 * Printers for networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy,
 * and discovery.k8s.io/v1 EndpointSlice.
 * @module
 */

import type { EndpointSlice } from "kubernetes-types/discovery/v1.js";
import type { Ingress, IngressClass, NetworkPolicy } from "kubernetes-types/networking/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, formatLabelSelector, listWithMore, loadBalancerIngress, since } from "./format.js";
import type { Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });
const ageColumn = column("Age", "string", AGE_DOC);

/** The HOSTS cell: up to three rule hosts and `+ N more...`, or `*` when no rule names a host. */
export function ingressHosts(ingress: Ingress): string {
  const rules = ingress.spec?.rules ?? [];
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

/** networking.k8s.io/v1 Ingress: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: Printer = {
  columns: [
    nameColumn,
    column("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
    column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
    column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
    column("Ports", "string", "Ports of TLS configurations that open"),
    ageColumn,
  ],
  cells(obj, now) {
    const ing = obj as Ingress;
    return [
      ing.metadata?.name ?? "",
      ing.spec?.ingressClassName ?? "<none>",
      ingressHosts(ing),
      loadBalancerIngress(ing.status?.loadBalancer?.ingress),
      (ing.spec?.tls ?? []).length > 0 ? "80, 443" : "80",
      since(ing.metadata?.creationTimestamp, now),
    ];
  },
};

/** The PORTS cell of an EndpointSlice: port numbers (or names, or `*`), at most three. */
export function endpointSlicePorts(slice: Partial<EndpointSlice>): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of slice.ports ?? []) {
    if (list.length < max) {
      if (port.port !== undefined && port.port !== null) list.push(String(port.port));
      else if (port.name !== undefined && port.name !== null) list.push(port.name);
      else list.push("*");
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count, max);
}

/** The ENDPOINTS cell of an EndpointSlice: addresses, at most three. */
export function endpointSliceEndpoints(slice: Partial<EndpointSlice>): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const endpoint of slice.endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

/** discovery.k8s.io/v1 EndpointSlice: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    column("AddressType", "string", FIELD_DOCS["EndpointSlice.addressType"]),
    column("Ports", "string", FIELD_DOCS["EndpointSlice.ports"]),
    column("Endpoints", "string", FIELD_DOCS["EndpointSlice.endpoints"]),
    ageColumn,
  ],
  cells(obj, now) {
    const slice = obj as Partial<EndpointSlice>;
    return [
      slice.metadata?.name ?? "",
      slice.addressType ?? "",
      endpointSlicePorts(slice),
      endpointSliceEndpoints(slice),
      since(slice.metadata?.creationTimestamp, now),
    ];
  },
};

/** networking.k8s.io/v1 IngressClass: NAME CONTROLLER PARAMETERS AGE. */
export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn,
    column("Controller", "string", "Controller that is responsible for handling this class"),
    column("Parameters", "string", "A reference to a resource with additional parameters"),
    ageColumn,
  ],
  cells(obj, now) {
    const ic = obj as IngressClass;
    const params = ic.spec?.parameters;
    let parameters = "<none>";
    if (params) parameters = `${params.kind}${params.apiGroup !== undefined && params.apiGroup !== null ? `.${params.apiGroup}` : ""}/${params.name}`;
    return [ic.metadata?.name ?? "", ic.spec?.controller ?? "", parameters, since(ic.metadata?.creationTimestamp, now)];
  },
};

/** networking.k8s.io/v1 NetworkPolicy: NAME POD-SELECTOR AGE. */
export const networkPolicyPrinter: Printer = {
  columns: [nameColumn, column("Pod-Selector", "string", FIELD_DOCS["NetworkPolicySpec.podSelector"]), ageColumn],
  cells(obj, now) {
    const np = obj as NetworkPolicy;
    // podSelector is a struct, not a pointer, upstream: a missing one is the empty selector.
    return [np.metadata?.name ?? "", formatLabelSelector(np.spec?.podSelector ?? {}), since(np.metadata?.creationTimestamp, now)];
  },
};
