/**
 * Capping the number of Update entries (upstream's `capManagersManager`):
 * past the cap, the oldest entries merge into one `ancient-changes` entry
 * per API version, which takes the time of the newest entry merged into it.
 * Apply entries are never merged.
 * @module
 */
import { FieldSet } from "./field-set.js";
import { type Managed, managerIdentifier } from "./managers.js";

const ANCIENT_CHANGES = "ancient-changes";

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : Number.NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Merges the oldest Update entries of `managed` (in place) until at most `max` remain. */
export function capUpdateManagers(managed: Managed, max: number): void {
  const updaters = [...managed.fields].filter(([, state]) => !state.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => seconds(managed.times.get(a)) - seconds(managed.times.get(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i];
    const state = managed.fields.get(id);
    if (!state) continue;
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: "Update", apiVersion: state.apiVersion });
    const first = firstOfVersion.get(state.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(state.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      const seed = managed.fields.get(first);
      managed.fields.delete(first);
      if (seed) managed.fields.set(bucket, seed);
    }
    const into = managed.fields.get(bucket);
    managed.fields.set(bucket, { set: state.set.union(into?.set ?? new FieldSet()), apiVersion: state.apiVersion, applied: state.applied });
    managed.fields.delete(id);
    length--;
    // The bucket takes the time of the (more recent) entry merged into it.
    managed.times.set(bucket, managed.times.get(id));
  }
}
