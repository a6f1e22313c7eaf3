/**
 * Request authentication as kube-apiserver does it: a union of
 * authenticators tried in order, the first one that recognises the request
 * wins, and every authenticated user is added to `system:authenticated`.
 *
 * 1. x509: a client certificate the TLS layer verified against the cluster CA
 *    (the server runs with `requestCert: true, rejectUnauthorized: false`,
 *    so an unverified or absent certificate still reaches us and we decide).
 *    CN is the user name, each O a group.
 * 2. Bearer tokens (`Authorization: Bearer <token>`), checked by a list of
 *    {@link TokenAuthenticator}s: the static admin token today,
 *    service-account tokens later.
 *
 * A failure of one method does not stop the next, as upstream: a bad client
 * certificate plus a valid token authenticates. Only when nothing succeeds is
 * the most specific failure reported, and the server answers 401.
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import type { PeerCertificate, TLSSocket } from "node:tls";

/** The authenticated identity, shaped like Kubernetes' user.Info. */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** Why a request is unauthenticated. */
export type AuthError = "no credentials" | "invalid bearer token" | "invalid client certificate";

/** Outcome of {@link authenticate}. */
export type AuthResult = { user: UserInfo } | { error: AuthError };

/**
 * Checks a bearer token. Returns the user it belongs to, or undefined when
 * this authenticator does not accept it (another one may). Must be
 * synchronous and cheap: it runs on every request.
 */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

/** What {@link authenticate} checks against. A `ClusterPki` satisfies it. */
export interface AuthConfig {
  /** The static admin token; accepted as user kube-ts-admin in system:masters. */
  adminToken?: string;
  /** Further token authenticators, tried after the admin token, in order. */
  tokenAuthenticators?: readonly TokenAuthenticator[];
}

/** The parts of a request authentication needs; an `IncomingMessage` fits. */
export interface AuthRequest {
  socket: Socket | TLSSocket;
  headers: IncomingHttpHeaders;
}

/** Group every authenticated user belongs to (upstream's AuthenticatedGroupAdder). */
export const AUTHENTICATED_GROUP = "system:authenticated";
/** The identity behind the admin token and admin client certificate. */
export const ADMIN_USER = "kube-ts-admin";
export const MASTERS_GROUP = "system:masters";

/**
 * Accepts exactly `expected`, comparing in constant time. Both sides are
 * hashed first so that neither the comparison nor an early length check
 * leaks how much of a guess was right, or the token's length.
 */
export function staticTokenAuthenticator(expected: string, user: UserInfo): TokenAuthenticator {
  if (expected === "") throw new Error("static token must not be empty");
  const want = createHash("sha256").update(expected).digest();
  return (token) => {
    const got = createHash("sha256").update(token).digest();
    return timingSafeEqual(got, want) ? { ...user, groups: [...user.groups] } : undefined;
  };
}

/** The admin token authenticator: user kube-ts-admin, group system:masters. */
export function adminTokenAuthenticator(token: string): TokenAuthenticator {
  return staticTokenAuthenticator(token, { name: ADMIN_USER, groups: [MASTERS_GROUP] });
}

// Building the admin authenticator hashes the token; do it once per config.
const compiled = new WeakMap<AuthConfig, readonly TokenAuthenticator[]>();

function tokenAuthenticators(config: AuthConfig): readonly TokenAuthenticator[] {
  let list = compiled.get(config);
  if (!list) {
    list = [...(config.adminToken ? [adminTokenAuthenticator(config.adminToken)] : []), ...(config.tokenAuthenticators ?? [])];
    compiled.set(config, list);
  }
  return list;
}

/**
 * Authenticates one request: client certificate first, then bearer token.
 * The config object is treated as immutable (its token authenticators are
 * cached per object); pass a new object to change them.
 */
export function authenticate(req: AuthRequest, config: AuthConfig): AuthResult {
  const cert = fromClientCertificate(req.socket);
  if ("user" in cert) return withAuthenticatedGroup(cert.user);

  const token = bearerToken(req.headers.authorization);
  if (token !== undefined) {
    for (const check of tokenAuthenticators(config)) {
      const user = check(token);
      if (user) return withAuthenticatedGroup(user);
    }
    return { error: "invalid bearer token" };
  }
  return { error: cert.error ?? "no credentials" };
}

/**
 * The x509 authenticator. `socket.authorized` means OpenSSL verified the
 * chain to the CA given to the TLS server, including validity dates and the
 * clientAuth purpose. A certificate without a CN identifies nobody and is
 * skipped rather than rejected, as upstream.
 */
function fromClientCertificate(socket: Socket | TLSSocket): { user: UserInfo } | { error?: AuthError } {
  // The peer certificate cannot change on a connection: decode it once per socket, not per request.
  let result = certificateResults.get(socket);
  if (!result) {
    result = readClientCertificate(socket);
    certificateResults.set(socket, result);
  }
  return result;
}

const certificateResults = new WeakMap<Socket | TLSSocket, { user: UserInfo } | { error?: AuthError }>();

function readClientCertificate(socket: Socket | TLSSocket): { user: UserInfo } | { error?: AuthError } {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerCertificate !== "function") return {}; // plain TCP
  const peer: PeerCertificate | Record<string, never> = tls.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return {}; // no certificate presented
  if (!tls.authorized) return { error: "invalid client certificate" };
  const name = first(peer.subject?.CN);
  if (!name) return {};
  return { user: { name, groups: all(peer.subject?.O) } };
}

/**
 * Extracts the token from `Authorization: Bearer <token>` the way upstream's
 * bearertoken authenticator does: scheme case-insensitive, the token is the
 * second space-separated field, and an empty token counts as no token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  const auth = header?.trim();
  if (!auth) return undefined;
  const [scheme, token] = auth.split(" ", 3);
  if (scheme?.toLowerCase() !== "bearer" || !token) return undefined;
  return token;
}

function withAuthenticatedGroup(user: UserInfo): { user: UserInfo } {
  if (user.groups.includes(AUTHENTICATED_GROUP)) return { user };
  return { user: { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] } };
}

// Node gives a string for a single-valued attribute and an array for several.
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...value] : [value];
}
