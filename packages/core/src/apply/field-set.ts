/**
 * Sets of field paths (structured-merge-diff's `fieldpath.Set`), the unit of
 * ownership in managedFields.
 *
 * A set is a tree: at each level an element may be a *member* (the path that
 * ends here is in the set) and may have *children* (longer paths through it
 * are in the set). The two are independent — `spec.containers[name="a"]`
 * can be a member while `spec` is only a prefix — which is exactly what the
 * `".": {}` marker of FieldsV1 records.
 *
 * Sets are values: every operation returns a new set, so callers may keep
 * and combine them freely. Only {@link FieldSet.insert} mutates, for building
 * a set. Results share unchanged subtrees with their operands (a `difference`
 * that removes one path copies only the levels along it); a shared subtree is
 * marked so, and `insert` copies a marked level before changing it, so no
 * mutation is ever seen through another set.
 * @module
 */
import { compareElements, elementKey, elementText, type Path, type PathElement } from "./path.js";

/** One element of a set level: whether it is a member, and the paths below it. */
export interface FieldSetNode {
  readonly element: PathElement;
  readonly member: boolean;
  /** Paths continuing below this element; never an empty set. */
  readonly children: FieldSet | undefined;
}

interface MutableNode {
  /** The element's FieldsV1 key (its identity in the set). */
  readonly key: string;
  element: PathElement;
  member: boolean;
  children: FieldSet | undefined;
}

/** A set's private state, for the module-internal builders below the class. */
interface Level {
  readonly nodes: Map<string, MutableNode>;
  sorted: MutableNode[] | undefined;
  shared: boolean;
}

/** The private state of `set` (TypeScript's `private` is compile-time only). */
function level(set: FieldSet): Level {
  return set as unknown as Level;
}

/** A set of field paths. */
export class FieldSet {
  /** Element key → node; insertion order, sorted on demand. */
  private readonly nodes = new Map<string, MutableNode>();
  private sorted: MutableNode[] | undefined;
  /** Whether this level may be reachable from more than one set: copied before any change. */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read and written by the module's builders, through level()
  private shared = false;

  /** A set of the given paths. */
  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /**
   * A set built level by level: each node's element, membership and
   * children. Nodes holding nothing are dropped; later nodes replace earlier
   * ones with the same element.
   */
  static fromNodes(nodes: Iterable<FieldSetNode>): FieldSet {
    const set = new FieldSet();
    for (const node of nodes) set.put(elementKey(node.element), node.element, node.member, node.children);
    return set;
  }

  /** Adds `path` (not its prefixes). The empty path — the whole object — is never tracked. */
  insert(path: Path): this {
    if (path.length === 0) return this;
    let level: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) level = level.descend(path[i]);
    level.node(path[path.length - 1]).member = true;
    return this;
  }

  /** The child set under `element`, created if missing. */
  private descend(element: PathElement): FieldSet {
    return childLevel(this.node(element));
  }

  private node(element: PathElement): MutableNode {
    return nodeAt(this, elementKey(element), element);
  }

  /** Adds a node built by a set operation; drops it when it holds nothing. */
  private put(key: string, element: PathElement, member: boolean, children: FieldSet | undefined): void {
    putNode(this, key, element, member, children);
  }

  /** Whether `path` is a member. */
  has(path: Path): boolean {
    let level: FieldSet | undefined = this;
    for (let i = 0; i < path.length; i++) {
      const node: MutableNode | undefined = level?.nodes.get(elementKey(path[i]));
      if (!node) return false;
      if (i === path.length - 1) return node.member;
      level = node.children;
    }
    return false;
  }

  /** Whether `element` is a member at this level. */
  hasMember(element: PathElement): boolean {
    return this.nodes.get(elementKey(element))?.member === true;
  }

  /** The paths below `element` (without it), or an empty set. */
  withPrefix(element: PathElement): FieldSet {
    return this.nodes.get(elementKey(element))?.children?.clone() ?? new FieldSet();
  }

  /** The child set under `element`, shared (not copied): for read-only walks. */
  childrenOf(element: PathElement): FieldSet | undefined {
    return this.nodes.get(elementKey(element))?.children;
  }

  /** Whether the set has no member at any depth. */
  isEmpty(): boolean {
    for (const node of this.nodes.values()) {
      if (node.member || (node.children && !node.children.isEmpty())) return false;
    }
    return true;
  }

  /** Number of member paths. */
  get size(): number {
    let count = 0;
    for (const node of this.nodes.values()) count += (node.member ? 1 : 0) + (node.children?.size ?? 0);
    return count;
  }

  /** This level's nodes in upstream's element order. */
  levelNodes(): readonly FieldSetNode[] {
    this.sorted ??= [...this.nodes.values()].sort((a, b) => compareElements(a.element, b.element));
    return this.sorted;
  }

  /** A copy (its subtrees shared until either side is changed). */
  clone(): FieldSet {
    const out = new FieldSet();
    for (const [key, node] of this.nodes) out.put(key, node.element, node.member, shared(node.children));
    return out;
  }

  /** Paths in either set. */
  union(other: FieldSet): FieldSet {
    const out = this.clone();
    for (const [key, node] of other.nodes) {
      const mine = out.nodes.get(key);
      const children = mine?.children && node.children ? mine.children.union(node.children) : (mine?.children ?? shared(node.children));
      out.put(key, node.element, node.member || mine?.member === true, children);
    }
    return out;
  }

  /** Paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, node] of this.nodes) {
      const theirs = other.nodes.get(key);
      if (!theirs) continue;
      const children = node.children && theirs.children ? node.children.intersection(theirs.children) : undefined;
      out.put(key, node.element, node.member && theirs.member, children);
    }
    return out;
  }

  /** Paths in this set but not in `other` (a prefix in `other` removes nothing below it). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, node] of this.nodes) {
      const theirs = other.nodes.get(key);
      const member = node.member && theirs?.member !== true;
      const children = node.children && theirs?.children ? node.children.difference(theirs.children) : shared(node.children);
      out.put(key, node.element, member, children);
    }
    return out;
  }

  /** Like {@link difference}, but a member of `other` also removes every path below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, node] of this.nodes) {
      const theirs = other.nodes.get(key);
      if (theirs?.member) continue;
      const children = node.children && theirs?.children ? node.children.recursiveDifference(theirs.children) : shared(node.children);
      out.put(key, node.element, node.member, children);
    }
    return out;
  }

  /** Members that have no member below them. */
  leaves(): FieldSet {
    const out = new FieldSet();
    for (const [key, node] of this.nodes) {
      const leaf = node.member && (!node.children || node.children.isEmpty());
      out.put(key, node.element, leaf, node.children?.leaves());
    }
    return out;
  }

  /** Same members at every depth. */
  equals(other: FieldSet): boolean {
    // Nodes are matched by key (a key names one element), not by walking
    // both levels in sorted order: no level needs sorting.
    let count = 0;
    for (const [key, node] of this.nodes) {
      if (!node.member && !node.children) continue;
      count++;
      const peer = other.nodes.get(key);
      if (!peer || node.member !== peer.member || !node.children !== !peer.children) return false;
      if (node.children && peer.children && !node.children.equals(peer.children)) return false;
    }
    for (const node of other.nodes.values()) if (node.member || node.children) count--;
    return count === 0;
  }

  /**
   * Every member path in upstream's iteration order: a level's members first
   * (sorted), then each child subtree in element order.
   */
  *paths(prefix: PathElement[] = []): Generator<Path> {
    const nodes = this.levelNodes();
    for (const node of nodes) if (node.member) yield [...prefix, node.element];
    for (const node of nodes) {
      if (!node.children) continue;
      prefix.push(node.element);
      yield* node.children.paths(prefix);
      prefix.pop();
    }
  }

  /** One path per line, as upstream's `Set.String()`. */
  toString(): string {
    return [...this.paths()].map((path) => path.map(elementText).join("")).join("\n");
  }
}

// Module-internal building blocks: the decoder and the walkers build sets
// level by level, and look nodes up by the keys they already have, instead
// of inserting whole paths and re-deriving every element's key.

/** `set` marked as reachable from more than one set (see {@link childLevel}). */
function shared(set: FieldSet | undefined): FieldSet | undefined {
  if (set) level(set).shared = true;
  return set;
}

/**
 * The children of `node` ready to be changed: created if missing, and copied
 * first (one level; its own children marked shared in turn) if other sets
 * may reach them.
 */
function childLevel(node: MutableNode): FieldSet {
  const children = node.children;
  if (!children) return (node.children = new FieldSet());
  const state = level(children);
  if (!state.shared) return children;
  const copy = new FieldSet();
  const nodes = level(copy).nodes;
  for (const n of state.nodes.values()) nodes.set(n.key, { key: n.key, element: n.element, member: n.member, children: shared(n.children) });
  node.children = copy;
  return copy;
}

/** The node of `set` for `key`, created (neither member nor prefix yet) if missing. */
function nodeAt(set: FieldSet, key: string, element: PathElement): MutableNode {
  const state = level(set);
  let node = state.nodes.get(key);
  if (!node) {
    node = { key, element, member: false, children: undefined };
    state.nodes.set(key, node);
    state.sorted = undefined;
  }
  return node;
}

/**
 * Sets the node for `key` (replacing one with the same key); drops it when it
 * holds nothing, as every set operation does.
 */
export function putNode(set: FieldSet, key: string, element: PathElement, member: boolean, children: FieldSet | undefined): void {
  const kept = children && !children.isEmpty() ? children : undefined;
  if (!member && !kept) return;
  const state = level(set);
  state.nodes.set(key, { key, element, member, children: kept });
  state.sorted = undefined;
}

/** Whether the element with FieldsV1 key `key` is a member at this level of `set`. */
export function hasMemberKey(set: FieldSet, key: string): boolean {
  return level(set).nodes.get(key)?.member === true;
}

/** The children of the element with FieldsV1 key `key` at this level of `set`, shared. */
export function childrenAtKey(set: FieldSet, key: string): FieldSet | undefined {
  return level(set).nodes.get(key)?.children;
}

/** This level's nodes of `set` in no particular order, with their keys: for walks that need no order. */
export function unorderedNodes(set: FieldSet): IterableIterator<FieldSetNode & { readonly key: string }> {
  return level(set).nodes.values();
}

/** The FieldsV1 key of a node from {@link FieldSet.levelNodes}. */
export function nodeKey(node: FieldSetNode): string {
  return (node as MutableNode).key;
}

/**
 * Inserts the paths of a depth-first walk into a set. The walk keeps its
 * current path as parallel arrays of keys and elements; the writer remembers
 * the levels along the last path it inserted, so a path that shares a prefix
 * with the previous one descends only from where they part — O(1) per node
 * of the walk rather than O(depth). Equivalent to `set.insert(elements)`.
 */
export class SetWriter {
  /** `levels[i]` is the set at depth `i` along the first `depth` keys of `prefix`. */
  private readonly levels: FieldSet[];
  private readonly prefix: string[] = [];
  private depth = 0;

  constructor(readonly set: FieldSet) {
    this.levels = [set];
  }

  /** Inserts the path of the first `length` steps. */
  insert(keys: readonly string[], elements: readonly PathElement[], length: number): void {
    if (length === 0) return;
    const last = length - 1;
    let depth = 0;
    const shared = Math.min(this.depth, last);
    while (depth < shared && this.prefix[depth] === keys[depth]) depth++;
    for (; depth < last; depth++) {
      this.prefix[depth] = keys[depth];
      this.levels[depth + 1] = childLevel(nodeAt(this.levels[depth], keys[depth], elements[depth]));
    }
    this.depth = depth;
    nodeAt(this.levels[last], keys[last], elements[last]).member = true;
  }
}
