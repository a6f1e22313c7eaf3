/**
 * Server-side printing of custom resources: NAME, then the version's
 * `additionalPrinterColumns` (or AGE when it has none), as upstream's
 * custom resource table convertor.
 * @module
 */
import { humanDuration } from "../printers/index.js";
import type { Printer, TableColumnDefinition } from "../printers/index.js";
import { compileJsonPath } from "./json-path.js";

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const AGE_COLUMN: PrinterColumn = {
  name: "Age",
  type: "date",
  description:
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.",
  jsonPath: ".metadata.creationTimestamp",
};

function cell(values: unknown[], type: string, now: Date): unknown {
  if (values.length === 0) return null;
  const value = values[0];
  if (value === null || value === undefined) return null;
  switch (type) {
    case "date": {
      const time = Date.parse(String(value));
      return Number.isNaN(time) ? String(value) : humanDuration(now.getTime() - time);
    }
    case "integer":
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** The printer of one custom resource version. */
export function customResourcePrinter(columns: PrinterColumn[] | undefined): Printer {
  const chosen = columns && columns.length > 0 ? columns : [AGE_COLUMN];
  const compiled = chosen.map((c) => ({ column: c, path: compileJsonPath(c.jsonPath) }));
  const definitions: TableColumnDefinition[] = [
    { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", priority: 0 },
    ...chosen.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: c.description ?? "",
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns: definitions,
    cells(obj, now) {
      const name = (obj.metadata as { name?: string } | undefined)?.name ?? "";
      return [name, ...compiled.map(({ column, path }) => cell(path.find(obj), column.type, now))];
    },
  };
}
