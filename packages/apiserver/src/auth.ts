/**
 * TEMPORARY auth.
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { timingSafeEqual } from "node:crypto";
import type { Authenticator } from "./server.js";

export function authenticatorFor(token: string): Authenticator {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: IncomingMessage) => {
    const socket = req.socket as TLSSocket;
    if (socket.authorized) return { name: "kube-ts-admin", groups: ["system:masters"] };
    const header = Buffer.from(req.headers.authorization ?? "");
    if (header.length === expected.length && timingSafeEqual(header, expected)) return { name: "kube-ts-admin", groups: ["system:masters"] };
    return undefined;
  };
}
