/**
 * TEMPORARY OpenAPI service.
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { StructuralSchema } from "@kube-ts/core";
import { pathNotFound } from "../errors.js";
import type { ApiRegistry } from "../registry/api-registry.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";

export class OpenApiService {
  constructor(readonly registry: () => ApiRegistry) {}
  decode(_def: ResourceDefinition, _obj: KubeObject): { unknownFields: string[]; typeErrors: string[] } {
    return { unknownFields: [], typeErrors: [] };
  }
  schemaFor(_def: ResourceDefinition): StructuralSchema | undefined {
    return undefined;
  }
  supportsStrategicMerge(_def: ResourceDefinition): boolean {
    return true;
  }
  serve(_req: IncomingMessage, _res: ServerResponse, _url: URL): void {
    throw pathNotFound();
  }
}
