/**
 * The ownership algorithm of structured-merge-diff's `merge.Updater`, over
 * decoded managers (identifier → field set):
 *
 * - **update** (any write): compare old and new; every *other* manager loses
 *   the fields that were modified, added or removed; without `force`, losing a
 *   modified or added field is a conflict instead.
 * - **Update**: the writer then owns what it changed or added, plus what it
 *   owned before and did not remove.
 * - **Apply**: merge the configuration into the live object; the applier
 *   owns exactly the configuration's fields; fields it applied last time and
 *   omits now are pruned from the object unless someone (including its new
 *   configuration) still owns them; then **update** runs, so a field another
 *   manager owns with a different value conflicts, while an equal value is
 *   shared.
 *
 * Every API version is compared on the same object: kube-ts serves one
 * version of each kind's schema, so managers recorded at another version are
 * not converted (upstream converts the object to each manager's version).
 * @module
 */
import { deepEqual, type JsonValue } from "../patch/json.js";
import { compareObjects, type Comparison } from "./compare.js";
import { FieldSet } from "./field-set.js";
import { mergeObjects } from "./merge.js";
import type { Path } from "./path.js";
import { ensureNamedFieldsAreMembers, removeItems } from "./remove.js";
import { fieldSetOfType } from "./to-field-set.js";
import type { TypeRef } from "./topology.js";

/** What one manager owns, and at which API version and by which operation. */
export interface ManagerState {
  readonly set: FieldSet;
  readonly apiVersion: string;
  /** True for an Apply entry, false for an Update entry. */
  readonly applied: boolean;
}

/** Managers by identifier (see `managers.ts`). */
export type Managers = Map<string, ManagerState>;

/** One field another manager owns with a different value. */
export interface RawConflict {
  /** Manager identifier. */
  readonly manager: string;
  readonly path: Path;
}

/** Thrown by {@link applyUpdater} when the apply conflicts and is not forced. */
export class ConflictsError extends Error {
  override name = "ConflictsError";
  constructor(readonly conflicts: readonly RawConflict[]) {
    super(`${conflicts.length} conflicts`);
  }
}

/** The object's type and the fields the write path resets (never owned). */
export interface UpdaterContext {
  readonly type: TypeRef;
  readonly ignored?: FieldSet;
}

function excluded(comparison: Comparison, ignored: FieldSet | undefined): Comparison {
  if (!ignored || ignored.isEmpty()) return comparison;
  return {
    added: comparison.added.recursiveDifference(ignored),
    modified: comparison.modified.recursiveDifference(ignored),
    removed: comparison.removed.recursiveDifference(ignored),
  };
}

/**
 * The shared step: other managers lose what changed; returns the new managers
 * and the comparison.
 * @throws {ConflictsError} when `force` is false and another manager owns a changed field.
 */
function update(
  before: unknown,
  after: unknown,
  managers: Managers,
  workflow: string,
  force: boolean,
  ctx: UpdaterContext,
): { managers: Managers; comparison: Comparison } {
  const comparison = excluded(compareObjects(before, after, ctx.type), ctx.ignored);
  const changed = comparison.modified.union(comparison.added);
  const out: Managers = new Map();
  const conflicts: RawConflict[] = [];
  for (const [manager, state] of managers) {
    if (manager === workflow) {
      out.set(manager, state);
      continue;
    }
    // Intersections walk their receiver: the changes are usually the smaller set.
    const lost = changed.intersection(state.set);
    if (!lost.isEmpty()) for (const path of lost.paths()) conflicts.push({ manager, path });
    if (lost.isEmpty() && comparison.removed.intersection(state.set).isEmpty()) {
      // The differences below would remove no member: the manager keeps its
      // set as it is — the same object, so that its stored FieldsV1 is kept
      // without comparing sets.
      if (!state.set.isEmpty()) out.set(manager, state);
      continue;
    }
    const kept = state.set.difference(lost).difference(comparison.removed);
    if (!kept.isEmpty()) out.set(manager, { ...state, set: kept });
  }
  if (!force && conflicts.length > 0) throw new ConflictsError(conflicts);
  return { managers: out, comparison };
}

/**
 * An Update by `manager` (upstream's `Updater.Update`): returns the managers
 * after `before` became `after`.
 */
export function updateUpdater(before: unknown, after: unknown, apiVersion: string, managers: Managers, manager: string, ctx: UpdaterContext): Managers {
  const result = update(before, after, managers, manager, true, ctx);
  const { added, modified, removed } = result.comparison;
  let set = (result.managers.get(manager)?.set ?? new FieldSet()).union(modified).union(added).difference(removed);
  if (ctx.ignored) set = set.recursiveDifference(ctx.ignored);
  const out = result.managers;
  if (set.isEmpty()) out.delete(manager);
  else out.set(manager, { set, apiVersion, applied: false });
  return out;
}

/** The result of {@link applyUpdater}. */
export interface ApplyOutcome {
  /** The new object, or undefined when the apply changes nothing. */
  readonly object: JsonValue | undefined;
  readonly managers: Managers;
}

/**
 * An Apply of `config` by `manager` (upstream's `Updater.Apply`).
 * @throws {ConflictsError} unless `force`.
 */
export function applyUpdater(
  live: unknown,
  config: unknown,
  apiVersion: string,
  managers: Managers,
  manager: string,
  force: boolean,
  ctx: UpdaterContext,
): ApplyOutcome {
  const merged = mergeObjects(live, config, ctx.type) ?? {};
  const lastSet = managers.get(manager);
  const set = configSet(config, ctx);
  const next: Managers = new Map(managers);
  next.set(manager, { set, apiVersion, applied: true });
  // Pruning removes only what the last apply had and this one lacks: when
  // nothing was dropped (a re-apply, changed values), there is nothing to do.
  const dropped = lastSet !== undefined && !lastSet.set.difference(set).isEmpty();
  const pruned = dropped ? prune(merged, next, lastSet, ctx) : merged;
  // With no other manager, `update` would only copy the managers: nobody can
  // lose a field or conflict, and the comparison it makes is not used here.
  let others = false;
  for (const id of next.keys()) others ||= id !== manager;
  const out = others ? update(live, pruned, next, manager, force, ctx).managers : new Map(next);
  if (out.get(manager)?.set.isEmpty()) out.delete(manager);
  return { object: deepEqual(live, pruned) ? undefined : pruned, managers: out };
}

/** The applier's new set: the configuration's fields, less the reset ones. */
function configSet(config: unknown, ctx: UpdaterContext): FieldSet {
  const set = fieldSetOfType(config, ctx.type, { strict: true });
  return ctx.ignored ? set.recursiveDifference(ctx.ignored) : set;
}

/** Every node of an object as a set (leaves, items, entries and struct fields). */
function nodesOf(object: JsonValue, ctx: UpdaterContext): FieldSet {
  return ensureNamedFieldsAreMembers(fieldSetOfType(object, ctx.type), ctx.type);
}

/**
 * Removes what the applier applied last time and no longer does, unless some
 * manager still owns it (upstream's `prune`, `addBackOwnedItems` and
 * `addBackDanglingItems`, in one version).
 */
function prune(merged: JsonValue, managers: Managers, lastSet: ManagerState, ctx: UpdaterContext): JsonValue {
  const last = ensureNamedFieldsAreMembers(lastSet.set, ctx.type);
  let pruned = removeItems(merged, last, ctx.type);
  // Add back what anyone (the applier's new configuration included) owns.
  let owned: FieldSet | undefined;
  for (const state of managers.values()) owned = owned ? owned.union(state.set) : state.set;
  const mergedNodes = nodesOf(merged, ctx);
  const ownedNodes = owned ? ensureNamedFieldsAreMembers(owned, ctx.type) : undefined;
  let keep = nodesOf(pruned, ctx);
  if (ownedNodes) keep = keep.union(ownedNodes);
  pruned = removeItems(merged, mergedNodes.difference(keep), ctx.type);
  // Remove only what the applier itself had: unowned fields others set stay.
  const gone = mergedNodes.difference(nodesOf(pruned, ctx)).intersection(last);
  return removeItems(merged, gone, ctx.type);
}
