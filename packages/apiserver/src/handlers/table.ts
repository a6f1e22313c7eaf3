/**
 * Server-side printing: renders objects as a meta.k8s.io Table with the
 * columns of the kind's printer, and as PartialObjectMetadata(List).
 * @module
 */
import { printerFor } from "../printers/index.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";

/** What a Table row carries besides its cells (`?includeObject=`). */
export type IncludeObject = "None" | "Metadata" | "Object";

/** Parses `includeObject`; upstream defaults to Metadata. */
export function parseIncludeObject(value: string | null): IncludeObject {
  return value === "None" || value === "Object" ? value : "Metadata";
}

/** The PartialObjectMetadata form of an object. */
export function partialMetadata(obj: KubeObject, version: string): Record<string, unknown> {
  return { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

/**
 * The metadata a Table row carries: without managedFields, which no table
 * reader uses and which would double the size of a large listing (clients
 * that want them ask for PartialObjectMetadata or the object itself).
 */
function rowMetadata(obj: KubeObject, version: string): Record<string, unknown> {
  const { managedFields: _dropped, ...metadata } = obj.metadata ?? {};
  return { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${version}`, metadata };
}

/** Builds a Table of `objects`; `withColumns` false leaves columnDefinitions empty (later watch events). */
export function renderTable(
  def: ResourceDefinition,
  objects: Iterable<KubeObject>,
  options: { version: string; include: IncludeObject; listMeta: Record<string, unknown>; withColumns?: boolean; now?: Date },
): Record<string, unknown> {
  const printer = def.printer ?? printerFor(def.group, def.kind);
  const now = options.now ?? new Date();
  const rows: unknown[] = [];
  for (const obj of objects) {
    const row: Record<string, unknown> = { cells: printer.cells(obj, now) };
    if (options.include === "Object") row.object = obj;
    else if (options.include === "Metadata") row.object = rowMetadata(obj, options.version);
    rows.push(row);
  }
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: options.listMeta,
    columnDefinitions: options.withColumns === false ? [] : printer.columns,
    rows,
  };
}
