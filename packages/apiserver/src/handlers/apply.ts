/**
 * Server-side apply: `PATCH` with `application/apply-patch+yaml`. The
 * configuration is merged into the live object by `@kube-ts/core`'s apply
 * (ownership in managedFields, conflicts, force), then stored through the
 * same update path as every write — or created when the object is new.
 * @module
 */
import { ApplyConflictError, ApplyError, ManagedFieldsError, TypedValueError, apply } from "@kube-ts/core";
import { ApiError, badRequest } from "../errors.js";
import { decodeBody } from "../http/body.js";
import type { KubeObject } from "../registry/resource.js";
import type { Store, WriteOptions } from "../registry/store.js";
import type { PatchSchemaLookup } from "./patch.js";

/** Upstream refuses an apply without a manager: ownership needs a name. */
function managerOf(options: WriteOptions): string {
  if (!options.fieldManager) throw badRequest("PATCH request with apply patch type: fieldManager is required for apply requests");
  return options.fieldManager;
}

function parseForce(query: URLSearchParams): boolean {
  const raw = query.get("force");
  if (raw === null || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  throw badRequest(`invalid value for force: ${JSON.stringify(raw)}: must be a boolean`);
}

/** Turns apply failures into API errors (conflicts are 409 with one cause per field). */
function translate(err: unknown): never {
  if (err instanceof ApplyConflictError || err instanceof ApplyError) {
    const status = err.toStatus();
    throw new ApiError(status.code, status.reason ?? "BadRequest", status.message ?? err.message, status.details);
  }
  if (err instanceof ManagedFieldsError || err instanceof TypedValueError) throw badRequest(err.message);
  throw err;
}

/** Applies `body` to the named object; `created` tells the handler to answer 201. */
export async function serverSideApply(
  store: Store,
  schemas: PatchSchemaLookup,
  target: { namespace: string; name: string; subresource?: "status" },
  body: Buffer,
  query: URLSearchParams,
  options: WriteOptions,
): Promise<{ object: KubeObject; created: boolean }> {
  const manager = managerOf(options);
  const force = parseForce(query);
  // Apply bodies are YAML, and JSON is YAML; JSON (what most clients send) takes the much faster parser.
  const config = decodeBody(body, body.toString("utf8", 0, 64).trimStart().startsWith("{") ? "json" : "yaml");
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw badRequest("the applied configuration must be an object");
  const configObject = config as KubeObject;
  const configName = configObject.metadata?.name;
  if (configName !== undefined && configName !== target.name) {
    throw badRequest(`the name of the object (${String(configName)}) does not match the name on the URL (${target.name})`);
  }
  store.decodeBody(configObject, options);
  const def = store.def;
  const applyOptions = {
    manager,
    force,
    apiVersion: store.apiVersion,
    kind: def.kind,
    time: new Date(),
    subresource: target.subresource,
    resetFields: store.resetFields(target.subresource),
  };
  const schema = schemas.schemaFor(def);
  const writeOptions: WriteOptions = { ...options, managedFieldsComputed: true, subresource: target.subresource ?? "" };
  try {
    const object = await store.guaranteedUpdate(target.namespace, target.name, writeOptions, (current) => {
      const managed = current.metadata?.managedFields as Parameters<typeof apply>[3];
      return apply(current, configObject, applyOptions, managed, schema).object as KubeObject;
    });
    return { object, created: false };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404) || target.subresource) translate(err);
  }
  // Create-on-apply.
  try {
    const applied = apply(undefined, configObject, applyOptions, undefined, schema).object as KubeObject;
    applied.metadata = { ...applied.metadata, name: target.name };
    return { object: await store.create(target.namespace, applied, writeOptions), created: true };
  } catch (err) {
    translate(err);
  }
}
