/**
 * Endpoints (core/v1) and EndpointSlice (discovery.k8s.io/v1) validation,
 * after upstream's `ValidateEndpoints` and `ValidateEndpointSlice`.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, validateImmutableField, validateLabels } from "./core.js";
import { PORT_PROTOCOLS } from "./container.js";
import { validateIP, validateIPv4, validateIPv6, validateNonSpecialIP } from "./ip.js";
import { type Json, num, obj, objs, str, strs } from "./json.js";

const { child, index, invalid, required, duplicate, notSupported, tooMany } = field;

function validateAddress(a: Json, path: string): FieldError[] {
  const ip = str(a.ip);
  const errs = validateIP(ip, child(path, "ip"));
  const hostname = str(a.hostname);
  if (hostname) for (const msg of isDNS1123Label(hostname)) errs.push(invalid(child(path, "hostname"), hostname, msg));
  if (typeof a.nodeName === "string") {
    for (const msg of isDNS1123Subdomain(a.nodeName)) errs.push(invalid(child(path, "nodeName"), a.nodeName, msg));
  }
  errs.push(...validateNonSpecialIP(ip, child(path, "ip")));
  return errs;
}

function validateProtocol(protocol: unknown, path: string): FieldError[] {
  // v1 defaults a missing protocol to TCP.
  if (protocol === undefined || protocol === null) return [];
  const p = str(protocol);
  if (!p) return [required(path)];
  return PORT_PROTOCOLS.includes(p) ? [] : [notSupported(path, p, PORT_PROTOCOLS)];
}

function validateAppProtocol(appProtocol: unknown, path: string): FieldError[] {
  return typeof appProtocol === "string" ? isQualifiedName(appProtocol).map((msg) => invalid(path, appProtocol, msg)) : [];
}

/** Endpoints `subsets`: each needs addresses; ports need names when several. */
export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  objs(ep.subsets).forEach((ss, i) => {
    const p = index("subsets", i);
    const addresses = objs(ss.addresses);
    const notReady = objs(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(p, "must specify `addresses` or `notReadyAddresses`"));
    addresses.forEach((a, j) => {
      errs.push(...validateAddress(a, index(child(p, "addresses"), j)));
    });
    notReady.forEach((a, j) => {
      errs.push(...validateAddress(a, index(child(p, "notReadyAddresses"), j)));
    });
    const ports = objs(ss.ports);
    ports.forEach((port, j) => {
      const pp = index(child(p, "ports"), j);
      const name = str(port.name);
      if (ports.length > 1 && !name) errs.push(required(child(pp, "name")));
      else if (name) for (const msg of isDNS1123Label(name)) errs.push(invalid(child(pp, "name"), name, msg));
      const n = num(port.port) ?? 0;
      for (const msg of isValidPortNum(n)) errs.push(invalid(child(pp, "port"), n, msg));
      errs.push(...validateProtocol(port.protocol, child(pp, "protocol")));
      errs.push(...validateAppProtocol(port.appProtocol, child(pp, "appProtocol")));
    });
  });
  return errs;
}

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];

function validateFQDN(value: string, path: string): FieldError[] {
  if (!value) return [required(path)];
  const name = value.replace(/\.$/, "");
  const msgs = isDNS1123Subdomain(name);
  if (msgs.length) return [invalid(path, name, msgs.join(","))];
  if (name.split(".").length < 2) return [invalid(path, name, "should be a domain with at least two segments separated by dots")];
  for (const label of name.split(".")) {
    const labelMsgs = isDNS1123Label(label);
    if (labelMsgs.length) return [invalid(path, label, labelMsgs.join(","))];
  }
  return [];
}

/** EndpointSlice: a known `addressType`, addresses of that type, valid ports. */
export function validateEndpointSlice(slice: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const addressType = str(slice.addressType);
  if (!addressType) errs.push(required("addressType"));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported("addressType", addressType, ADDRESS_TYPES));
  const endpoints = objs(slice.endpoints);
  if (endpoints.length > 1000) errs.push(tooMany("endpoints", endpoints.length, 1000));
  else {
    endpoints.forEach((e, i) => {
      const p = index("endpoints", i);
      const addresses = strs(e.addresses);
      if (addresses.length === 0) errs.push(required(child(p, "addresses"), "must contain at least 1 address"));
      else if (addresses.length > 100) errs.push(tooMany(child(p, "addresses"), addresses.length, 100));
      addresses.forEach((a, j) => {
        const ap = index(child(p, "addresses"), j);
        if (addressType === "IPv4") errs.push(...validateIPv4(a, ap), ...validateNonSpecialIP(a, ap));
        else if (addressType === "IPv6") errs.push(...validateIPv6(a, ap), ...validateNonSpecialIP(a, ap));
        else if (addressType === "FQDN") errs.push(...validateFQDN(a, ap));
      });
      if (typeof e.nodeName === "string") {
        for (const msg of isDNS1123Subdomain(e.nodeName)) errs.push(invalid(child(p, "nodeName"), e.nodeName, msg));
      }
      errs.push(...validateLabels(obj(e.deprecatedTopology), child(p, "deprecatedTopology")));
      if (typeof e.hostname === "string") {
        for (const msg of isDNS1123Label(e.hostname)) errs.push(invalid(child(p, "hostname"), e.hostname, msg));
      }
    });
  }
  const names = new Set<string>();
  objs(slice.ports).forEach((port, i) => {
    const p = index("ports", i);
    const name = str(port.name);
    if (name) for (const msg of isDNS1123Label(name)) errs.push(invalid(child(p, "name"), name, msg));
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else names.add(name);
    errs.push(...validateProtocol(port.protocol, child(p, "protocol")));
    errs.push(...validateAppProtocol(port.appProtocol, child(p, "appProtocol")));
  });
  return errs;
}

/** EndpointSlice update: `addressType` is immutable. */
export function validateEndpointSliceUpdate(slice: KubeObject, old: KubeObject): FieldError[] {
  return [...validateEndpointSlice(slice), ...validateImmutableField(str(slice.addressType), str(old.addressType), "addressType")];
}
