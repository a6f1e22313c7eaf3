import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../registry/resource.js";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "./config.js";
import { formatFieldError } from "./core.js";

const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const cm = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "d" }, ...fields });
const secret = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "d" }, ...fields });
const msgs = (errs: ReturnType<typeof validateSecret>) => errs.map(formatFieldError);
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("validateConfigMap", () => {
  it("accepts file-like keys", () => {
    assert.deepEqual(validateConfigMap(cm({ data: { "app.properties": "a=b", KEY_1: "" }, binaryData: { "logo.png": b64("png") } })), []);
  });

  it("checks keys, duplicates and total size", () => {
    assert.deepEqual(msgs(validateConfigMap(cm({ data: { "a b": "x", "..x": "y" } }))), [
      "data[..x]: Invalid value: \"..x\": must not start with '..'",
      `data[a b]: Invalid value: "a b": ${CONFIG_KEY_MSG}`,
    ]);
    assert.deepEqual(msgs(validateConfigMap(cm({ data: { k: "x" }, binaryData: { k: b64("y") } }))), [
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]);
    assert.deepEqual(msgs(validateConfigMap(cm({ data: { big: "x".repeat(1024 * 1024 + 1) } }))), [": Too long: must have at most 1048576 bytes"]);
    assert.deepEqual(validateConfigMap(cm({ data: { big: "x".repeat(1024 * 1024) } })), []);
  });

  it("freezes data once immutable", () => {
    const old = cm({ data: { a: "1" }, immutable: true });
    assert.deepEqual(validateConfigMapUpdate(cm({ data: { a: "1" }, immutable: true }), old), []);
    assert.deepEqual(msgs(validateConfigMapUpdate(cm({ data: { a: "2" } }), old)), [
      "immutable: Forbidden: field is immutable when `immutable` is set",
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    assert.deepEqual(validateConfigMapUpdate(cm({ data: { a: "2" }, immutable: true }), cm({ data: { a: "1" } })), []);
  });
});

describe("validateSecret", () => {
  it("accepts opaque secrets, counting stringData", () => {
    assert.deepEqual(validateSecret(secret({ data: { password: b64("pw") }, stringData: { user: "admin" } })), []);
    assert.deepEqual(msgs(validateSecret(secret({ stringData: { "bad key": "x" } }))), [`data[bad key]: Invalid value: "bad key": ${CONFIG_KEY_MSG}`]);
  });

  it("limits the size to 1 MiB of decoded data", () => {
    assert.deepEqual(msgs(validateSecret(secret({ data: { a: b64("x".repeat(1024 * 1024)), b: b64("y") } }))), [
      "data: Too long: must have at most 1048576 bytes",
    ]);
  });

  it("requires each type's keys", () => {
    assert.deepEqual(msgs(validateSecret(secret({ type: "kubernetes.io/tls", data: {} }))), [
      "data[tls.crt]: Required value",
      "data[tls.key]: Required value",
    ]);
    assert.deepEqual(msgs(validateSecret(secret({ type: "kubernetes.io/basic-auth" }))), [
      "data[username]: Required value",
      "data[password]: Required value",
    ]);
    assert.deepEqual(validateSecret(secret({ type: "kubernetes.io/basic-auth", stringData: { password: "" } })), []);
    assert.deepEqual(msgs(validateSecret(secret({ type: "kubernetes.io/service-account-token" }))), [
      "metadata.annotations[kubernetes.io/service-account.name]: Required value",
    ]);
    assert.deepEqual(msgs(validateSecret(secret({ type: "kubernetes.io/ssh-auth" }))), ["data[ssh-privatekey]: Required value"]);
    const bad = msgs(validateSecret(secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("{nope") } })));
    assert.equal(bad.length, 1);
    assert.match(bad[0], /^data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>": /);
    assert.deepEqual(validateSecret(secret({ type: "kubernetes.io/dockerconfigjson", stringData: { ".dockerconfigjson": '{"auths":{}}' } })), []);
  });

  it("keeps the type, and the data once immutable", () => {
    const old = secret({ data: { a: b64("1") }, immutable: true });
    assert.deepEqual(msgs(validateSecretUpdate(secret({ type: "kubernetes.io/tls", data: { a: b64("1"), "tls.crt": "", "tls.key": "" }, immutable: true }), old)), [
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    assert.deepEqual(validateSecretUpdate(secret({ type: "Opaque", data: { a: b64("1") }, immutable: true }), old), []);
  });
});
