/**
 * The server's view of OpenAPI: publishes the v3 documents of every served
 * group-version (rebuilt when the registry changes), and gives the store
 * and the patch handler the structural schema of each kind for decoding
 * bodies and strategic merge patches.
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type StructuralSchema,
  decodeAgainstSchema,
  decodeErrorMessage,
  strictDecodingError,
  typeErrorMessage,
  unknownFieldWarnings,
} from "@kube-ts/core";
import { methodNotAllowed } from "../errors.js";
import { OpenApiV3Documents, builtinGoTypeNames, structuralSchemaFor } from "../openapi/index.js";
import type { ApiRegistry } from "../registry/api-registry.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";

/** What decoding a write body against its schema found. */
export interface DecodeOutcome {
  /** Warning texts for unknown fields that were dropped (fieldValidation=Warn). */
  warnings: string[];
  /** The 400 message when the body cannot be accepted (type errors; unknown fields under Strict). */
  error?: string;
  /** The decoder's own error inside `error` (`strict decoding error: …`), without the kind prefix. */
  cause?: string;
}

/** OpenAPI documents and schemas of the served resources. */
export class OpenApiService {
  readonly #documents = new OpenApiV3Documents();
  #publishedGeneration = -1;
  #published = new Set<string>();
  readonly #objectMeta = structuralSchemaFor("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");

  constructor(readonly registry: () => ApiRegistry) {}

  /** The structural schema of a resource's kind. */
  schemaFor(def: ResourceDefinition): StructuralSchema | undefined {
    return structuralSchemaFor(def.schemaName);
  }

  /** Built-in kinds have patch strategies; custom resources answer 415 to strategic merge patch, as upstream. */
  supportsStrategicMerge(def: ResourceDefinition): boolean {
    return this.schemaFor(def) !== undefined;
  }

  /**
   * Checks a write body against the kind's schema, pruning unknown fields in
   * place (Go's decoder drops them for built-in kinds).
   */
  decode(def: ResourceDefinition, obj: KubeObject, strict: boolean): DecodeOutcome {
    const schema = this.schemaFor(def);
    if (!schema) return { warnings: [] };
    const result = decodeAgainstSchema(obj, schema, {
      unknownFields: "prune",
      objectMeta: this.#objectMeta,
      goTypeNames: builtinGoTypeNames,
    });
    const error = decodeErrorMessage(def.kind, def.version, result, strict);
    if (!error) return { warnings: unknownFieldWarnings(result.unknownFields) };
    const cause = result.typeErrors.length > 0 ? typeErrorMessage(result.typeErrors[0]) : strictDecodingError(result.unknownFields);
    return { warnings: [], error, cause };
  }

  /** Answers GET /openapi/v3[/<group-version>]. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== "GET" && req.method !== "HEAD") throw methodNotAllowed(req.method ?? "", url.pathname);
    this.#sync();
    const subpath = url.pathname.startsWith("/openapi/v3") ? url.pathname.slice("/openapi/v3".length) : "/__none__";
    const answer = this.#documents.respond(subpath, url.searchParams.get("hash"), req.headers["if-none-match"] ?? null);
    res.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.body) });
    res.end(req.method === "HEAD" ? undefined : answer.body);
  }

  /** Republishes the documents when the set of served resources changed. */
  #sync(): void {
    const registry = this.registry();
    if (registry.generation === this.#publishedGeneration) return;
    const current = new Set<string>();
    for (const gv of registry.groupVersions()) {
      const apiVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
      current.add(apiVersion);
      this.#documents.setGroupVersion(apiVersion, gv.resources);
    }
    for (const apiVersion of this.#published) if (!current.has(apiVersion)) this.#documents.removeGroupVersion(apiVersion);
    this.#published = current;
    this.#publishedGeneration = registry.generation;
  }
}
