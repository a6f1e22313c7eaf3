/**
 * Containers of a pod spec, after upstream's `validateContainers`,
 * `validateInitContainers` and `validateContainerCommon`: DNS-label names
 * unique across the pod, an image, ports, env, volume mounts that name
 * existing volumes, probes, resources and security context.
 *
 * Fields that v1 defaulting fills in (port protocol, pull policy,
 * termination message policy) are only checked when present, so objects
 * validate the same whether or not defaults were applied first.
 * @module
 */
import { type FieldError, field, isDNS1123Label, isValidPortName, isValidPortNum, isValidUserOrGroupID } from "./core.js";
import { validateEnv, validateEnvFrom } from "./env.js";
import { type Json, num, obj, objs, str } from "./json.js";
import { validateLifecycle, validateProbe } from "./probes.js";
import { validateResourceRequirements } from "./resources.js";
import { validateLocalDescendingPath, type VolumeSources } from "./volumes.js";

const { child, index, invalid, required, forbidden, duplicate, notSupported, notFound } = field;

/** Supported port protocols, sorted as upstream lists them. */
export const PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objs(ports).forEach((port, i) => {
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const msg of msgs) errs.push(invalid(child(p, "name"), name, msg));
      else if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort) ?? 0;
    if (containerPort === 0) errs.push(required(child(p, "containerPort")));
    else for (const msg of isValidPortNum(containerPort)) errs.push(invalid(child(p, "containerPort"), containerPort, msg));
    const hostPort = num(port.hostPort) ?? 0;
    if (hostPort !== 0) for (const msg of isValidPortNum(hostPort)) errs.push(invalid(child(p, "hostPort"), hostPort, msg));
    if (port.protocol !== undefined && port.protocol !== null) {
      const protocol = str(port.protocol);
      if (!protocol) errs.push(required(child(p, "protocol")));
      else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, "protocol"), protocol, PORT_PROTOCOLS));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: VolumeSources, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  objs(mounts).forEach((m, i) => {
    const p = index(path, i);
    const name = str(m.name);
    if (!name) errs.push(required(child(p, "name")));
    if (!volumes.has(name)) errs.push(notFound(child(p, "name"), name));
    const mountPath = str(m.mountPath);
    if (!mountPath) errs.push(required(child(p, "mountPath")));
    if (mountPaths.has(mountPath)) errs.push(invalid(child(p, "mountPath"), mountPath, "must be unique"));
    mountPaths.add(mountPath);
    const subPath = str(m.subPath);
    const subPathExpr = str(m.subPathExpr);
    // Upstream reports these at the list's path (`volumeMounts.subPath`), not the entry's.
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(path, "subPath")));
    if (subPathExpr) {
      if (subPath) errs.push(invalid(child(p, "subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive"));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, "subPathExpr")));
    }
  });
  return errs;
}

function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  const s = obj(sc);
  if (!s) return [];
  const errs: FieldError[] = [];
  for (const f of ["runAsUser", "runAsGroup"]) {
    const v = num(s[f]);
    if (v !== undefined) for (const msg of isValidUserOrGroupID(v)) errs.push(invalid(child(path, f), v, msg));
  }
  if (s.allowPrivilegeEscalation === false && s.privileged === true) {
    errs.push(invalid(path, s, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
  }
  return errs;
}

const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];

/** Context every container of a pod is validated in. */
export interface ContainerContext {
  volumes: VolumeSources;
  gracePeriod: number | undefined;
}

/** Checks shared by regular, init and ephemeral containers. */
export function validateContainerCommon(c: Json, path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, "name")));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, "name"), name, msg));
  if (!str(c.image)) errs.push(required(child(path, "image")));
  if (c.terminationMessagePolicy !== undefined && c.terminationMessagePolicy !== null) {
    const policy = str(c.terminationMessagePolicy);
    if (!policy) errs.push(required(child(path, "terminationMessagePolicy")));
    else if (!TERMINATION_MESSAGE_POLICIES.includes(policy)) {
      errs.push(notSupported(child(path, "terminationMessagePolicy"), policy, TERMINATION_MESSAGE_POLICIES));
    }
  }
  errs.push(...validatePorts(c.ports, child(path, "ports")));
  errs.push(...validateEnv(c.env, child(path, "env")));
  errs.push(...validateEnvFrom(c.envFrom, child(path, "envFrom")));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx.volumes, child(path, "volumeMounts")));
  if (c.imagePullPolicy !== undefined && c.imagePullPolicy !== null) {
    const policy = str(c.imagePullPolicy);
    if (!policy) errs.push(required(child(path, "imagePullPolicy")));
    else if (!PULL_POLICIES.includes(policy)) errs.push(notSupported(child(path, "imagePullPolicy"), policy, PULL_POLICIES));
  }
  errs.push(...validateResourceRequirements(c.resources, child(path, "resources")));
  errs.push(...validateSecurityContext(c.securityContext, child(path, "securityContext")));
  return errs;
}

// hostPort conflicts: the same protocol/hostIP/port may be bound only once.
function checkHostPortConflicts(containers: Json[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    objs(c.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort) ?? 0;
      if (hostPort === 0) return;
      const k = `${str(port.protocol) || "TCP"}/${str(port.hostIP)}/${hostPort}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), "ports"), pi), "hostPort"), k));
      else seen.add(k);
    });
  });
  return errs;
}

/** `containers`: at least one; names unique; probes and lifecycle valid; no `restartPolicy`. */
export function validateContainers(containers: unknown, path: string, ctx: ContainerContext): FieldError[] {
  const list = objs(containers);
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, p, ctx));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, child(p, "lifecycle"), ctx.gracePeriod));
    errs.push(...validateProbe(c.livenessProbe, "liveness", child(p, "livenessProbe"), ctx.gracePeriod));
    errs.push(...validateProbe(c.readinessProbe, "readiness", child(p, "readinessProbe"), ctx.gracePeriod));
    errs.push(...validateProbe(c.startupProbe, "startup", child(p, "startupProbe"), ctx.gracePeriod));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(child(p, "restartPolicy"), "may not be set for non-init containers"));
    }
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

/**
 * `initContainers`: names unique among init and regular containers;
 * `restartPolicy` only `Always` (sidecars); probes and lifecycle only on
 * sidecars.
 */
export function validateInitContainers(initContainers: unknown, regular: unknown, path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(objs(regular).map((c) => str(c.name)));
  objs(initContainers).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, p, ctx));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      const policy = str(c.restartPolicy);
      if (policy !== "Always") errs.push(notSupported(child(p, "restartPolicy"), policy, ["Always"]));
      sidecar = policy === "Always";
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else if (name) names.add(name);
    // Init containers run one at a time, so host ports only conflict within one.
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, child(p, "lifecycle"), ctx.gracePeriod));
      errs.push(...validateProbe(c.livenessProbe, "liveness", child(p, "livenessProbe"), ctx.gracePeriod));
      errs.push(...validateProbe(c.readinessProbe, "readiness", child(p, "readinessProbe"), ctx.gracePeriod));
      errs.push(...validateProbe(c.startupProbe, "startup", child(p, "startupProbe"), ctx.gracePeriod));
    } else {
      for (const f of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
        if (c[f] !== undefined && c[f] !== null) {
          errs.push(forbidden(child(p, f), "may not be set for init containers without restartPolicy=Always"));
        }
      }
    }
  });
  return errs;
}

/** Pod-only (not template) container check: no whitespace around the image. */
export function validateContainersOnlyForPod(containers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(containers).forEach((c, i) => {
    const image = str(c.image);
    if (image !== image.trim()) errs.push(invalid(child(index(path, i), "image"), image, "must not have leading or trailing whitespace"));
  });
  return errs;
}
