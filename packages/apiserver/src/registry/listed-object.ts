/**
 * Items of a list page: each object's JSON (with its resourceVersion) and
 * its parsed forms, computed on access rather than up front.
 * @module
 */
import type { KeyValue } from "@kube-ts/storage";
import { decodeStored, decodeStoredForDisplay, withResourceVersion } from "./encoding.js";
import type { KubeObject } from "./resource.js";

/** One listed object: its JSON (with resourceVersion) and its parsed form, each computed on access. */
export interface ListedObject {
  readonly json: string;
  readonly object: KubeObject;
  /** The object without managedFields, for display (Tables). */
  readonly displayObject: KubeObject;
}

/**
 * A listed object. Neither form is kept: a list of 10,000 pods rendered as a
 * Table must not hold 10,000 parsed pods at once, and a JSON list never
 * parses at all. Only an object a filter already parsed is kept.
 */
export function listedObject(kv: KeyValue, parsed?: KubeObject): ListedObject {
  return {
    get json() {
      // A parsed object may differ from storage (a converted view): serialize it then.
      return parsed ? JSON.stringify(parsed) : withResourceVersion(kv.value, kv.modRevision);
    },
    get object() {
      return parsed ?? decodeStored(kv.value, kv.modRevision);
    },
    get displayObject() {
      return parsed ?? decodeStoredForDisplay(kv.value, kv.modRevision);
    },
  };
}

