/**
 * Probes and lifecycle hooks of containers, after upstream's
 * `validateProbe` and `validateHandler`: exactly one handler, valid ports,
 * non-negative timings.
 * @module
 */
import { type FieldError, field, IS_NEGATIVE_ERROR, isHTTPHeaderName, isValidPortName, isValidPortNum } from "./core.js";
import { type Json, num, obj, objs, str } from "./json.js";

const { child, invalid, required, forbidden, notSupported } = field;

/** An int-or-string port: a number 1–65535 or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === "string") {
    // JSON clients sometimes send numbers as strings; upstream's IntOrString keeps them strings.
    return isValidPortName(port).map((msg) => invalid(path, port, msg));
  }
  return isValidPortNum(0).map((msg) => invalid(path, 0, msg));
}

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"] as const;

function validateHandler(handler: Json, allowed: readonly string[], path: string, gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLERS) {
    const h = obj(handler[kind]);
    if (!h || !allowed.includes(kind)) continue;
    const p = child(path, kind);
    if (count > 0) {
      errs.push(forbidden(p, "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    switch (kind) {
      case "exec":
        if (!Array.isArray(h.command) || h.command.length === 0) errs.push(required(child(p, "command")));
        break;
      case "httpGet": {
        // `path` defaults to "/" and `scheme` to HTTP in v1.
        errs.push(...validatePortNumOrName(h.port, child(p, "port")));
        const scheme = h.scheme === undefined ? "HTTP" : str(h.scheme);
        if (scheme !== "HTTP" && scheme !== "HTTPS") errs.push(notSupported(child(p, "scheme"), scheme, ["HTTP", "HTTPS"]));
        for (const header of objs(h.httpHeaders)) {
          for (const msg of isHTTPHeaderName(str(header.name))) errs.push(invalid(child(p, "httpHeaders"), str(header.name), msg));
        }
        break;
      }
      case "tcpSocket":
        errs.push(...validatePortNumOrName(h.port, child(p, "port")));
        break;
      case "grpc":
        errs.push(...validatePortNumOrName(num(h.port) ?? 0, child(p, "port")));
        break;
      case "sleep": {
        const seconds = num(h.seconds) ?? 0;
        if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
          errs.push(invalid(p, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

/** Which probe, for its extra rules. */
export type ProbeKind = "liveness" | "readiness" | "startup";

/** A probe: one handler (exec, httpGet, tcpSocket or grpc) and non-negative timings. */
export function validateProbe(probe: unknown, kind: ProbeKind, path: string, gracePeriod: number | undefined): FieldError[] {
  const p = obj(probe);
  if (!p) return [];
  const errs = validateHandler(p, ["exec", "httpGet", "tcpSocket", "grpc"], path, gracePeriod);
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    const v = num(p[f]);
    if (v !== undefined && v < 0) errs.push(invalid(child(path, f), v, IS_NEGATIVE_ERROR));
  }
  const tgps = num(p.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(path, "terminationGracePeriodSeconds"), tgps, "must be greater than 0"));
  const success = num(p.successThreshold);
  if (kind !== "readiness" && success !== undefined && success !== 1) {
    errs.push(invalid(child(path, "successThreshold"), success, "must be 1"));
  }
  if (kind === "readiness" && p.terminationGracePeriodSeconds != null) {
    errs.push(invalid(child(path, "terminationGracePeriodSeconds"), tgps ?? null, "must not be set for readinessProbes"));
  }
  return errs;
}

/** `lifecycle.postStart` / `preStop`: one handler each (exec, httpGet, tcpSocket or sleep). */
export function validateLifecycle(lifecycle: unknown, path: string, gracePeriod: number | undefined): FieldError[] {
  const l = obj(lifecycle);
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const hook of ["postStart", "preStop"]) {
    const h = obj(l[hook]);
    if (h) errs.push(...validateHandler(h, ["exec", "httpGet", "tcpSocket", "sleep"], child(path, hook), gracePeriod));
  }
  return errs;
}
