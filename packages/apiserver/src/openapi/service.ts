/**
 * Serving `/openapi/v3`: keeps the served group-versions, builds each
 * document on first request, caches its JSON and hash until the group-version
 * changes, and answers requests the way kube-openapi's v3 handler does.
 *
 * - `GET /openapi/v3` → the index; never cached by clients.
 * - `GET /openapi/v3/<key>?hash=H` with the current hash → the document with
 *   `Cache-Control: public, immutable` and a one-year `Expires`; with a stale
 *   hash → `301` to the current URL, so a client holding an old index still
 *   converges.
 * - `If-None-Match` with the current ETag → `304`.
 * @module
 */

import type { ResourceDefinition } from "../registry/resource.js";
import { buildGroupVersionDocument, buildOpenApiIndex, documentHash } from "./document.js";
import { groupVersionPath, parseApiVersion } from "./names.js";

/** A plain HTTP answer, for whatever server framework the caller uses. */
export interface OpenApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Entry {
  group: string;
  version: string;
  resources: ResourceDefinition[];
  extraSchemas: Record<string, object>;
  rendered?: { json: string; hash: string };
}

/** The set of OpenAPI v3 documents a server publishes. */
export class OpenApiV3Documents {
  readonly #entries = new Map<string, Entry>();

  /** Publishes (or replaces) the document of a group-version, e.g. `apps/v1`. */
  setGroupVersion(apiVersion: string, resources: ResourceDefinition[], extraSchemas: Record<string, object> = {}): void {
    const gv = parseApiVersion(apiVersion);
    this.#entries.set(groupVersionPath(gv), { ...gv, resources: [...resources], extraSchemas });
  }

  /** Stops publishing a group-version. */
  removeGroupVersion(apiVersion: string): void {
    this.#entries.delete(groupVersionPath(parseApiVersion(apiVersion)));
  }

  /** The document of an index key (`api/v1`, `apis/apps/v1`), serialized, with its hash; built on first use. */
  document(key: string): { json: string; hash: string } | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (!e.rendered) {
      const json = JSON.stringify(buildGroupVersionDocument({ group: e.group, version: e.version }, e.resources, e.extraSchemas));
      e.rendered = { json, hash: documentHash(json) };
    }
    return e.rendered;
  }

  /** The `/openapi/v3` index JSON. */
  indexJson(): string {
    return JSON.stringify(buildOpenApiIndex([...this.#entries.keys()], (key) => this.document(key)!.hash));
  }

  /**
   * Answers a GET under `/openapi/v3`.
   * @param subpath the path after `/openapi/v3` (`""`, `/api/v1`, `/apis/apps/v1`).
   * @param hash the `hash` query parameter, if any.
   * @param ifNoneMatch the `If-None-Match` request header, if any.
   */
  respond(subpath: string, hash?: string | null, ifNoneMatch?: string | null, now: Date = new Date()): OpenApiResponse {
    const key = subpath.replace(/^\/+|\/+$/g, "");
    if (key === "") {
      return { status: 200, headers: { "Content-Type": "application/json" }, body: this.indexJson() };
    }
    const doc = this.document(key);
    if (!doc) {
      return { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "404 page not found\n" };
    }
    if (hash && hash !== doc.hash) {
      const location = `/openapi/v3/${key}?hash=${doc.hash}`;
      return { status: 301, headers: { Location: location, "Content-Type": "text/html; charset=utf-8" }, body: `<a href="${location}">Moved Permanently</a>.\n` };
    }
    const etag = `"${doc.hash}"`;
    const headers: Record<string, string> = { "Content-Type": "application/json", ETag: etag, Vary: "Accept" };
    if (hash) {
      const expires = new Date(now);
      expires.setUTCFullYear(expires.getUTCFullYear() + 1);
      headers["Cache-Control"] = "public, immutable";
      headers.Expires = expires.toUTCString();
    }
    if (ifNoneMatch?.split(",").some((t) => t.trim() === etag || t.trim() === "*")) {
      return { status: 304, headers, body: "" };
    }
    return { status: 200, headers, body: doc.json };
  }
}
