/**
 * Certificates issued by {@link module:certificate}, parsed and verified by
 * `node:crypto` (OpenSSL) rather than by our own decoder.
 * @module
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { describe, it } from "node:test";
import { certificateFields, generateKeyPair, issueCertificate, keyIdentifier } from "./certificate.js";
import * as der from "./der.js";
import { altNames } from "./hosts.js";

function makeCa() {
  const keys = generateKeyPair();
  const cert = issueCertificate({
    subject: { commonName: "test-ca" },
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    days: 10,
    ca: true,
  });
  return { keys, cert, x509: new X509Certificate(cert) };
}

describe("issueCertificate", () => {
  it("self-signs a CA certificate", () => {
    const ca = makeCa();
    assert.equal(ca.x509.ca, true);
    assert.equal(ca.x509.subject, "CN=test-ca");
    assert.equal(ca.x509.issuer, "CN=test-ca");
    assert.ok(ca.x509.verify(ca.keys.publicKey));
    assert.ok(ca.x509.checkPrivateKey(ca.keys.privateKey));
    assert.match(ca.cert, /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    const text = ca.x509.toLegacyObject();
    assert.match(text.serialNumber, /^[4-7][0-9A-F]{31}$/); // positive, 16 bytes
  });

  it("issues a leaf with SANs, EKU and key identifiers", () => {
    const ca = makeCa();
    const leaf = generateKeyPair();
    const pem = issueCertificate({
      subject: { commonName: "kube-ts-admin", organizations: ["system:masters", "devs"] },
      publicKey: leaf.publicKey,
      signingKey: ca.keys.privateKey,
      issuerCert: ca.cert,
      days: 30,
      extKeyUsage: ["serverAuth", "clientAuth"],
      altNames: altNames(["127.0.0.1", "::1", "Example.COM"]),
    });
    const cert = new X509Certificate(pem);
    assert.equal(cert.ca, false);
    assert.ok(cert.checkIssued(ca.x509));
    assert.ok(cert.verify(ca.keys.publicKey));
    assert.equal(cert.issuer, "CN=test-ca");
    assert.deepEqual(new Set(cert.subject.split("\n")), new Set(["O=system:masters", "O=devs", "CN=kube-ts-admin"]));
    assert.deepEqual(cert.keyUsage, ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    assert.equal(cert.checkIP("127.0.0.1"), "127.0.0.1");
    assert.equal(cert.checkIP("::1"), "::1");
    assert.equal(cert.checkHost("example.com"), "example.com");
    assert.equal(cert.checkIP("10.0.0.1"), undefined);
    const validDays = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    assert.ok(validDays > 30 && validDays < 30.01, `validity ${validDays} days`);

    const legacy = cert.toLegacyObject() as unknown as { ext_key_usage?: string[]; subjectaltname?: string };
    assert.equal(legacy.subjectaltname, "IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:example.com");
    // The AKI points at the CA's SKI, and the SKI is the RFC 5280 key hash.
    assert.deepEqual(certificateFields(cert.raw).subjectKeyId, keyIdentifier(leaf.publicKey));
    assert.deepEqual(certificateFields(ca.x509.raw).subjectKeyId, keyIdentifier(ca.keys.publicKey));
  });

  it("copies the issuer name bytes from the CA certificate", () => {
    const ca = makeCa();
    const leaf = generateKeyPair();
    const cert = new X509Certificate(
      issueCertificate({
        subject: { commonName: "x" },
        publicKey: leaf.publicKey,
        signingKey: ca.keys.privateKey,
        issuerCert: ca.cert,
        days: 1,
      }),
    );
    assert.deepEqual(certificateFields(ca.x509.raw).subject, issuerOf(cert.raw));
  });

  it("signs with RSA and P-384 CA keys too", () => {
    for (const keys of [
      generateKeyPairSync("rsa", { modulusLength: 2048 }),
      generateKeyPairSync("ec", { namedCurve: "secp384r1" }),
    ]) {
      const ca = issueCertificate({ subject: { commonName: "ca" }, publicKey: keys.publicKey, signingKey: keys.privateKey, days: 1, ca: true });
      const leaf = generateKeyPair();
      const cert = new X509Certificate(
        issueCertificate({ subject: { commonName: "leaf" }, publicKey: leaf.publicKey, signingKey: keys.privateKey, issuerCert: ca, days: 1 }),
      );
      assert.ok(cert.verify(keys.publicKey));
      assert.ok(cert.checkIssued(new X509Certificate(ca)));
    }
  });

  it("refuses signing keys it cannot describe", () => {
    const keys = generateKeyPairSync("ed25519");
    assert.throws(
      () => issueCertificate({ subject: { commonName: "x" }, publicKey: keys.publicKey, signingKey: keys.privateKey, days: 1 }),
      /unsupported signing key type ed25519/,
    );
  });
});

/** The raw issuer Name of a DER certificate (the field before validity). */
function issuerOf(raw: Buffer): Buffer {
  const tbs = der.children(raw, der.readElement(raw, 0))[0]!;
  const fields = der.children(raw, tbs);
  const issuer = fields[3]!; // version, serial, signature, issuer
  return raw.subarray(issuer.start, issuer.end);
}
