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

/**
 * Serializes an object for storage (resourceVersion omitted). managedFields,
 * often the largest part of metadata, go last, so readers that do not need
 * them can cut them out of the text before parsing ({@link decodeStoredForDisplay}).
 */
export function encodeForStorage(obj: KubeObject): string {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const { resourceVersion: _rv, managedFields, ...meta } = metadata ?? {};
  return JSON.stringify({ apiVersion, kind, metadata: managedFields === undefined ? meta : { ...meta, managedFields }, ...rest });
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
export function storedMetadataJson(stored: string, options: { withoutManagedFields?: boolean } = {}): string | undefined {
  const range = metadataRange(stored);
  if (!range) return undefined;
  const cut = options.withoutManagedFields ? stored.lastIndexOf(MANAGED_FIELDS, range.end) : -1;
  // managedFields are stored last in metadata, so they end where metadata ends.
  return cut > range.start ? `${stored.slice(range.start, cut)}}` : stored.slice(range.start, range.end + 1);
}

/** Where the stored object's metadata object starts (`{`) and ends (`}`). */
function metadataRange(stored: string): { start: number; end: number } | undefined {
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
    else if (c === 125 /* } */ && --depth === 0) return { start, end: i };
  }
  return undefined;
}

const MANAGED_FIELDS = ',"managedFields":[';

/**
 * Parses a stored object without its managedFields, for readers that only
 * display it (Tables): cutting them from the text is cheaper than parsing
 * them, and they are most of a small object's metadata.
 */
export function decodeStoredForDisplay(stored: string, resourceVersion: number): KubeObject {
  const range = metadataRange(stored);
  const cut = range ? stored.lastIndexOf(MANAGED_FIELDS, range.end) : -1;
  if (!range || cut < range.start) return decodeStored(stored, resourceVersion);
  return decodeStored(stored.slice(0, cut) + stored.slice(range.end), resourceVersion);
}

/** Parses a stored value and sets its resourceVersion. */
export function decodeStored(stored: string, resourceVersion: number): KubeObject {
  const obj = JSON.parse(stored) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(resourceVersion);
  return obj;
}
