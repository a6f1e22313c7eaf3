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

/** The published schemas of custom resources: the CRD's schema plus the standard object fields. */
function customSchemas(resources: ResourceDefinition[]): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (const def of resources) {
    if (!def.custom) continue;
    const schema = def.custom.openAPIV3Schema as { properties?: Record<string, unknown> };
    schemas[def.schemaName] = {
      ...schema,
      type: "object",
      properties: {
        apiVersion: { type: "string", description: "APIVersion defines the versioned schema of this representation of an object." },
        kind: { type: "string", description: "Kind is a string value representing the REST resource this object represents." },
        metadata: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
        ...schema.properties,
      },
      "x-kubernetes-group-version-kind": [{ group: def.group, version: def.version, kind: def.kind }],
    };
  }
  return schemas;
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
    return def.custom?.structural ?? structuralSchemaFor(def.schemaName);
  }

  /** Built-in kinds have patch strategies; custom resources answer 415 to strategic merge patch, as upstream. */
  supportsStrategicMerge(def: ResourceDefinition): boolean {
    return !def.custom && this.schemaFor(def) !== undefined;
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
      goTypeNames: def.custom ? undefined : builtinGoTypeNames,
      checkFormats: !def.custom,
    });
    // A custom resource always decodes (it is unstructured JSON); its type errors are validation errors (422).
    if (def.custom) result.typeErrors = [];
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
      this.#documents.setGroupVersion(apiVersion, gv.resources, customSchemas(gv.resources));
    }
    for (const apiVersion of this.#published) if (!current.has(apiVersion)) this.#documents.removeGroupVersion(apiVersion);
    this.#published = current;
    this.#publishedGeneration = registry.generation;
  }
}
