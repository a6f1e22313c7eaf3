/**
 * {@link authenticate} against stand-in sockets: ordering of the x509 and
 * token authenticators, header parsing, pluggable token authenticators.
 * The real TLS path is covered in tls-e2e.test.ts.
 * @module
 */
import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import { describe, it } from "node:test";
import { type AuthRequest, authenticate, bearerToken, staticTokenAuthenticator, type TokenAuthenticator } from "./authn.js";

const TOKEN = "a".repeat(64);
const ADMIN = { user: { name: "kube-ts-admin", groups: ["system:masters", "system:authenticated"] } };

function tlsRequest(
  peer: { CN?: string; O?: string | string[] } | undefined,
  authorized: boolean,
  headers: IncomingHttpHeaders = {},
): AuthRequest {
  const socket = {
    authorized,
    getPeerCertificate: () => (peer ? { subject: peer, raw: Buffer.from("x") } : {}),
  } as unknown as Socket;
  return { socket, headers };
}

const plainRequest = (headers: IncomingHttpHeaders = {}): AuthRequest => ({ socket: {} as Socket, headers });

describe("authenticate", () => {
  it("takes the user from a verified client certificate: CN name, O groups", () => {
    assert.deepEqual(authenticate(tlsRequest({ CN: "alice", O: ["dev", "ops"] }, true), { adminToken: TOKEN }), {
      user: { name: "alice", groups: ["dev", "ops", "system:authenticated"] },
    });
    assert.deepEqual(authenticate(tlsRequest({ CN: "kube-ts-admin", O: "system:masters" }, true), {}), ADMIN);
  });

  it("prefers the client certificate over a token, as upstream", () => {
    const req = tlsRequest({ CN: "bob" }, true, { authorization: "Bearer wrong" });
    assert.deepEqual(authenticate(req, { adminToken: TOKEN }), { user: { name: "bob", groups: ["system:authenticated"] } });
  });

  it("accepts the admin token", () => {
    assert.deepEqual(authenticate(plainRequest({ authorization: `Bearer ${TOKEN}` }), { adminToken: TOKEN }), ADMIN);
    assert.deepEqual(authenticate(tlsRequest(undefined, false, { authorization: `bearer ${TOKEN}` }), { adminToken: TOKEN }), ADMIN);
  });

  it("rejects wrong tokens, and reports missing credentials", () => {
    const config = { adminToken: TOKEN };
    assert.deepEqual(authenticate(plainRequest({ authorization: `Bearer ${TOKEN}x` }), config), { error: "invalid bearer token" });
    assert.deepEqual(authenticate(plainRequest({ authorization: "Bearer x" }), {}), { error: "invalid bearer token" });
    assert.deepEqual(authenticate(plainRequest(), config), { error: "no credentials" });
    assert.deepEqual(authenticate(plainRequest({ authorization: `Basic ${TOKEN}` }), config), { error: "no credentials" });
    assert.deepEqual(authenticate(tlsRequest(undefined, false), config), { error: "no credentials" });
  });

  it("rejects an unverified client certificate unless a token authenticates", () => {
    const bad = (headers?: IncomingHttpHeaders) => tlsRequest({ CN: "mallory", O: "system:masters" }, false, headers);
    const config = { adminToken: TOKEN };
    assert.deepEqual(authenticate(bad(), config), { error: "invalid client certificate" });
    assert.deepEqual(authenticate(bad({ authorization: `Bearer ${TOKEN}` }), config), ADMIN);
    assert.deepEqual(authenticate(bad({ authorization: "Bearer nope" }), config), { error: "invalid bearer token" });
  });

  it("skips a verified certificate without a CN", () => {
    assert.deepEqual(authenticate(tlsRequest({ O: "system:masters" }, true), {}), { error: "no credentials" });
  });

  it("tries pluggable token authenticators in order after the admin token", () => {
    const seen: string[] = [];
    const serviceAccounts: TokenAuthenticator = (token) => {
      seen.push(token);
      return token.startsWith("sa.")
        ? { name: "system:serviceaccount:default:robot", groups: ["system:serviceaccounts", "system:serviceaccounts:default"] }
        : undefined;
    };
    const config = {
      adminToken: TOKEN,
      tokenAuthenticators: [serviceAccounts, staticTokenAuthenticator("static", { name: "carol", groups: [] })],
    };
    assert.deepEqual(authenticate(plainRequest({ authorization: "Bearer sa.xyz" }), config), {
      user: {
        name: "system:serviceaccount:default:robot",
        groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"],
      },
    });
    assert.deepEqual(authenticate(plainRequest({ authorization: "Bearer static" }), config), {
      user: { name: "carol", groups: ["system:authenticated"] },
    });
    // The admin token is matched first and never shown to later authenticators.
    assert.deepEqual(authenticate(plainRequest({ authorization: `Bearer ${TOKEN}` }), config), ADMIN);
    assert.deepEqual(seen, ["sa.xyz", "static"]);
  });

  it("hands out copies, so callers cannot mutate a static identity", () => {
    const check = staticTokenAuthenticator("t", { name: "u", groups: ["g"] });
    check("t")!.groups.push("system:masters");
    assert.deepEqual(check("t"), { name: "u", groups: ["g"] });
    assert.throws(() => staticTokenAuthenticator("", { name: "u", groups: [] }), /empty/);
  });
});

describe("bearerToken", () => {
  it("parses the Authorization header like upstream", () => {
    assert.equal(bearerToken("Bearer abc"), "abc");
    assert.equal(bearerToken("  BEARER abc  "), "abc");
    assert.equal(bearerToken("Bearer abc def"), "abc");
    assert.equal(bearerToken("Bearer "), undefined);
    assert.equal(bearerToken("Bearer  abc"), undefined);
    assert.equal(bearerToken("Basic abc"), undefined);
    assert.equal(bearerToken(""), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });
});
