/**
 * Issuing X.509 v3 certificates with `node:crypto` keys: the CA, serving and
 * client certificate shapes kube-apiserver deployments use, encoded with
 * {@link module:der} and signed by `crypto.sign`.
 *
 * Everything here is synchronous and deterministic apart from the key
 * material and serial numbers, so callers can reason about what is on disk.
 * @module
 */
import {
  type KeyObject,
  X509Certificate,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from "node:crypto";
import * as der from "./der.js";
import { type AltName, ipBytes } from "./hosts.js";

const OID = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  ecdsaWithSha384: "1.2.840.10045.4.3.3",
  sha256WithRsa: "1.2.840.113549.1.1.11",
} as const;

/** KeyUsage bit positions (RFC 5280 §4.2.1.3). */
const KeyUsage = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

/** Extended key usages a certificate can be restricted to. */
export type ExtKeyUsage = "serverAuth" | "clientAuth";

/** A distinguished name as Kubernetes uses it: CN is the user, O the groups. */
export interface DistinguishedName {
  commonName: string;
  organizations?: readonly string[];
}

/** What to put in a certificate; see {@link issueCertificate}. */
export interface CertificateSpec {
  subject: DistinguishedName;
  /** Public key being certified. */
  publicKey: KeyObject;
  /** Signing key: the CA's private key, or the subject's own for a self-signed CA. */
  signingKey: KeyObject;
  /** Issuer certificate (PEM); omit to self-sign (issuer = subject). */
  issuerCert?: string;
  /** Lifetime in days, counted from now. */
  days: number;
  /** A CA certificate (basicConstraints CA:TRUE, keyCertSign/cRLSign). */
  ca?: boolean;
  extKeyUsage?: readonly ExtKeyUsage[];
  altNames?: readonly AltName[];
  /** Defaults to now; tests override it to mint expired certificates. */
  now?: Date;
}

/** A freshly generated key pair, with the private key also as PKCS#8 PEM. */
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  privateKeyPem: string;
}

/**
 * Backdating notBefore absorbs clock skew between this host and clients
 * (VMs and containers drift); otherwise a just-issued certificate can be
 * "not yet valid" to kubectl on a machine whose clock runs slightly behind.
 */
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Generates an ECDSA P-256 key pair: small, fast, and accepted by Go's
 * crypto/tls, OpenSSL and every Kubernetes client.
 */
export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { privateKey, publicKey, privateKeyPem };
}

/** Parses a PEM private key (PKCS#8, SEC1 or PKCS#1). */
export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** Creates and signs a certificate; returns it PEM-encoded. */
export function issueCertificate(spec: CertificateSpec): string {
  const now = spec.now ?? new Date();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(now.getTime() + spec.days * DAY_MS);
  const { algorithm, hash } = signatureAlgorithm(spec.signingKey);
  const subjectKeyId = keyIdentifier(spec.publicKey);
  const subject = encodeName(spec.subject);

  let issuerName = subject;
  let authorityKeyId: Buffer | undefined;
  if (spec.issuerCert !== undefined) {
    // The issuer field must be byte-for-byte the CA's subject: Go builds
    // chains by comparing raw names, so re-encoding could break verification.
    const fields = certificateFields(new X509Certificate(spec.issuerCert).raw);
    issuerName = fields.subject;
    authorityKeyId = fields.subjectKeyId;
  }

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // v3
    der.unsignedInteger(serialNumber()),
    algorithm,
    issuerName,
    der.sequence(der.time(notBefore), der.time(notAfter)),
    subject,
    spec.publicKey.export({ type: "spki", format: "der" }),
    der.explicit(3, der.sequence(...extensions(spec, subjectKeyId, authorityKeyId))),
  );
  // Node's ECDSA signatures are DER (r, s) sequences, exactly the form X.509 embeds.
  const signature = sign(hash, tbs, spec.signingKey);
  return toPem("CERTIFICATE", der.sequence(tbs, algorithm, der.bitString(signature)));
}

function extensions(spec: CertificateSpec, subjectKeyId: Buffer, authorityKeyId: Buffer | undefined): Buffer[] {
  const out: Buffer[] = [];
  if (spec.ca) {
    out.push(extension(OID.basicConstraints, true, der.sequence(der.boolean(true))));
    out.push(extension(OID.keyUsage, true, der.namedBits([KeyUsage.keyCertSign, KeyUsage.cRLSign])));
  } else {
    out.push(extension(OID.basicConstraints, true, der.sequence()));
    // ECDSA leaf keys only sign handshakes; RSA keys may also encipher the premaster secret.
    const usages: number[] = [KeyUsage.digitalSignature];
    if (spec.publicKey.asymmetricKeyType === "rsa") usages.push(KeyUsage.keyEncipherment);
    out.push(extension(OID.keyUsage, true, der.namedBits(usages)));
  }
  if (spec.extKeyUsage?.length) {
    out.push(extension(OID.extKeyUsage, false, der.sequence(...spec.extKeyUsage.map((u) => der.oid(OID[u])))));
  }
  if (spec.altNames?.length) {
    const names = spec.altNames.map((n) =>
      // GeneralName: dNSName is [2] IA5String, iPAddress is [7] OCTET STRING.
      n.type === "dns" ? der.implicit(2, Buffer.from(n.value, "ascii")) : der.implicit(7, ipBytes(n.value)),
    );
    out.push(extension(OID.subjectAltName, false, der.sequence(...names)));
  }
  out.push(extension(OID.subjectKeyIdentifier, false, der.octetString(subjectKeyId)));
  if (authorityKeyId) {
    out.push(extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, authorityKeyId))));
  }
  return out;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  // critical is BOOLEAN DEFAULT FALSE, and DER forbids encoding a default.
  return der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

function encodeName(name: DistinguishedName): Buffer {
  // One attribute per RDN, O before CN as in Go's pkix.Name encoding. Order
  // does not matter to verifiers, only byte equality between issuer/subject.
  const rdn = (type: string, value: string) => der.set(der.sequence(der.oid(type), der.utf8String(value)));
  return der.sequence(
    ...(name.organizations ?? []).map((o) => rdn(OID.organization, o)),
    rdn(OID.commonName, name.commonName),
  );
}

/** 127 random bits, top bit clear and second bit set: positive, fixed length. */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}

function signatureAlgorithm(key: KeyObject): { algorithm: Buffer; hash: string } {
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return { algorithm: der.sequence(der.oid(OID.ecdsaWithSha256)), hash: "sha256" };
    if (curve === "secp384r1") return { algorithm: der.sequence(der.oid(OID.ecdsaWithSha384)), hash: "sha384" };
  }
  if (key.asymmetricKeyType === "rsa") {
    // RSA AlgorithmIdentifiers carry explicit NULL parameters (RFC 4055).
    return { algorithm: der.sequence(der.oid(OID.sha256WithRsa), der.nullValue()), hash: "sha256" };
  }
  const detail = key.asymmetricKeyDetails?.namedCurve ?? "";
  throw new Error(`unsupported signing key type ${key.asymmetricKeyType} ${detail}`.trim());
}

/**
 * Subject key identifier by RFC 5280 §4.2.1.2 method 1: SHA-1 of the
 * subjectPublicKey bits. Lets verifiers pick the right issuer after a CA
 * rotation; OpenSSL matches it against a child's authorityKeyIdentifier.
 */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: "spki", format: "der" });
  const [, bits] = der.children(spki, der.readElement(spki, 0));
  if (!bits || bits.tag !== der.Tag.bitString) throw new Error("malformed SubjectPublicKeyInfo");
  // Skip the leading "unused bits" octet of the BIT STRING.
  return createHash("sha1")
    .update(spki.subarray(bits.contentStart + 1, bits.end))
    .digest();
}

/** Raw pieces of a certificate that issuing a child needs. */
export interface CertificateFields {
  /** The DER-encoded subject Name, exactly as in the certificate. */
  subject: Buffer;
  /** Contents of the subjectKeyIdentifier extension, when present. */
  subjectKeyId?: Buffer;
}

/** Extracts the subject and subjectKeyIdentifier from a DER certificate. */
export function certificateFields(certDer: Uint8Array): CertificateFields {
  const cert = der.readElement(certDer, 0);
  const [tbs] = der.children(certDer, cert);
  if (!tbs) throw new Error("malformed certificate");
  const fields = der.children(certDer, tbs);
  // version [0] is optional (absent in v1 certificates); the rest are positional.
  const base = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[base + 4];
  if (!subject || subject.tag !== der.Tag.sequence) throw new Error("malformed certificate subject");
  const out: CertificateFields = { subject: Buffer.from(certDer.subarray(subject.start, subject.end)) };

  const ski = der.oid(OID.subjectKeyIdentifier);
  const extsWrapper = fields.find((f) => f.tag === 0xa3);
  const exts = extsWrapper ? der.children(certDer, extsWrapper)[0] : undefined;
  for (const ext of exts ? der.children(certDer, exts) : []) {
    const parts = der.children(certDer, ext);
    const id = parts[0]!;
    if (!ski.equals(certDer.subarray(id.start, id.end))) continue;
    const value = parts[parts.length - 1]!; // OCTET STRING wrapping an OCTET STRING
    const inner = der.readElement(certDer, value.contentStart);
    out.subjectKeyId = Buffer.from(certDer.subarray(inner.contentStart, inner.end));
  }
  return out;
}

/** PEM armour with 64-column base64, as OpenSSL and Go write it. */
export function toPem(label: string, body: Uint8Array): string {
  const b64 = Buffer.from(body).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
