/**
 * {@link ensureClusterPki}: first-start generation, byte-identical reuse,
 * and which changes reissue the serving certificate while keeping the CA.
 * @module
 */
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateKeyPair, issueCertificate, loadPrivateKey } from "./certificate.js";
import { type ClusterPki, clusterPkiPaths, ensureClusterPki, SERVER_SUBJECT } from "./cluster-pki.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kube-ts-pki-"));
  dirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const pems = (p: ClusterPki) => [p.caCert, p.caKey, p.serverCert, p.serverKey, p.adminCert, p.adminKey, p.adminToken];

describe("ensureClusterPki", () => {
  it("generates a CA, serving and admin certificates and a token on first start", async () => {
    const dataDir = await tempDir();
    const pki = await ensureClusterPki(dataDir);
    assert.deepEqual(pki.generated, ["ca", "server", "admin", "token"]);
    assert.equal(pki.paths.dir, join(dataDir, "pki"));

    const ca = new X509Certificate(pki.caCert);
    assert.equal(ca.subject, "CN=kube-ts-ca");
    assert.equal(ca.ca, true);
    assert.ok(ca.verify(ca.publicKey));
    assert.equal(ca.publicKey.asymmetricKeyType, "ec");
    assert.equal(ca.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
    const caYears = (Date.parse(ca.validTo) - Date.now()) / (365 * 86_400_000);
    assert.ok(caYears > 9.9 && caYears < 10.1, `CA valid for ${caYears} years`);

    const server = new X509Certificate(pki.serverCert);
    assert.ok(server.verify(ca.publicKey));
    assert.ok(server.checkIssued(ca));
    assert.ok(server.checkPrivateKey(loadPrivateKey(pki.serverKey)));
    assert.equal(server.ca, false);
    assert.deepEqual(server.keyUsage, ["1.3.6.1.5.5.7.3.1"]); // serverAuth
    for (const ip of ["127.0.0.1", "::1"]) assert.equal(server.checkIP(ip), ip);
    for (const host of [
      "localhost",
      "kubernetes",
      "kubernetes.default",
      "kubernetes.default.svc",
      "kubernetes.default.svc.cluster.local",
    ]) {
      assert.equal(server.checkHost(host, { subject: "never" }), host);
    }
    assert.equal(server.checkIP("10.1.2.3"), undefined);
    assert.ok(Date.parse(server.validTo) - Date.now() >= 364 * 86_400_000);

    const admin = new X509Certificate(pki.adminCert);
    assert.ok(admin.verify(ca.publicKey));
    assert.ok(admin.checkPrivateKey(loadPrivateKey(pki.adminKey)));
    assert.deepEqual(new Set(admin.subject.split("\n")), new Set(["CN=kube-ts-admin", "O=system:masters"]));
    assert.deepEqual(admin.keyUsage, ["1.3.6.1.5.5.7.3.2"]); // clientAuth

    assert.match(pki.adminToken, /^[0-9a-f]{64}$/);

    assert.equal(await mode(pki.paths.dir), 0o700);
    for (const key of [pki.paths.caKey, pki.paths.serverKey, pki.paths.adminKey, pki.paths.adminToken]) {
      assert.equal(await mode(key), 0o600, key);
    }
    assert.equal(await readFile(pki.paths.caCert, "utf8"), pki.caCert);
    assert.equal((await readFile(pki.paths.adminToken, "utf8")).trim(), pki.adminToken);
    // Atomic writes leave no temp files behind.
    assert.deepEqual((await readdir(pki.paths.dir)).sort(), [
      "admin.crt",
      "admin.key",
      "admin.token",
      "apiserver.crt",
      "apiserver.key",
      "ca.crt",
      "ca.key",
    ]);
  });

  it("reads everything back unchanged on the next start", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    const second = await ensureClusterPki(dataDir);
    assert.deepEqual(second.generated, []);
    assert.deepEqual(pems(second), pems(first));
    assert.deepEqual(second.paths, first.paths);
  });

  it("reissues the serving certificate for a new host but keeps the CA and admin credentials", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    const second = await ensureClusterPki(dataDir, { hosts: ["127.0.0.1", "10.20.30.40", "api.example.com"] });
    assert.deepEqual(second.generated, ["server"]);
    assert.equal(second.caCert, first.caCert);
    assert.equal(second.caKey, first.caKey);
    assert.equal(second.adminCert, first.adminCert);
    assert.equal(second.adminToken, first.adminToken);
    assert.notEqual(second.serverCert, first.serverCert);
    assert.notEqual(second.serverKey, first.serverKey);

    const server = new X509Certificate(second.serverCert);
    assert.ok(server.verify(new X509Certificate(first.caCert).publicKey));
    assert.equal(server.checkIP("10.20.30.40"), "10.20.30.40");
    assert.equal(server.checkHost("api.example.com", { subject: "never" }), "api.example.com");
    assert.equal(server.checkHost("kubernetes.default.svc", { subject: "never" }), "kubernetes.default.svc");

    // A subset of the covered hosts needs nothing new.
    const third = await ensureClusterPki(dataDir, { hosts: ["API.example.com"] });
    assert.deepEqual(third.generated, []);
    assert.equal(third.serverCert, second.serverCert);
  });

  it("reissues an expired serving certificate", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    const keys = generateKeyPair();
    const expired = issueCertificate({
      subject: SERVER_SUBJECT,
      publicKey: keys.publicKey,
      signingKey: loadPrivateKey(first.caKey),
      issuerCert: first.caCert,
      days: 365,
      now: new Date(Date.now() - 400 * 86_400_000),
      extKeyUsage: ["serverAuth"],
    });
    await writeFile(first.paths.serverKey, keys.privateKeyPem);
    await writeFile(first.paths.serverCert, expired);

    const second = await ensureClusterPki(dataDir);
    assert.deepEqual(second.generated, ["server"]);
    assert.equal(second.caCert, first.caCert);
    assert.ok(Date.parse(new X509Certificate(second.serverCert).validTo) > Date.now());
  });

  it("reissues leaf certificates that are missing, mismatched or from another CA", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    const paths = clusterPkiPaths(dataDir);

    await rm(paths.adminCert);
    await writeFile(paths.serverKey, generateKeyPair().privateKeyPem); // key no longer matches cert
    const second = await ensureClusterPki(dataDir);
    assert.deepEqual(second.generated, ["server", "admin"]);
    assert.equal(second.caCert, first.caCert);
    assert.ok(new X509Certificate(second.serverCert).checkPrivateKey(loadPrivateKey(second.serverKey)));

    // A serving cert signed by some other CA (e.g. copied from another cluster).
    const other = await ensureClusterPki(await tempDir());
    await writeFile(paths.serverCert, other.serverCert);
    await writeFile(paths.serverKey, other.serverKey);
    const third = await ensureClusterPki(dataDir);
    assert.deepEqual(third.generated, ["server"]);
    assert.ok(new X509Certificate(third.serverCert).verify(new X509Certificate(first.caCert).publicKey));
  });

  it("refuses to replace a CA whose key is missing or wrong", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    await writeFile(first.paths.caKey, generateKeyPair().privateKeyPem);
    await assert.rejects(ensureClusterPki(dataDir), /does not match CA certificate/);
    await rm(first.paths.caKey);
    await assert.rejects(ensureClusterPki(dataDir), /ca\.key is missing/);
  });

  it("starts a fresh CA when only an orphaned CA key is left (interrupted first start)", async () => {
    const dataDir = await tempDir();
    const first = await ensureClusterPki(dataDir);
    await rm(first.paths.caCert);
    const second = await ensureClusterPki(dataDir);
    assert.deepEqual(second.generated, ["ca", "server", "admin"]);
    assert.notEqual(second.caCert, first.caCert);
    assert.equal(second.adminToken, first.adminToken);
    assert.ok(new X509Certificate(second.adminCert).verify(new X509Certificate(second.caCert).publicKey));
  });

  it("tightens the permissions of an existing pki directory", async () => {
    const dataDir = await tempDir();
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(dataDir, "pki"), { mode: 0o755 });
    const pki = await ensureClusterPki(dataDir);
    assert.equal(await mode(pki.paths.dir), 0o700);
  });
});
