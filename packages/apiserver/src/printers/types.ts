/**
 * Shared types for server-side printing: the column definitions of a
 * meta.k8s.io/v1 Table and the per-kind printer that fills its rows.
 * @module
 */

/** A parsed JSON object as stored by the API server. */
export type JsonObject = Record<string, unknown>;

/** One column of a meta.k8s.io/v1 Table (`columnDefinitions[]`). */
export interface TableColumnDefinition {
  /** Human-readable column name, e.g. `Name` or `Nominated Node`. */
  name: string;
  /** OpenAPI type of the cells: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** OpenAPI format hint; `name` marks the column holding the object's name, otherwise empty. */
  format: string;
  /** What the column shows. */
  description: string;
  /** 0 for columns `kubectl get` always shows, 1 for those shown only with `-o wide`. */
  priority: number;
}

/**
 * Columns and row function for one kind. The API server always prints the
 * wide form (as upstream does), so `cells` returns one cell per column,
 * priority-1 columns included; clients hide those they do not want.
 */
export interface Printer {
  /** The table's column definitions, in cell order. */
  columns: TableColumnDefinition[];
  /** Cells for one object, in column order. `now` anchors every AGE-style cell. */
  cells(obj: JsonObject, now: Date): unknown[];
  /** Row conditions (`rows[].conditions`), for the few kinds upstream sets them on (finished Pods). */
  rowConditions?(obj: JsonObject): TableRowCondition[];
}

/** A condition of one Table row (meta.k8s.io/v1 TableRowCondition). */
export interface TableRowCondition {
  /** Only `Completed` is defined: the object has reached a terminal state. */
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}
