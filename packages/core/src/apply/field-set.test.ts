/** Tests of path elements (order, text forms) and {@link FieldSet} operations. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldSet } from "./field-set.js";
import {
  compareElements,
  elementKey,
  fieldElement,
  indexElement,
  keyElement,
  type Path,
  type PathElement,
  parseElementKey,
  pathText,
  UNKNOWN_ELEMENT,
  valueElement,
} from "./path.js";

const f = fieldElement;
/** A path from dotted field names, e.g. `p("spec.replicas")`. */
const p = (dotted: string, ...more: PathElement[]): Path => [...dotted.split(".").map(f), ...more];
const texts = (set: FieldSet) => [...set.paths()].map(pathText);

describe("path elements", () => {
  it("print as upstream's PathElement.String", () => {
    const path = [...p("spec.template.spec.containers"), keyElement([["name", "nginx"]]), f("image")];
    assert.equal(pathText(path), '.spec.template.spec.containers[name="nginx"].image');
    assert.equal(pathText([f("ports"), keyElement([["protocol", "TCP"], ["containerPort", 80]])]), '.ports[containerPort=80,protocol="TCP"]');
    assert.equal(pathText([f("finalizers"), valueElement("a")]), '.finalizers[="a"]');
    assert.equal(pathText([f("list"), indexElement(3)]), ".list[3]");
    assert.equal(pathText([f("tags"), valueElement(true)]), ".tags[=true]");
  });

  it("have FieldsV1 keys with sorted key fields and Go's escaping", () => {
    assert.equal(elementKey(keyElement([["protocol", "TCP"], ["containerPort", 80]])), 'k:{"containerPort":80,"protocol":"TCP"}');
    assert.equal(elementKey(valueElement("a<b&c>")), 'v:"a\\u003cb\\u0026c\\u003e"');
    assert.equal(elementKey(f("deployment.kubernetes.io/revision")), "f:deployment.kubernetes.io/revision");
    assert.equal(elementKey(indexElement(0)), "i:0");
  });

  it("parse FieldsV1 keys back, canonically", () => {
    const parsed = parseElementKey('k:{"protocol":"TCP", "containerPort":80}');
    assert.notEqual(parsed, UNKNOWN_ELEMENT);
    assert.equal(elementKey(parsed as PathElement), 'k:{"containerPort":80,"protocol":"TCP"}');
    assert.deepEqual(parseElementKey("v:1"), valueElement(1));
    assert.deepEqual(parseElementKey("i:12"), indexElement(12));
    assert.equal(parseElementKey("r:whatever"), UNKNOWN_ELEMENT);
    assert.throws(() => parseElementKey("f"), /2 characters/);
    assert.throws(() => parseElementKey("fx"), /missing colon/);
    assert.throws(() => parseElementKey("v:{"), Error);
  });

  it("sort as upstream: fields, keys, values (numbers, strings, booleans), indices", () => {
    const elements = [indexElement(2), valueElement(true), valueElement("a"), valueElement(2), keyElement([["name", "b"]]), keyElement([["name", "a"]]), f("b"), f("a"), indexElement(1)];
    const sorted = [...elements].sort(compareElements).map(elementKey);
    assert.deepEqual(sorted, ["f:a", "f:b", 'k:{"name":"a"}', 'k:{"name":"b"}', "v:2", 'v:"a"', "v:true", "i:1", "i:2"]);
  });

  it("compare names byte-wise (UTF-8 order), not by UTF-16 units", () => {
    // U+FF5E sorts before U+1F600 in UTF-8 though its UTF-16 unit is larger.
    assert.ok(compareElements(f("\uff5e"), f("\u{1f600}")) < 0);
    assert.ok(compareElements(f("Z"), f("a")) < 0);
  });
});

describe("FieldSet", () => {
  const a = FieldSet.of(p("spec.replicas"), p("spec.template.spec.containers", keyElement([["name", "app"]])), p("metadata.labels.app"));
  const b = FieldSet.of(p("spec.replicas"), p("spec.paused"), p("metadata.labels"));

  it("knows its members, not their prefixes", () => {
    assert.ok(a.has(p("spec.replicas")));
    assert.ok(!a.has(p("spec")));
    assert.ok(!a.has([]));
    assert.equal(a.size, 3);
    assert.ok(new FieldSet().isEmpty());
    assert.ok(new FieldSet().insert([]).isEmpty(), "the whole object is never tracked");
  });

  it("iterates members level by level, in element order", () => {
    const set = FieldSet.of(p("spec.template.x"), p("spec.b"), p("spec.a"), p("apiVersion"), p("spec"));
    assert.deepEqual(texts(set), [".apiVersion", ".spec", ".spec.a", ".spec.b", ".spec.template.x"]);
  });

  it("unions, intersects and subtracts", () => {
    assert.deepEqual(texts(a.union(b)), [
      ".metadata.labels",
      ".metadata.labels.app",
      ".spec.paused",
      ".spec.replicas",
      '.spec.template.spec.containers[name="app"]',
    ]);
    assert.deepEqual(texts(a.intersection(b)), [".spec.replicas"]);
    assert.deepEqual(texts(a.difference(b)), [".metadata.labels.app", '.spec.template.spec.containers[name="app"]']);
    assert.deepEqual(texts(b.difference(a)), [".metadata.labels", ".spec.paused"]);
  });

  it("subtracts recursively: a member removes everything below it", () => {
    assert.deepEqual(texts(a.recursiveDifference(b)), ['.spec.template.spec.containers[name="app"]']);
    assert.deepEqual(texts(a.recursiveDifference(FieldSet.of(p("spec")))), [".metadata.labels.app"]);
  });

  it("never shares nodes with its operands", () => {
    const u = a.union(b);
    u.insert(p("spec.template.spec.containers", keyElement([["name", "app"]]), f("image")));
    assert.ok(!a.has(p("spec.template.spec.containers", keyElement([["name", "app"]]), f("image"))));
    const prefix = a.withPrefix(f("spec"));
    prefix.insert(p("new"));
    assert.ok(!a.has(p("spec.new")));
  });

  it("compares, finds leaves, prefixes and prints", () => {
    assert.ok(a.equals(a.clone()));
    assert.ok(!a.equals(b));
    const set = FieldSet.of(p("metadata.labels"), p("metadata.labels.app"));
    assert.deepEqual(texts(set.leaves()), [".metadata.labels.app"]);
    assert.deepEqual(texts(a.withPrefix(f("spec"))), [".replicas", '.template.spec.containers[name="app"]']);
    assert.equal(b.toString(), ".metadata.labels\n.spec.paused\n.spec.replicas");
  });
});
