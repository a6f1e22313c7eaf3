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

/**
 * The stored object's `metadata` as JSON text, found by scanning rather than
 * parsing the whole object (used where only metadata is needed, such as the
 * garbage collector's ownership index). Undefined if the layout is not ours.
 */
export function storedMetadataJson(stored: string): string | undefined {
  const at = stored.indexOf(METADATA_OPEN);
  if (at < 0) return undefined;
  const start = at + METADATA_OPEN.length - 1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < stored.length; i++) {
    const c = stored.charCodeAt(i);
    if (inString) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return stored.slice(start, i + 1);
  }
  return undefined;
}

/** Parses a stored value and sets its resourceVersion. */
export function decodeStored(stored: string, resourceVersion: number): KubeObject {
  const obj = JSON.parse(stored) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(resourceVersion);
  return obj;
}
