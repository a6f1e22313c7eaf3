/**
 * The API server's authenticator: admin client certificates signed by the
 * cluster CA and the admin bearer token (see `pki/authn.ts`); anything else
 * is unauthenticated and answered with 401.
 * @module
 */
import type { IncomingMessage } from "node:http";
import { authenticate } from "./pki/authn.js";
import type { Authenticator } from "./server.js";

/** An authenticator that accepts the cluster's admin credentials. */
export function authenticatorFor(adminToken: string): Authenticator {
  const config = { adminToken };
  return (req: IncomingMessage) => {
    const result = authenticate(req, config);
    return "user" in result ? result.user : undefined;
  };
}
