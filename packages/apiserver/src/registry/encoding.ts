/**
 * How objects are stored: JSON with `apiVersion`, `kind` and `metadata`
 * first and no `metadata.resourceVersion` (the storage revision is the
 * resourceVersion, as in upstream's etcd3 store). Because the layout is
 * fixed, the resourceVersion can be spliced into stored text without
 * parsing it, which keeps plain lists and watch fan-out cheap.
 * @module
 */
import type { KubeObject } from "./resource.js";

const METADATA_OPEN = '"metadata":{';

/** Serializes an object for storage (resourceVersion omitted). */
export function encodeForStorage(obj: KubeObject): string {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const { resourceVersion: _rv, ...meta } = metadata ?? {};
  return JSON.stringify({ apiVersion, kind, metadata: meta, ...rest });
}

/** Returns the stored JSON with `metadata.resourceVersion` set, without parsing it. */
export function withResourceVersion(stored: string, resourceVersion: number): string {
  const at = stored.indexOf(METADATA_OPEN);
  if (at < 0) return stored; // not written by encodeForStorage; leave untouched
  const insertAt = at + METADATA_OPEN.length;
  const separator = stored[insertAt] === "}" ? "" : ",";
  return `${stored.slice(0, insertAt)}"resourceVersion":"${resourceVersion}"${separator}${stored.slice(insertAt)}`;
}

/** Parses a stored value and sets its resourceVersion. */
export function decodeStored(stored: string, resourceVersion: number): KubeObject {
  const obj = JSON.parse(stored) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(resourceVersion);
  return obj;
}
