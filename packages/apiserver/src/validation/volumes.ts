/**
 * Pod `volumes`, after upstream's `ValidateVolumes`: unique DNS-label
 * names, exactly one volume source, and the required fields of the sources
 * people actually use (configMap, secret, persistentVolumeClaim, emptyDir,
 * hostPath, nfs, projected, downwardAPI, csi). Other sources are accepted
 * as given.
 * @module
 */
import { type FieldError, field, isDNS1123Label } from "./core.js";
import { type Json, num, obj, objs, str } from "./json.js";

const { child, index, invalid, required, forbidden, duplicate, notSupported } = field;

// JSON key, and the path upstream reports "more than 1 volume type" at (typos included).
const SOURCES: readonly (readonly [string, string])[] = [
  ["emptyDir", "emptyDir"],
  ["hostPath", "hostPath"],
  ["gitRepo", "gitRepo"],
  ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"],
  ["secret", "secret"],
  ["nfs", "nfs"],
  ["iscsi", "iscsi"],
  ["glusterfs", "glusterfs"],
  ["flocker", "flocker"],
  ["persistentVolumeClaim", "persistentVolumeClaim"],
  ["rbd", "rbd"],
  ["cinder", "cinder"],
  ["cephfs", "cephFS"],
  ["quobyte", "quobyte"],
  ["downwardAPI", "downwarAPI"],
  ["fc", "fc"],
  ["flexVolume", "flexVolume"],
  ["configMap", "configMap"],
  ["azureFile", "azureFile"],
  ["vsphereVolume", "vsphereVolume"],
  ["photonPersistentDisk", "photonPersistentDisk"],
  ["portworxVolume", "portworxVolume"],
  ["azureDisk", "azureDisk"],
  ["storageos", "storageos"],
  ["projected", "projected"],
  ["scaleIO", "scaleIO"],
  ["csi", "csi"],
  ["ephemeral", "ephemeral"],
  ["image", "image"],
];

const FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

/** `..` as a path segment. */
export function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return p.split(/[\\/]/).includes("..") ? [invalid(path, p, "must not contain '..'")] : [];
}

/** A relative path that stays inside the volume (projected file names, subPath). */
export function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith("/")) errs.push(invalid(path, p, "must be a relative path"));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

function validateMode(mode: unknown, path: string): FieldError[] {
  const m = num(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [invalid(path, m, FILE_MODE_ERROR)] : [];
}

function validateKeyToPaths(items: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(items).forEach((kp, i) => {
    const p = index(path, i);
    if (!str(kp.key)) errs.push(required(child(p, "key")));
    const target = str(kp.path);
    if (!target) errs.push(required(child(p, "path")));
    errs.push(...validateLocalDescendingPath(target, child(p, "path")));
    if (target.startsWith("..") && !target.startsWith("../")) errs.push(invalid(child(p, "path"), target, "must not start with '..'"));
    errs.push(...validateMode(kp.mode, child(p, "mode")));
  });
  return errs;
}

function validateSource(kind: string, src: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case "emptyDir":
      if (typeof src.sizeLimit === "string" && src.sizeLimit.startsWith("-")) {
        errs.push(forbidden(child(path, "sizeLimit"), "SizeLimit field must be a valid resource quantity"));
      }
      break;
    case "hostPath": {
      const p = str(src.path);
      if (!p) return [required(child(path, "path"))];
      errs.push(...validatePathNoBacksteps(p, child(path, "path")));
      if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(str(src.type))) {
        errs.push(notSupported(child(path, "type"), src.type, HOST_PATH_TYPES));
      }
      break;
    }
    case "secret":
      if (!str(src.secretName)) errs.push(required(child(path, "secretName")));
      errs.push(...validateMode(src.defaultMode, child(path, "defaultMode")));
      errs.push(...validateKeyToPaths(src.items, child(path, "items")));
      break;
    case "configMap":
      if (!str(src.name)) errs.push(required(child(path, "name")));
      errs.push(...validateMode(src.defaultMode, child(path, "defaultMode")));
      errs.push(...validateKeyToPaths(src.items, child(path, "items")));
      break;
    case "persistentVolumeClaim":
      if (!str(src.claimName)) errs.push(required(child(path, "claimName")));
      break;
    case "nfs": {
      if (!str(src.server)) errs.push(required(child(path, "server")));
      const p = str(src.path);
      if (!p) errs.push(required(child(path, "path")));
      if (!p.startsWith("/")) errs.push(invalid(child(path, "path"), p, "must be an absolute path"));
      break;
    }
    case "downwardAPI":
      errs.push(...validateMode(src.defaultMode, child(path, "defaultMode")));
      for (const item of objs(src.items)) {
        const p = str(item.path);
        if (!p) errs.push(required(child(path, "path")));
        errs.push(...validateLocalDescendingPath(p, child(path, "path")));
        if (!obj(item.fieldRef) && !obj(item.resourceFieldRef)) {
          errs.push(required(path, "one of fieldRef and resourceFieldRef is required"));
        }
      }
      break;
    case "projected":
      errs.push(...validateMode(src.defaultMode, child(path, "defaultMode")));
      objs(src.sources).forEach((s, i) => {
        const p = index(child(path, "sources"), i);
        for (const ref of ["secret", "configMap"]) {
          const r = obj(s[ref]);
          if (!r) continue;
          if (!str(r.name)) errs.push(required(child(p, ref, "name")));
          errs.push(...validateKeyToPaths(r.items, child(p, ref, "items")));
        }
      });
      break;
    case "csi":
      if (!str(src.driver)) errs.push(required(child(path, "driver")));
      break;
  }
  return errs;
}

/** The volumes that validated, by name, with the kind of source each uses. */
export type VolumeSources = Map<string, string>;

/**
 * Validates `volumes`. Returns the errors and the valid volumes; as
 * upstream, a volume with any error is left out, so mounts of it are also
 * reported as not found.
 */
export function validateVolumes(volumes: unknown, path: string): { volumes: VolumeSources; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const valid: VolumeSources = new Map();
  objs(volumes).forEach((vol, i) => {
    const p = index(path, i);
    const el: FieldError[] = [];
    let sourceKind = "";
    let count = 0;
    for (const [kind, reported] of SOURCES) {
      const src = obj(vol[kind]);
      if (!src) continue;
      if (count > 0) {
        el.push(forbidden(child(p, reported), "may not specify more than 1 volume type"));
        continue;
      }
      count++;
      sourceKind = kind;
      el.push(...validateSource(kind, src, child(p, kind)));
    }
    if (count === 0) el.push(required(p, "must specify a volume type"));
    const name = str(vol.name);
    if (!name) el.push(required(child(p, "name")));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(child(p, "name"), name, msg));
    if (valid.has(name)) el.push(duplicate(child(p, "name"), name));
    if (el.length === 0) valid.set(name, sourceKind);
    else errors.push(...el);
  });
  return { volumes: valid, errors };
}
