/**
 * The API server's credentials on disk: a cluster CA, the HTTPS serving
 * certificate, an admin client certificate and an admin bearer token, kept
 * under `<dataDir>/pki/` with kubeadm-like file names.
 *
 * First start generates everything; later starts read it back unchanged so
 * kubeconfigs already handed out keep working. Only leaf certificates are
 * ever replaced automatically; the CA is the root of trust and is never
 * silently swapped.
 * @module
 */
import { randomBytes, X509Certificate } from "node:crypto";
import { join } from "node:path";
import { type DistinguishedName, type ExtKeyUsage, generateKeyPair, issueCertificate, loadPrivateKey } from "./certificate.js";
import { ensurePrivateDir, PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, readIfExists, writeFileAtomic } from "./files.js";
import { type AltName, altNames, KUBERNETES_SERVICE_NAMES } from "./hosts.js";

/** Hosts the serving certificate covers when none are given. */
export const DEFAULT_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1"];

/** Subject of the cluster CA. */
export const CA_SUBJECT: DistinguishedName = { commonName: "kube-ts-ca" };
/** Subject of the serving certificate (kubeadm's choice; clients check SANs, not CN). */
export const SERVER_SUBJECT: DistinguishedName = { commonName: "kube-apiserver" };
/** Subject of the admin client certificate: user kube-ts-admin in group system:masters. */
export const ADMIN_SUBJECT: DistinguishedName = { commonName: "kube-ts-admin", organizations: ["system:masters"] };

/** Lifetimes in days. Leaf certificates are short so a leaked one ages out; the CA outlives them. */
export const CA_DAYS = 3650;
export const SERVER_DAYS = 365;
export const ADMIN_DAYS = 365;
/**
 * Leaf certificates this close to expiry are renewed at start, so a server
 * that then runs for weeks does not cross the expiry mid-flight. Renewing the
 * serving certificate is invisible to clients (they trust the CA).
 */
export const RENEW_BEFORE_DAYS = 30;

/** Locations of the credential files. */
export interface ClusterPkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  adminToken: string;
}

/** Credentials as PEM strings (and the token), plus where they live. */
export interface ClusterPki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  /** Random 32-byte token, hex-encoded. */
  adminToken: string;
  paths: ClusterPkiPaths;
  /** What this call (re)generated, for logging; empty when everything was reused. */
  generated: Array<"ca" | "server" | "admin" | "token">;
}

/** Options for {@link ensureClusterPki}. */
export interface ClusterPkiOptions {
  /** IPs and DNS names the serving certificate must cover. Default {@link DEFAULT_HOSTS}. */
  hosts?: readonly string[];
}

/** The file layout under `<dataDir>/pki/`. */
export function clusterPkiPaths(dataDir: string): ClusterPkiPaths {
  const dir = join(dataDir, "pki");
  return {
    dir,
    caCert: join(dir, "ca.crt"),
    caKey: join(dir, "ca.key"),
    serverCert: join(dir, "apiserver.crt"),
    serverKey: join(dir, "apiserver.key"),
    adminCert: join(dir, "admin.crt"),
    adminKey: join(dir, "admin.key"),
    adminToken: join(dir, "admin.token"),
  };
}

/**
 * Loads the cluster credentials from `<dataDir>/pki/`, creating whatever is
 * missing. The CA is generated only when `ca.crt` is absent; a CA certificate
 * without a usable key is an error rather than a reason to mint a new root
 * (that would silently invalidate every kubeconfig). The serving certificate
 * is reissued when missing, unreadable, not from this CA, expiring, or not
 * covering every requested host; the admin certificate likewise (minus the
 * host check); the token only when missing.
 *
 * Not safe against two processes initialising the same directory at once.
 */
export async function ensureClusterPki(dataDir: string, opts: ClusterPkiOptions = {}): Promise<ClusterPki> {
  const paths = clusterPkiPaths(dataDir);
  await ensurePrivateDir(paths.dir);
  const generated: ClusterPki["generated"] = [];
  const now = new Date();

  const ca = await ensureCa(paths, generated);
  const serverNames = altNames([...(opts.hosts ?? DEFAULT_HOSTS), ...KUBERNETES_SERVICE_NAMES]);
  const server = await ensureLeaf(paths.serverCert, paths.serverKey, ca, now, serverNames, {
    subject: SERVER_SUBJECT,
    days: SERVER_DAYS,
    extKeyUsage: ["serverAuth"],
    altNames: serverNames,
  });
  if (server.generated) generated.push("server");
  const admin = await ensureLeaf(paths.adminCert, paths.adminKey, ca, now, [], {
    subject: ADMIN_SUBJECT,
    days: ADMIN_DAYS,
    extKeyUsage: ["clientAuth"],
  });
  if (admin.generated) generated.push("admin");

  let adminToken = (await readIfExists(paths.adminToken))?.trim();
  if (!adminToken) {
    adminToken = randomBytes(32).toString("hex");
    await writeFileAtomic(paths.adminToken, `${adminToken}\n`, PRIVATE_FILE_MODE);
    generated.push("token");
  }

  return {
    caCert: ca.cert,
    caKey: ca.key,
    serverCert: server.cert,
    serverKey: server.key,
    adminCert: admin.cert,
    adminKey: admin.key,
    adminToken,
    paths,
    generated,
  };
}

interface Pair {
  cert: string;
  key: string;
}

async function ensureCa(paths: ClusterPkiPaths, generated: ClusterPki["generated"]): Promise<Pair & { x509: X509Certificate }> {
  const [cert, key] = await Promise.all([readIfExists(paths.caCert), readIfExists(paths.caKey)]);
  if (cert !== undefined) {
    if (key === undefined) throw new Error(`${paths.caCert} exists but ${paths.caKey} is missing; restore it or remove ${paths.dir} to start a new cluster CA`);
    const x509 = new X509Certificate(cert);
    if (!x509.ca || !x509.checkPrivateKey(loadPrivateKey(key))) {
      throw new Error(`${paths.caKey} does not match CA certificate ${paths.caCert}`);
    }
    // Clients would reject everything it signs; say so instead of serving a dead chain.
    if (!(new Date(x509.validTo).getTime() > Date.now())) {
      throw new Error(`cluster CA ${paths.caCert} expired on ${x509.validTo}; remove ${paths.dir} to start a new cluster CA`);
    }
    return { cert, key, x509 };
  }
  // No CA certificate (a key alone is the leftover of an interrupted first
  // start: keys are written before certificates), so start a fresh CA.
  const pair = generateKeyPair();
  const caCert = issueCertificate({
    subject: CA_SUBJECT,
    publicKey: pair.publicKey,
    signingKey: pair.privateKey,
    days: CA_DAYS,
    ca: true,
  });
  await writeFileAtomic(paths.caKey, pair.privateKeyPem, PRIVATE_FILE_MODE);
  await writeFileAtomic(paths.caCert, caCert, PUBLIC_FILE_MODE);
  generated.push("ca");
  return { cert: caCert, key: pair.privateKeyPem, x509: new X509Certificate(caCert) };
}

interface LeafSpec {
  subject: DistinguishedName;
  days: number;
  extKeyUsage: ExtKeyUsage[];
  altNames?: AltName[];
}

async function ensureLeaf(
  certPath: string,
  keyPath: string,
  ca: Pair & { x509: X509Certificate },
  now: Date,
  mustCover: readonly AltName[],
  spec: LeafSpec,
): Promise<Pair & { generated: boolean }> {
  const [cert, key] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (cert !== undefined && key !== undefined && leafUsable(cert, key, ca.x509, now, spec.subject, mustCover)) {
    return { cert, key, generated: false };
  }
  const pair = generateKeyPair();
  const newCert = issueCertificate({
    ...spec,
    publicKey: pair.publicKey,
    signingKey: loadPrivateKey(ca.key),
    issuerCert: ca.cert,
  });
  // Key first: if we die in between, the old cert no longer matches the new
  // key and the next start reissues, instead of serving a mismatched pair.
  await writeFileAtomic(keyPath, pair.privateKeyPem, PRIVATE_FILE_MODE);
  await writeFileAtomic(certPath, newCert, PUBLIC_FILE_MODE);
  return { cert: newCert, key: pair.privateKeyPem, generated: true };
}

/** Whether an existing leaf certificate can be kept as is. */
function leafUsable(
  certPem: string,
  keyPem: string,
  ca: X509Certificate,
  now: Date,
  subject: DistinguishedName,
  mustCover: readonly AltName[],
): boolean {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(loadPrivateKey(keyPem))) return false;
  } catch {
    return false; // unreadable: reissue rather than refuse to start
  }
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
  const renewAt = new Date(cert.validTo).getTime() - RENEW_BEFORE_DAYS * 24 * 60 * 60 * 1000;
  if (!(now.getTime() < renewAt)) return false; // also catches an unparseable date (NaN)
  if (!subjectMatches(cert, subject)) return false;
  return mustCover.every((n) =>
    n.type === "ip" ? cert.checkIP(n.value) !== undefined : cert.checkHost(n.value, { subject: "never" }) !== undefined,
  );
}

/** Node renders subjects as "O=...\nCN=..." lines; compare as a set of lines. */
function subjectMatches(cert: X509Certificate, want: DistinguishedName): boolean {
  const have = new Set(cert.subject.split("\n"));
  const wanted = [`CN=${want.commonName}`, ...(want.organizations ?? []).map((o) => `O=${o}`)];
  return have.size === wanted.length && wanted.every((line) => have.has(line));
}
