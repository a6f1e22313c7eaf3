/**
 * networking.k8s.io/v1 Ingress validation, after upstream's
 * `ValidateIngressCreate`: rules or a default backend, DNS hosts (wildcards
 * allowed), absolute paths with a path type, and backends naming a service
 * port or a resource.
 * @module
 */
import { isIP } from "node:net";
import type { KubeObject } from "../registry/resource.js";
import {
  type FieldError,
  field,
  goLiteral,
  isDNS1035Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
} from "./core.js";
import { type Json, num, obj, objs, str, strs } from "./json.js";

const { child, index, invalid, required, notSupported } = field;

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];
const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

function validateHost(host: string, path: string): FieldError[] {
  if (host.includes("*")) return isWildcardDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  return isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
}

function validateResourceRef(ref: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof ref.apiGroup === "string") {
    for (const msg of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(child(path, "apiGroup"), ref.apiGroup, msg));
  }
  for (const f of ["kind", "name"]) {
    const v = str(ref[f]);
    if (!v) errs.push(required(child(path, f), `${f} is required`));
    else for (const msg of isValidPathSegmentName(v)) errs.push(invalid(child(path, f), v, msg));
  }
  return errs;
}

/** A backend: a service (name and port name or number) or a resource, not both. */
export function validateIngressBackend(backendValue: unknown, path: string): FieldError[] {
  const backend = obj(backendValue) ?? {};
  const resource = obj(backend.resource);
  const service = obj(backend.service);
  if (resource && service) return [invalid(path, "", "cannot set both resource and service backends")];
  if (resource) return validateResourceRef(resource, child(path, "resource"));
  if (!service) return [invalid(path, "", "resource or service backend is required")];
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (!name) errs.push(required(child(path, "service", "name")));
  else for (const msg of isDNS1035Label(name)) errs.push(invalid(child(path, "service", "name"), name, msg));
  const port = obj(service.port) ?? {};
  const portName = str(port.name);
  const portNumber = num(port.number) ?? 0;
  if (portName && portNumber) errs.push(invalid(path, "", "cannot set both port name & port number"));
  else if (portName) {
    for (const msg of isValidPortName(portName)) errs.push(invalid(child(path, "service", "port", "name"), portName, msg));
  } else if (portNumber) {
    for (const msg of isValidPortNum(portNumber)) errs.push(invalid(child(path, "service", "port", "number"), portNumber, msg));
  } else errs.push(required(path, "port name or number is required"));
  return errs;
}

function validateHTTPPath(p: Json, path: string): FieldError[] {
  if (p.pathType == null) return [required(child(path, "pathType"), "pathType must be specified")];
  const type = str(p.pathType);
  const value = str(p.path);
  const errs: FieldError[] = [];
  if (type === "Exact" || type === "Prefix") {
    if (!value.startsWith("/")) errs.push(invalid(child(path, "path"), value, "must be an absolute path"));
    if (value) {
      for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(invalid(child(path, "path"), value, `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES) if (value.endsWith(suf)) errs.push(invalid(child(path, "path"), value, `cannot end with '${suf}'`));
    }
  } else if (type === "ImplementationSpecific") {
    if (value && !value.startsWith("/")) errs.push(invalid(child(path, "path"), value, "must be an absolute path"));
  } else errs.push(notSupported(child(path, "pathType"), type, PATH_TYPES));
  errs.push(...validateIngressBackend(p.backend, child(path, "backend")));
  return errs;
}

function validateRules(rules: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const p = index(path, i);
    const host = str(rule.host);
    if (host) {
      if (isIP(host)) errs.push(invalid(child(p, "host"), host, "must be a DNS name, not an IP address"));
      errs.push(...validateHost(host, child(p, "host")));
    }
    const http = obj(rule.http);
    if (http) {
      const paths = objs(http.paths);
      if (paths.length === 0) errs.push(required(child(p, "http", "paths")));
      paths.forEach((hp, j) => {
        errs.push(...validateHTTPPath(hp, index(child(p, "http", "paths"), j)));
      });
    }
  });
  return errs;
}

/** Options of {@link validateIngress}. */
export interface IngressOptions {
  /** Tolerate TLS secret names that are not DNS subdomains (objects stored before the check). */
  allowInvalidSecretName?: boolean;
}

/** Validates an Ingress's spec. */
export function validateIngress(ing: KubeObject, options: IngressOptions = {}): FieldError[] {
  const spec = obj(ing.spec) ?? {};
  const errs: FieldError[] = [];
  const rules = objs(spec.rules);
  if (rules.length === 0 && spec.defaultBackend == null) {
    errs.push(invalid("spec", goLiteral("[]networking.IngressRule(nil)"), "either `defaultBackend` or `rules` must be specified"));
  }
  if (spec.defaultBackend != null) errs.push(...validateIngressBackend(spec.defaultBackend, "spec.defaultBackend"));
  errs.push(...validateRules(rules, "spec.rules"));
  objs(spec.tls).forEach((tls, i) => {
    const p = index("spec.tls", i);
    strs(tls.hosts).forEach((host, j) => {
      errs.push(...validateHost(host, index(child(p, "hosts"), j)));
    });
    const secretName = str(tls.secretName);
    if (secretName && !options.allowInvalidSecretName) {
      for (const msg of nameIsDNSSubdomain(secretName, false)) errs.push(invalid(child(p, "secretName"), secretName, msg));
    }
  });
  if (typeof spec.ingressClassName === "string") {
    for (const msg of nameIsDNSSubdomain(spec.ingressClassName, false)) {
      errs.push(invalid("spec.ingressClassName", spec.ingressClassName, msg));
    }
  }
  return errs;
}

/** Validates a new Ingress: the spec, and a class annotation agreeing with `ingressClassName`. */
export function validateIngressCreate(ing: KubeObject): FieldError[] {
  const errs = validateIngress(ing);
  const annotations = obj(obj(ing.metadata)?.annotations);
  const annotation = annotations?.[INGRESS_CLASS_ANNOTATION];
  const className = obj(ing.spec)?.ingressClassName;
  if (typeof annotation === "string" && className != null && annotation !== className) {
    errs.push(invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, annotation, "must match `ingressClassName` when both are specified"));
  }
  return errs;
}

/** Validates an Ingress update; invalid TLS secret names already stored stay allowed. */
export function validateIngressUpdate(ing: KubeObject, old: KubeObject): FieldError[] {
  const allowInvalidSecretName = objs(obj(old.spec)?.tls).some((t) => {
    const name = str(t.secretName);
    return name !== "" && nameIsDNSSubdomain(name, false).length > 0;
  });
  return validateIngress(ing, { allowInvalidSecretName });
}
