/**
 * ConfigMap and Secret validation, after upstream's `ValidateConfigMap` and
 * `ValidateSecret`: keys usable as file names, at most 1 MiB of data, the
 * keys each Secret type requires, and `immutable: true` freezing the data.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, isConfigMapKey, validateImmutableField } from "./core.js";
import { obj, str } from "./json.js";

const { key, invalid, required, forbidden, tooLong } = field;

/** The most data a ConfigMap or Secret may hold: 1 MiB. */
export const MAX_DATA_SIZE = 1024 * 1024;

/** Decoded size of a base64 value, as the API server would store it. */
function base64Size(value: unknown): number {
  return typeof value === "string" ? Buffer.from(value, "base64").length : 0;
}

const utf8Size = (value: unknown) => (typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0);
const sortedKeys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).sort();

/** Validates a ConfigMap's `data` and `binaryData`. */
export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, msg));
    if (binary && Object.hasOwn(binary, k)) errs.push(invalid(key("data", k), k, "duplicate of key present in binaryData"));
    total += utf8Size(data?.[k]);
  }
  for (const k of sortedKeys(binary)) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key("binaryData", k), k, msg));
    total += base64Size(binary?.[k]);
  }
  // Upstream reports the size at the empty path: ": Too long: ...".
  if (total > MAX_DATA_SIZE) errs.push(tooLong("", "", MAX_DATA_SIZE));
  return errs;
}

function immutableDataErrors(next: KubeObject, prev: KubeObject, fields: string[]): FieldError[] {
  if (prev.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const f of fields) {
    if (JSON.stringify(sortObject(next[f])) !== JSON.stringify(sortObject(prev[f]))) {
      errs.push(forbidden(f, "field is immutable when `immutable` is set"));
    }
  }
  return errs;
}

function sortObject(v: unknown): unknown {
  const o = obj(v);
  if (!o || Object.keys(o).length === 0) return null;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** Validates a ConfigMap update: once `immutable: true`, neither data nor the flag may change. */
export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  return [...immutableDataErrors(cm, old, ["data", "binaryData"]), ...validateConfigMap(cm)];
}

// `stringData` is merged into `data` before upstream validates, so both count.
function secretEntries(secret: KubeObject): { key: string; size: number }[] {
  const out = new Map<string, number>();
  const data = obj(secret.data);
  for (const k of Object.keys(data ?? {})) out.set(k, base64Size(data?.[k]));
  const stringData = obj(secret.stringData);
  for (const k of Object.keys(stringData ?? {})) out.set(k, utf8Size(stringData?.[k]));
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, size]) => ({ key: k, size }));
}

function secretValue(secret: KubeObject, k: string): string | undefined {
  const stringData = obj(secret.stringData);
  if (stringData && typeof stringData[k] === "string") return stringData[k] as string;
  const data = obj(secret.data);
  if (data && typeof data[k] === "string") return Buffer.from(data[k] as string, "base64").toString("utf8");
  return undefined;
}

const secretType = (s: KubeObject) => (s.type === undefined || s.type === null ? "Opaque" : str(s.type));

/** Validates a Secret: keys, size, and the keys its `type` requires. */
export function validateSecret(secret: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const entries = secretEntries(secret);
  let total = 0;
  for (const { key: k, size } of entries) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, msg));
    total += size;
  }
  if (total > MAX_DATA_SIZE) errs.push(tooLong("data", "", MAX_DATA_SIZE));
  const present = new Set(entries.map((e) => e.key));
  const requireKey = (k: string) => {
    if (!present.has(k)) errs.push(required(key("data", k)));
  };
  const requireJSON = (k: string) => {
    const value = secretValue(secret, k);
    if (value === undefined) return requireKey(k);
    try {
      JSON.parse(value);
    } catch (e) {
      errs.push(invalid(key("data", k), "<secret contents redacted>", (e as Error).message));
    }
  };
  switch (secretType(secret)) {
    case "kubernetes.io/service-account-token": {
      const annotations = obj(obj(secret.metadata)?.annotations);
      if (!str(annotations?.["kubernetes.io/service-account.name"])) {
        errs.push(required(key("metadata.annotations", "kubernetes.io/service-account.name")));
      }
      break;
    }
    case "kubernetes.io/dockercfg":
      requireJSON(".dockercfg");
      break;
    case "kubernetes.io/dockerconfigjson":
      requireJSON(".dockerconfigjson");
      break;
    case "kubernetes.io/basic-auth":
      // Either may be empty, but one must be present.
      if (!present.has("username") && !present.has("password")) {
        requireKey("username");
        requireKey("password");
      }
      break;
    case "kubernetes.io/ssh-auth":
      if (!secretValue(secret, "ssh-privatekey")) errs.push(required(key("data", "ssh-privatekey")));
      break;
    case "kubernetes.io/tls":
      requireKey("tls.crt");
      requireKey("tls.key");
      break;
  }
  return errs;
}

/** Validates a Secret update: `type` never changes; once `immutable: true`, data is frozen. */
export function validateSecretUpdate(secret: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateImmutableField(secretType(secret), secretType(old), "type");
  errs.push(...immutableDataErrors(secret, old, ["data"]));
  errs.push(...validateSecret(secret));
  return errs;
}
