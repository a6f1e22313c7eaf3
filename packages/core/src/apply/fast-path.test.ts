/**
 * The fast paths of {@link updateManagedFields} against the plain algorithm.
 *
 * `reference` below is the ownership bookkeeping as first written — compare
 * the two objects path by path, take changed fields from every other manager
 * with set operations, give the writer what it changed, strip, cap, encode —
 * with none of the shortcuts the real code takes (the create walk, skipping
 * equal subtrees, keeping untouched managers' sets). Both must give the same
 * managedFields, byte for byte, on varied objects: Pods with containers,
 * ports, env and volumes, Deployments, ConfigMaps, a custom resource with
 * every list type, and objects without a schema.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from "../patch/json.js";
import { deepFreeze } from "../patch/test-helpers.js";
import type { StructuralSchema } from "../schema.js";
import { capUpdateManagers } from "./cap-managers.js";
import { stripManagedFieldsSet, updateManagedFields } from "./field-manager.js";
import { FieldSet } from "./field-set.js";
import { decodeFieldsV1, encodeFieldsV1 } from "./fields-v1.js";
import { decodeManagedFields, encodeManagedFields, type Managed, type ManagedFieldsEntry, managedFieldsForWrite, managerIdentifier } from "./managers.js";
import { elementKey, fieldElement, type KeyField, keyElement, type PathElement, valueElement } from "./path.js";
import { resetFieldsFor } from "./reset-fields.js";
import { configMapSchema, deploymentSchema, podSchema, widgetSchema } from "./test-fixtures.js";
import { DEDUCED, memberType, type Shape, shapeOf, type TypeRef, typeInfo } from "./topology.js";
import type { ManagerState } from "./updater.js";

// ---- The reference: the algorithm without shortcuts ----

interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

function isEmptyContainer(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** List items with their elements (first occurrence of each key), or undefined when one cannot be identified. */
function items(list: JsonValue[], shape: Extract<Shape, { kind: "list" }>): Map<string, [PathElement, JsonValue]> | undefined {
  const out = new Map<string, [PathElement, JsonValue]>();
  for (const item of list) {
    let element: PathElement;
    if (shape.identity.kind === "set") {
      if (isJsonObject(item) || Array.isArray(item)) return undefined;
      element = valueElement(item);
    } else {
      if (!isJsonObject(item)) return undefined;
      const fields: KeyField[] = [];
      for (const name of shape.identity.keys) {
        const info = typeInfo(shape.items);
        const fallback = info.kind === "map" ? (info.fields.get(name)?.default as JsonValue | undefined) : undefined;
        const value = Object.hasOwn(item, name) ? item[name] : (fallback ?? (name === "protocol" ? "TCP" : undefined));
        if (value === undefined) return undefined;
        fields.push([name, value]);
      }
      element = keyElement(fields);
    }
    const key = elementKey(element);
    if (!out.has(key)) out.set(key, [element, item]);
  }
  return out;
}

function compare(before: JsonValue | undefined, after: JsonValue | undefined, type: TypeRef, path: PathElement[], out: Comparison): void {
  const a0 = shapeOf(type, before);
  const b0 = shapeOf(type, after);
  const shape: Shape = before === undefined ? b0 : after === undefined ? a0 : a0.kind === b0.kind ? a0 : { kind: "leaf" };
  const leaf = () => {
    if (before === undefined) out.added.insert(path);
    else if (after === undefined) out.removed.insert(path);
    else if (!deepEqual(before, after)) out.modified.insert(path);
  };
  if (shape.kind === "leaf" || (isEmptyContainer(before) && isEmptyContainer(after))) return leaf();
  if (shape.kind === "map") {
    const a = isJsonObject(before) ? before : {};
    const b = isJsonObject(after) ? after : {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      path.push(fieldElement(key));
      compare(Object.hasOwn(a, key) ? a[key] : undefined, Object.hasOwn(b, key) ? b[key] : undefined, memberType(shape.info, key), path, out);
      path.pop();
    }
  } else {
    const a = items(Array.isArray(before) ? before : [], shape);
    const b = items(Array.isArray(after) ? after : [], shape);
    if (!a || !b) return leaf();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      path.push((a.get(key) ?? b.get(key))![0]);
      compare(a.get(key)?.[1], b.get(key)?.[1], shape.items, path, out);
      path.pop();
    }
  }
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
}

function withoutManagedFields(object: unknown): JsonObject {
  if (!isJsonObject(object)) return {};
  if (!isJsonObject(object.metadata)) return object;
  const { managedFields: _, ...metadata } = object.metadata;
  return { ...object, metadata };
}

interface Options {
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
  resetFields?: FieldSet;
  maxUpdateManagers?: number;
}

/** `updateManagedFields` as the plain algorithm. */
function reference(entries: ManagedFieldsEntry[] | undefined, oldObj: object | undefined, newObj: object, options: Options, schema: StructuralSchema | undefined) {
  const type = schema ?? DEDUCED;
  const ignored = options.resetFields;
  const id = managerIdentifier({ manager: options.manager || "unknown", operation: "Update", apiVersion: options.apiVersion, subresource: options.subresource });
  const managed = decodeManagedFields(entries);
  const raw: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(withoutManagedFields(oldObj ?? {}), withoutManagedFields(newObj), type, [], raw);
  const without = (set: FieldSet) => (ignored ? set.recursiveDifference(ignored) : set);
  const cmp = { added: without(raw.added), modified: without(raw.modified), removed: without(raw.removed) };
  const changed = cmp.modified.union(cmp.added);
  const fields = new Map<string, ManagerState>();
  for (const [manager, state] of managed.fields) {
    const kept = state.set.difference(state.set.intersection(changed)).difference(cmp.removed);
    if (!kept.isEmpty()) fields.set(manager, { ...state, set: kept });
  }
  const mine = stripManagedFieldsSet(without(new FieldSet().union(cmp.modified).union(cmp.added).difference(cmp.removed)));
  const times = new Map(managed.times);
  if (!mine.isEmpty()) {
    const previous = fields.get(id);
    fields.set(id, { set: previous ? mine.union(previous.set) : mine, apiVersion: options.apiVersion, applied: false });
    times.set(id, new Date(options.time).toISOString().replace(/\.\d+Z$/, "Z"));
  }
  const out: Managed = { fields, times, stored: managed.stored };
  capUpdateManagers(out, options.maxUpdateManagers ?? 10);
  return encodeManagedFields(out);
}

// ---- Varied objects ----

/** A small deterministic PRNG, so failures reproduce. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)],
    count: (max: number) => Math.floor(next() * (max + 1)),
  };
}
type Random = ReturnType<typeof random>;

const NAMES = ["a", "b", "app", "z<>&", "é", "𝒳", "\ue000", "constructor", "0", "x.y/z", "n".repeat(300)];

function labels(r: Random): JsonObject {
  const out: JsonObject = {};
  for (let i = r.count(3); i > 0; i--) out[r.pick(NAMES)] = r.pick(["1", "2", "x"]);
  return out;
}

function container(r: Random, name: string): JsonObject {
  const c: JsonObject = { name, image: r.pick(["nginx:1.25", "envoy", "app:1"]) };
  if (r.chance(0.4)) c.args = r.chance(0.2) ? [] : ["--a", "--b"];
  if (r.chance(0.6)) {
    c.ports = Array.from({ length: r.count(3) }, () => {
      const port: JsonObject = { containerPort: r.pick([80, 443, 8080]) };
      if (r.chance(0.5)) port.protocol = r.pick(["TCP", "UDP"]);
      if (r.chance(0.4)) port.name = r.pick(["http", "metrics"]);
      return port;
    });
  }
  if (r.chance(0.6)) {
    c.env = Array.from({ length: r.count(4) }, (): JsonObject =>
      r.chance(0.8)
        ? { name: r.pick(["A", "B", "C"]), value: r.pick(["1", "2"]) }
        : r.chance(0.5)
          ? { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }
          : { value: "an item without its key" },
    );
  }
  if (r.chance(0.4)) c.resources = r.chance(0.2) ? {} : { limits: { cpu: r.pick(["1", "500m"]) }, requests: r.chance(0.5) ? { memory: "1Gi" } : null };
  if (r.chance(0.3)) c.volumeMounts = [{ name: "config", mountPath: "/etc/config" }];
  return c;
}

function podSpec(r: Random): JsonObject {
  const spec: JsonObject = { containers: Array.from({ length: 1 + r.count(2) }, () => container(r, r.pick(["app", "sidecar", "init"]))) };
  if (r.chance(0.4)) spec.volumes = [{ name: "config", configMap: { name: "c", defaultMode: 420 } }, ...(r.chance(0.5) ? [{ name: "scratch", emptyDir: {} }] : [])];
  if (r.chance(0.3)) spec.tolerations = [{ key: "k", operator: "Exists", effect: "NoExecute" }];
  if (r.chance(0.3)) spec.nodeSelector = labels(r);
  if (r.chance(0.2)) spec.initContainers = [];
  if (r.chance(0.3)) spec.serviceAccountName = "default";
  if (r.chance(0.1)) spec.securityContext = {};
  return spec;
}

function metadata(r: Random): JsonObject {
  const m: JsonObject = { name: "n", namespace: "default", uid: "1234", resourceVersion: "7" };
  if (r.chance(0.7)) m.labels = labels(r);
  if (r.chance(0.3)) m.annotations = labels(r);
  if (r.chance(0.2)) m.finalizers = ["example.com/a", "example.com/b"];
  if (r.chance(0.2)) m.ownerReferences = [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "9", controller: true }];
  return m;
}

type Kind = "Pod" | "Deployment" | "ConfigMap" | "Widget" | "Untyped";

function object(r: Random, kind: Kind): JsonObject {
  switch (kind) {
    case "Pod":
      return { apiVersion: "v1", kind, metadata: metadata(r), spec: podSpec(r), ...(r.chance(0.4) ? { status: { phase: "Pending", qosClass: "Burstable" } } : {}) };
    case "Deployment":
      return {
        apiVersion: "apps/v1",
        kind,
        metadata: metadata(r),
        spec: {
          replicas: r.pick([1, 3]),
          selector: { matchLabels: { app: "web" } },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: r.pick(["25%", 1]), maxUnavailable: 0 } },
          template: { metadata: { labels: labels(r) }, spec: podSpec(r) },
        },
        ...(r.chance(0.3) ? { status: { replicas: 1 } } : {}),
      };
    case "ConfigMap":
      return { apiVersion: "v1", kind, metadata: metadata(r), data: labels(r), ...(r.chance(0.2) ? { binaryData: {}, immutable: false } : {}) };
    case "Widget":
    case "Untyped":
      return {
        apiVersion: "example.com/v1",
        kind: "Widget",
        metadata: metadata(r),
        spec: {
          size: r.pick([1, "2"]),
          routes: r.chance(0.8) ? [{ host: r.pick(["a", "b"]), port: r.chance(0.5) ? 80 : 81, backend: "x" }, { host: "c" }] : [],
          tags: r.chance(0.7) ? [r.pick(["t1", "t2"]), "t3"] : null,
          command: ["run"],
          extra: { deep: { a: 1, list: [1, { x: 2 }] } },
        },
        ...(r.chance(0.3) ? { status: { phase: "Ready" } } : {}),
      };
  }
}

const SCHEMAS: Record<Kind, StructuralSchema | undefined> = {
  Pod: podSchema,
  Deployment: deploymentSchema,
  ConfigMap: configMapSchema,
  Widget: widgetSchema,
  Untyped: undefined,
};

const RESOURCES: Record<Kind, string> = { Pod: "pods", Deployment: "deployments.apps", ConfigMap: "configmaps", Widget: "widgets.example.com", Untyped: "widgets.example.com" };

/** A copy of `value` with one to three random edits anywhere: set, add, delete, duplicate, reorder, empty. */
function edit(r: Random, value: JsonObject): JsonObject {
  const out = structuredClone(value);
  for (let edits = 1 + r.count(2); edits > 0; edits--) {
    let parent: JsonObject | JsonValue[] | undefined;
    let key: string | number | undefined;
    let node: JsonValue = out;
    for (let depth = 0; depth < 8 && node !== null && typeof node === "object"; depth++) {
      const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (keys.length === 0 || (depth > 0 && r.chance(0.2))) break;
      parent = node;
      key = r.pick(keys);
      node = (node as Record<string | number, JsonValue>)[key];
    }
    if (parent === undefined || key === undefined) continue;
    const roll = r.next();
    if (Array.isArray(parent)) {
      const i = key as number;
      if (roll < 0.3) parent.splice(i, 1);
      else if (roll < 0.5) parent.push(structuredClone(parent[i]));
      else if (roll < 0.6) parent.reverse();
      else parent[i] = isJsonObject(node) ? { ...node, extra: r.pick([1, "x", null]) } : r.pick([1, "x", true]);
    } else {
      const k = key as string;
      if (roll < 0.25) delete parent[k];
      else if (roll < 0.45) parent[k] = r.pick([1, "v", false, null, "TCP", 80]);
      else if (roll < 0.55) parent[k] = r.pick([{}, [], null]);
      else if (roll < 0.75) parent[r.pick(NAMES)] = r.chance(0.5) ? "new" : { nested: 1 };
      else if (isJsonObject(node)) node[r.pick(NAMES)] = "added";
      else parent[k] = "changed";
    }
  }
  return out;
}

const T = ["2024-05-01T10:00:00Z", "2024-05-01T10:05:00Z", "2024-05-01T10:05:30.250Z", "2024-05-01T11:00:00Z"];
const KINDS: readonly Kind[] = ["Pod", "Deployment", "ConfigMap", "Widget", "Untyped"];

const text = (value: unknown) => JSON.stringify(value);

describe("the create fast path", () => {
  it("gives the creator byte-identical managedFields to the general path and the plain algorithm", () => {
    const r = random(1);
    for (let i = 0; i < 300; i++) {
      const kind = KINDS[i % KINDS.length];
      const obj = deepFreeze(i % 3 === 0 ? edit(r, object(r, kind)) : object(r, kind));
      const options: Options = {
        manager: r.pick(["kubectl-create", "", 'a "quoted" <manager>']),
        apiVersion: String(obj.apiVersion),
        time: r.pick(T),
        subresource: r.chance(0.1) ? "status" : undefined,
        resetFields: r.chance(0.6) ? resetFieldsFor(RESOURCES[kind], undefined, kind === "Widget" || kind === "Untyped") : undefined,
      };
      const fast = updateManagedFields(undefined, undefined, obj, options, SCHEMAS[kind]);
      // An explicit `{}` before the write takes the general path with the same input.
      const general = updateManagedFields([], {}, obj, options, SCHEMAS[kind]);
      const plain = reference(undefined, undefined, obj, options, SCHEMAS[kind]);
      assert.equal(text(fast), text(general), `${kind} #${i}: fast vs general`);
      assert.equal(text(fast), text(plain), `${kind} #${i}: fast vs plain`);
    }
  });

  it("matches for maps with many members, in any order, and when the member orders repeat", () => {
    for (const n of [2, 5, 70]) {
      const names = Array.from({ length: n }, (_, i) => `k${(i * 7919) % 101}${i % 2 === 0 ? "𝒳" : "\ue000"}`);
      for (const order of [names, [...names].reverse(), names]) {
        const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: Object.fromEntries(order.map((k) => [k, "v"])) }, data: Object.fromEntries(order.map((k) => [k, "v"])) };
        const options: Options = { manager: "m", apiVersion: "v1", time: T[0], subresource: undefined, resetFields: undefined };
        const fast = updateManagedFields(undefined, undefined, obj, options, SCHEMAS.ConfigMap);
        assert.equal(text(fast), text(reference(undefined, undefined, obj, options, SCHEMAS.ConfigMap)), `${n} members`);
      }
    }
  });

  it("matches on edge cases: empty and null containers, unidentifiable items, reset and stripped paths", () => {
    const cases: [JsonObject, StructuralSchema | undefined, FieldSet | undefined][] = [
      [{}, podSchema, undefined],
      [{ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }, podSchema, undefined],
      [{ apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: {} }, spec: { containers: [] }, status: {} }, podSchema, resetFieldsFor("pods")],
      [{ metadata: { name: "p", ownerReferences: [{ uid: "1" }], labels: { a: "1" } }, spec: { containers: [{ name: "a" }, { name: "a" }] } }, podSchema, resetFieldsFor("pods", "status")],
      [{ spec: { containers: [{ image: "no name" }], nodeSelector: null } }, podSchema, undefined],
      [{ kind: { odd: "object" }, apiVersion: ["x"], metadata: { name: { n: 1 }, generation: 2 } }, undefined, undefined],
      [{ spec: { routes: [{ host: "a" }, { host: "a", port: 80 }], tags: ["t", "t", 1, true, null] } }, widgetSchema, undefined],
      [{ data: { "<>&\u2028": "x", "𝒳": "y", "\ue000": "z", ["long".repeat(100)]: "not cached" } }, configMapSchema, undefined],
      [{ spec: { tags: ["long".repeat(100), "short"], extra: { ["long".repeat(100)]: { a: 1 } } } }, widgetSchema, undefined],
    ];
    for (const [i, [obj, schema, resetFields]] of cases.entries()) {
      const options: Options = { manager: "m", apiVersion: "v1", time: T[0], resetFields };
      const fast = updateManagedFields(undefined, undefined, deepFreeze(obj), options, schema);
      assert.equal(text(fast), text(updateManagedFields(undefined, {}, obj, options, schema)), `case ${i}: fast vs general`);
      assert.equal(text(fast), text(reference(undefined, undefined, obj, options, schema)), `case ${i}: fast vs plain`);
    }
  });

  it("is taken only without managedFields: a create that brings its own entries takes the general path", () => {
    const obj = deepFreeze({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: "1" } }, data: { k: "v" } });
    const own: ManagedFieldsEntry[] = [{ manager: "pre", operation: "Update", apiVersion: "v1", time: T[0], fieldsType: "FieldsV1", fieldsV1: { "f:metadata": { "f:labels": { "f:a": {} } } } }];
    const options: Options = { manager: "m", apiVersion: "v1", time: T[1] };
    const created = updateManagedFields(own, undefined, obj, options, configMapSchema);
    assert.equal(text(created), text(reference(own, undefined, obj, options, configMapSchema)));
    assert.deepEqual(
      created.map((e) => e.manager),
      ["m"],
    );
  });
});

describe("updates", () => {
  it("give byte-identical managedFields to the plain algorithm over sequences of writes by several managers", () => {
    const r = random(7);
    for (let i = 0; i < 150; i++) {
      const kind = KINDS[i % KINDS.length];
      const schema = SCHEMAS[kind];
      let live: JsonObject | undefined;
      let entries: ManagedFieldsEntry[] | undefined;
      let current = object(r, kind);
      for (let step = 0; step < 6; step++) {
        const next = deepFreeze(step === 0 ? current : edit(r, current));
        const options: Options = {
          manager: r.pick(["kubectl-create", "kube-controller-manager", "kubectl-label", "kubectl-create"]),
          apiVersion: String(next.apiVersion ?? "v1"),
          time: T[Math.min(step, T.length - 1)],
          subresource: r.chance(0.15) ? "status" : undefined,
          resetFields: r.chance(0.5) ? resetFieldsFor(RESOURCES[kind], undefined, true) : undefined,
          maxUpdateManagers: r.chance(0.2) ? 2 : undefined,
        };
        const start = live === undefined ? undefined : managedFieldsForWrite(live, { ...next, metadata: { ...(next.metadata as JsonObject), managedFields: entries as unknown as JsonValue } });
        const actual = updateManagedFields(start, live, next, options, schema);
        const expected = reference(start, live, next, options, schema);
        assert.equal(text(actual), text(expected), `${kind} #${i} step ${step}`);
        live = next;
        entries = actual;
        current = next;
      }
    }
  });

  it("drop entries that own nothing, and compare objects holding undefined as the plain algorithm does", () => {
    const before = deepFreeze({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } });
    const after = deepFreeze({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "2" } });
    const empty: ManagedFieldsEntry[] = [
      { manager: "nothing", operation: "Update", apiVersion: "v1", time: T[0], fieldsType: "FieldsV1", fieldsV1: {} },
      { manager: "other", operation: "Update", apiVersion: "v1", time: T[0], fieldsType: "FieldsV1", fieldsV1: { "f:data": { "f:b": {} } } },
    ];
    const options: Options = { manager: "m", apiVersion: "v1", time: T[1] };
    const updated = updateManagedFields(empty, before, after, options, configMapSchema);
    assert.deepEqual(
      updated.map((e) => e.manager),
      ["other", "m"],
    );
    assert.equal(text(updated), text(reference(empty, before, after, options, configMapSchema)));
    // A member whose value is undefined counts as added even when both sides have it.
    const odd = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", gone: undefined } } as unknown as JsonObject;
    const same = updateManagedFields(empty, odd, structuredClone(odd), options, configMapSchema);
    assert.equal(text(same), text(reference(empty, odd, structuredClone(odd), options, configMapSchema)));
    assert.equal(text(same.find((e) => e.manager === "m")?.fieldsV1), '{"f:data":{"f:gone":{}}}');
  });

  it("keep the stored FieldsV1 object of every manager whose fields the write does not touch", () => {
    const base = deepFreeze({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", labels: { app: "web" } }, spec: { replicas: 1, paused: false } });
    const created = updateManagedFields(undefined, undefined, base, { manager: "creator", apiVersion: "apps/v1", time: T[0] }, deploymentSchema);
    const scaled = deepFreeze({ ...base, spec: { replicas: 2, paused: false } });
    const afterScale = updateManagedFields(created, base, scaled, { manager: "scaler", apiVersion: "apps/v1", time: T[1] }, deploymentSchema);
    const labelled = deepFreeze({ ...scaled, metadata: { name: "d", labels: { app: "web", tier: "1" } } });
    const afterLabel = updateManagedFields(afterScale, scaled, labelled, { manager: "labeller", apiVersion: "apps/v1", time: T[2] }, deploymentSchema);
    const byManager = (entries: ManagedFieldsEntry[], manager: string) => entries.find((e) => e.manager === manager)?.fieldsV1;
    assert.equal(byManager(afterLabel, "creator"), byManager(afterScale, "creator"), "the creator's entry is untouched");
    assert.equal(byManager(afterLabel, "scaler"), byManager(afterScale, "scaler"), "the scaler's entry is untouched");
    // Scaling again: the scaler changes only what it owns, and keeps its stored object.
    const rescaled = deepFreeze({ ...labelled, spec: { replicas: 3, paused: false } });
    const again = updateManagedFields(afterLabel, labelled, rescaled, { manager: "scaler", apiVersion: "apps/v1", time: T[3] }, deploymentSchema);
    assert.equal(byManager(again, "scaler"), byManager(afterLabel, "scaler"));
    assert.equal(again.find((e) => e.manager === "scaler")?.time, "2024-05-01T11:00:00Z", "its time still moves");
  });
});

describe("field sets that share subtrees", () => {
  it("never show a change made through one set in another", () => {
    const p = (...names: string[]) => names.map(fieldElement);
    const a = FieldSet.of(p("spec", "replicas"), p("spec", "template", "image"), p("metadata", "labels", "app"));
    const b = FieldSet.of(p("spec", "replicas"));
    const results = { clone: a.clone(), union: a.union(b), difference: a.difference(b), recursive: a.recursiveDifference(b), prefix: a.withPrefix(fieldElement("spec")) };
    const before = Object.fromEntries(Object.entries(results).map(([name, set]) => [name, set.toString()]));
    const aBefore = a.toString();
    a.insert(p("spec", "template", "command"));
    a.insert(p("metadata", "labels", "tier"));
    for (const [name, set] of Object.entries(results)) assert.equal(set.toString(), before[name], `${name} after inserting into its operand`);
    for (const set of Object.values(results)) {
      set.insert(p("spec", "template", "args"));
      set.insert(p("template", "args"));
    }
    assert.equal(a.toString(), [aBefore, ".metadata.labels.tier", ".spec.template.command"].join("\n").split("\n").sort().join("\n"));
    assert.ok(!a.has(p("spec", "template", "args")), "inserting into the results leaves the operand alone");
    assert.equal(results.union.toString(), `${before.union}\n.template.args\n.spec.template.args`.split("\n").sort().join("\n"));
  });

  it("decode to independent sets, however often the same FieldsV1 is decoded", () => {
    const fields = { "f:spec": { "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {} } } } };
    const first = decodeFieldsV1(fields);
    const second = decodeFieldsV1(fields);
    first.insert([fieldElement("spec"), fieldElement("containers"), keyElement([["name", "app"]]), fieldElement("args")]);
    assert.deepEqual(encodeFieldsV1(second), fields);
    assert.notDeepEqual(encodeFieldsV1(first), fields);
  });
});

describe("managedFieldsForWrite's check of the request's entries", () => {
  it("falls back to the live entries for every entry decodeManagedFields rejects", () => {
    const live = { metadata: { managedFields: [{ manager: "a", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "f:data": {} } }] } };
    const liveEntries = live.metadata.managedFields as ManagedFieldsEntry[];
    const bad = [
      { "f:data": { "k:{not json": {} } },
      { "f:data": { "f:a": "not an object" } },
      { "f:data": { "i:x": {} } },
      "not an object",
    ];
    for (const fieldsV1 of bad) {
      const entries = [{ manager: "b", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1 }] as unknown as ManagedFieldsEntry[];
      assert.throws(() => decodeManagedFields(entries));
      assert.equal(managedFieldsForWrite(live, { metadata: { managedFields: entries } }), liveEntries);
    }
    // Unknown element types are dropped, not rejected: the request's entries stand.
    const newer = [{ manager: "b", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "x:future": { "f:y": {} } } }] as unknown as ManagedFieldsEntry[];
    assert.equal(managedFieldsForWrite(live, { metadata: { managedFields: newer } }), newer);
  });
});
