/**
 * Container `env` and `envFrom`, after upstream's `ValidateEnv` and
 * `ValidateEnvFrom`. Names follow the relaxed rule (printable ASCII except
 * `=`), the default since Kubernetes 1.32.
 * @module
 */
import { type FieldError, field, isConfigMapKey, isQualifiedName, isRelaxedEnvVarName, nameIsDNSSubdomain } from "./core.js";
import { type Json, obj, objs, str } from "./json.js";

const { child, index, invalid, required, notSupported } = field;

const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
].sort();
const RESOURCE_FIELD_PATHS = [
  "limits.cpu",
  "limits.ephemeral-storage",
  "limits.memory",
  "requests.cpu",
  "requests.ephemeral-storage",
  "requests.memory",
];

function validateKeySelector(sel: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sel.name);
  for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(path, "name"), name, msg));
  const k = str(sel.key);
  if (!k) errs.push(required(child(path, "key")));
  else for (const msg of isConfigMapKey(k)) errs.push(invalid(child(path, "key"), k, msg));
  return errs;
}

// Labels the downward API converts at all (upstream's ConvertDownwardAPIFieldLabel).
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS,
  "metadata.annotations",
  "metadata.labels",
  "spec.restartPolicy",
  "spec.schedulerName",
  "status.phase",
  "spec.host",
]);

function validateFieldRef(ref: Json, path: string): FieldError[] {
  if (ref.apiVersion !== undefined && !str(ref.apiVersion)) return [required(child(path, "apiVersion"))];
  const apiVersion = str(ref.apiVersion) || "v1";
  const fieldPath = str(ref.fieldPath);
  if (!fieldPath) return [required(child(path, "fieldPath"))];
  const fp = child(path, "fieldPath");
  if (apiVersion !== "v1") return [invalid(fp, fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`)];
  // `metadata.labels['key']` and `metadata.annotations['key']` select one entry.
  const sub = /^([^[]+)\['(.*)'\]$/.exec(fieldPath);
  if (sub) {
    const [, base, k] = sub;
    if (base === "metadata.annotations") return isQualifiedName(k.toLowerCase()).map((msg) => invalid(path, k.toLowerCase(), msg));
    if (base === "metadata.labels") return isQualifiedName(k).map((msg) => invalid(path, k, msg));
    if (!CONVERTIBLE_FIELD_PATHS.has(base)) {
      return [invalid(fp, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
    }
    return [invalid(path, base, "does not support subscript")];
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    return [invalid(fp, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  const converted = fieldPath === "spec.host" ? "spec.nodeName" : fieldPath;
  if (!ENV_FIELD_PATHS.includes(converted)) return [notSupported(fp, converted, ENV_FIELD_PATHS)];
  return [];
}

function validateValueFrom(ev: Json, path: string): FieldError[] {
  const from = obj(ev.valueFrom);
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = obj(from.fieldRef);
  if (fieldRef) {
    sources++;
    errs.push(...validateFieldRef(fieldRef, child(path, "fieldRef")));
  }
  const resourceRef = obj(from.resourceFieldRef);
  if (resourceRef) {
    sources++;
    const resource = str(resourceRef.resource);
    const p = child(path, "resourceFieldRef");
    if (!resource) errs.push(required(child(p, "resource")));
    else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
      errs.push(notSupported(child(p, "resource"), resource, RESOURCE_FIELD_PATHS));
    }
  }
  const cmRef = obj(from.configMapKeyRef);
  if (cmRef) {
    sources++;
    errs.push(...validateKeySelector(cmRef, child(path, "configMapKeyRef")));
  }
  const secretRef = obj(from.secretKeyRef);
  if (secretRef) {
    sources++;
    errs.push(...validateKeySelector(secretRef, child(path, "secretKeyRef")));
  }
  if (sources === 0) {
    errs.push(invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  } else if (str(ev.value) !== "") {
    errs.push(invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (sources > 1) {
    errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  }
  return errs;
}

/** `env`: names required and valid, `valueFrom` with exactly one source and no `value`. */
export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(env).forEach((ev, i) => {
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(required(child(p, "name")));
    else for (const msg of isRelaxedEnvVarName(name)) errs.push(invalid(child(p, "name"), name, msg));
    errs.push(...validateValueFrom(ev, child(p, "valueFrom")));
  });
  return errs;
}

/** `envFrom`: a valid prefix and exactly one of configMapRef / secretRef, each with a name. */
export function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(envFrom).forEach((src, i) => {
    const p = index(path, i);
    const prefix = str(src.prefix);
    if (prefix) for (const msg of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(p, "prefix"), prefix, msg));
    let sources = 0;
    for (const kind of ["configMapRef", "secretRef"]) {
      const ref = obj(src[kind]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(required(child(p, kind, "name")));
      else for (const msg of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(p, kind, "name"), name, msg));
    }
    // Upstream reports these two at the list's path, not the entry's.
    if (sources === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}
