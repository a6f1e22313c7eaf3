/**
 * {@link writeKubeconfig}: the document kubectl reads, file mode, atomicity.
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { renderKubeconfig, writeKubeconfig } from "./kubeconfig.js";

const CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
const CERT = "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("writeKubeconfig", () => {
  it("writes one cluster, user and context with embedded credentials, mode 0600", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kube-ts-kubeconfig-"));
    dirs.push(dir);
    const path = join(dir, "nested", "config");
    await writeKubeconfig(path, {
      server: "https://127.0.0.1:6443",
      caCert: CA,
      clientCert: CERT,
      clientKey: KEY,
      token: "abc",
      namespace: "kube-system",
    });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(parse(await readFile(path, "utf8")), {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kube-ts", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": b64(CA) } }],
      users: [
        {
          name: "kube-ts-admin",
          user: { "client-certificate-data": b64(CERT), "client-key-data": b64(KEY), token: "abc" },
        },
      ],
      contexts: [{ name: "kube-ts", context: { cluster: "kube-ts", user: "kube-ts-admin", namespace: "kube-system" } }],
      "current-context": "kube-ts",
      preferences: {},
    });
    assert.deepEqual(await readdir(join(dir, "nested")), ["config"]);
  });

  it("replaces an existing file atomically and keeps it private", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kube-ts-kubeconfig-"));
    dirs.push(dir);
    const path = join(dir, "config");
    await writeFile(path, "old", { mode: 0o644 });
    await writeKubeconfig(path, {
      server: "https://h:1",
      caCert: CA,
      token: "t",
      clusterName: "c",
      userName: "u",
      contextName: "x",
    });
    const doc = parse(await readFile(path, "utf8"));
    assert.equal(doc["current-context"], "x");
    assert.deepEqual(doc.contexts, [{ name: "x", context: { cluster: "c", user: "u" } }]);
    assert.deepEqual(doc.users, [{ name: "u", user: { token: "t" } }]);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ["config"]);
  });

  it("does not fold long base64 lines and rejects half a client key pair", () => {
    const long = "x".repeat(2000);
    const text = renderKubeconfig({ server: "https://h:1", caCert: long });
    assert.ok(text.includes(`certificate-authority-data: ${b64(long)}\n`));
    assert.throws(() => renderKubeconfig({ server: "https://h:1", caCert: CA, clientCert: CERT }), /together/);
  });
});
