/**
 * Service validation, after upstream's `ValidateService` and
 * `ValidateServiceUpdate`: ports (required unless headless or
 * ExternalName), type, selector, session affinity, traffic policies, and
 * node ports inside the node port range. IP family and cluster IP
 * allocation rules are left to the allocator.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, goLiteral, goQuote, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, validateLabels } from "./core.js";
import { PORT_PROTOCOLS } from "./container.js";
import { validateIP, isValidCIDR } from "./ip.js";
import { type Json, num, obj, objs, str, strs } from "./json.js";
import { validatePortNumOrName } from "./probes.js";

const { child, index, invalid, required, forbidden, duplicate, notSupported } = field;

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const AFFINITIES = ["ClientIP", "None"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];

/** The node port range kube-apiserver allocates from by default. */
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 };

const typeOf = (spec: Json) => (spec.type === undefined || spec.type === null ? "ClusterIP" : str(spec.type));
const isHeadless = (spec: Json) => str(spec.clusterIP) === "None";

// %#v of the (protocol, port) key upstream uses to find duplicate ports.
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateServicePort(sp: Json, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(required(child(path, "name")));
  else if (name) {
    for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, "name"), name, msg));
    if (names.has(name)) errs.push(duplicate(child(path, "name"), name));
    else names.add(name);
  }
  const port = num(sp.port) ?? 0;
  for (const msg of isValidPortNum(port)) errs.push(invalid(child(path, "port"), port, msg));
  if (sp.protocol !== undefined && sp.protocol !== null) {
    const protocol = str(sp.protocol);
    if (!protocol) errs.push(required(child(path, "protocol")));
    else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, "protocol"), protocol, PORT_PROTOCOLS));
  }
  // targetPort defaults to port.
  errs.push(...validatePortNumOrName(sp.targetPort ?? port, child(path, "targetPort")));
  if (typeof sp.appProtocol === "string") {
    for (const msg of isQualifiedName(sp.appProtocol)) errs.push(invalid(child(path, "appProtocol"), sp.appProtocol, msg));
  }
  return errs;
}

/** Options of {@link validateService}. */
export interface ServiceOptions {
  /** The node port range (`--service-node-port-range`); default 30000–32767. */
  nodePortRange?: { min: number; max: number };
}

/** Validates a Service's spec. */
export function validateService(svc: KubeObject, options: ServiceOptions = {}): FieldError[] {
  const spec = obj(svc.spec) ?? {};
  const type = typeOf(spec);
  const errs: FieldError[] = [];
  const ports = objs(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") errs.push(required("spec.ports"));
  if ((type === "LoadBalancer" || type === "NodePort") && isHeadless(spec)) {
    errs.push(invalid("spec.clusterIPs[0]", "None", `may not be set to 'None' for ${type} services`));
  }
  if (type === "ExternalName") {
    if (str(spec.clusterIP) || strs(spec.clusterIPs).length > 0) errs.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    if (strs(spec.ipFamilies).length > 0) errs.push(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    if (spec.ipFamilyPolicy != null) errs.push(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    // A CNAME may end in a dot, marking it fully qualified.
    const cname = str(spec.externalName).replace(/\.$/, "");
    if (cname) for (const msg of isDNS1123Subdomain(cname)) errs.push(invalid("spec.externalName", cname, msg));
    else errs.push(required("spec.externalName"));
  } else if (str(spec.clusterIP) && !isHeadless(spec)) {
    errs.push(...validateIP(str(spec.clusterIP), "spec.clusterIPs[0]"));
  }

  const names = new Set<string>();
  ports.forEach((p, i) => {
    errs.push(...validateServicePort(p, ports.length > 1, names, index("spec.ports", i)));
  });
  if (spec.selector != null) errs.push(...validateLabels(obj(spec.selector), "spec.selector"));

  const affinity = spec.sessionAffinity === undefined || spec.sessionAffinity === null ? "None" : str(spec.sessionAffinity);
  if (!affinity) errs.push(required("spec.sessionAffinity"));
  else if (!AFFINITIES.includes(affinity)) errs.push(notSupported("spec.sessionAffinity", affinity, AFFINITIES));
  const affinityConfig = obj(spec.sessionAffinityConfig);
  if (affinity === "ClientIP" && affinityConfig) {
    const timeout = num(obj(affinityConfig.clientIP)?.timeoutSeconds);
    if (timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
      errs.push(invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
    }
  } else if (affinity === "None" && affinityConfig) {
    errs.push(forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  }
  strs(spec.externalIPs).forEach((ip, i) => {
    errs.push(...validateIP(ip, index("spec.externalIPs", i)));
  });

  if (!type) errs.push(required("spec.type"));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported("spec.type", type, SERVICE_TYPES));

  const range = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const path = index("spec.ports", i);
    const nodePort = num(p.nodePort) ?? 0;
    const protocol = str(p.protocol) || "TCP";
    if (nodePort !== 0) {
      if (type === "ClusterIP") errs.push(forbidden(child(path, "nodePort"), "may not be used when `type` is 'ClusterIP'"));
      else if (nodePort < range.min || nodePort > range.max) {
        errs.push(
          invalid(child(path, "nodePort"), nodePort, `provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`),
        );
      }
      const k = `${protocol}/${nodePort}`;
      if (nodePorts.has(k)) errs.push(duplicate(child(path, "nodePort"), nodePort));
      nodePorts.add(k);
    }
    const port = num(p.port) ?? 0;
    const k = `${protocol}/${port}`;
    if (portKeys.has(k)) errs.push(duplicate(path, goLiteral(goServicePortKey(protocol, port))));
    portKeys.add(k);
  });

  const sourceRanges = strs(spec.loadBalancerSourceRanges);
  if (sourceRanges.length > 0) {
    // Upstream spells this path with a capital L.
    if (type !== "LoadBalancer") errs.push(forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
    sourceRanges.forEach((r, i) => {
      const v = r.trim();
      if (!isValidCIDR(v)) errs.push(invalid(index("spec.LoadBalancerSourceRanges", i), v, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    });
  }
  if (spec.allocateLoadBalancerNodePorts != null && type !== "LoadBalancer") {
    errs.push(forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
  }
  const externallyAccessible = type === "LoadBalancer" || type === "NodePort" || (type === "ClusterIP" && strs(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (etp != null && str(etp) !== "") {
    if (!externallyAccessible) errs.push(invalid("spec.externalTrafficPolicy", str(etp), "may only be set for externally-accessible services"));
    else if (!TRAFFIC_POLICIES.includes(str(etp))) errs.push(notSupported("spec.externalTrafficPolicy", str(etp), TRAFFIC_POLICIES));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp != null && !TRAFFIC_POLICIES.includes(str(itp))) errs.push(notSupported("spec.internalTrafficPolicy", str(itp), TRAFFIC_POLICIES));
  return errs;
}

/**
 * Validates a Service update: everything {@link validateService} checks,
 * and the cluster IP may not change once set (the store copies it from the
 * old object when the client leaves it out).
 */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject, options: ServiceOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(svc.spec) ?? {};
  const oldSpec = obj(old.spec) ?? {};
  const crossesExternalName = typeOf(spec) === "ExternalName" || typeOf(oldSpec) === "ExternalName";
  const ip = str(spec.clusterIP);
  const oldIP = str(oldSpec.clusterIP);
  if (!crossesExternalName && oldIP && ip && ip !== oldIP) {
    errs.push(invalid("spec.clusterIPs[0]", goLiteral(`[]string{${goQuote(ip)}}`), "may not change once set"));
  }
  errs.push(...validateService(svc, options));
  return errs;
}
