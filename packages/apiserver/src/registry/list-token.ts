/**
 * `continue` tokens of paginated lists. Like upstream, a token carries the
 * snapshot revision and the key to resume at, base64-encoded, so every page
 * of one list is read at the same revision.
 * @module
 */
import { badRequest } from "../errors.js";

/** What a continue token holds. */
export interface ContinueToken {
  /** Revision of the first page: later pages are read at it. */
  revision: number;
  /** Key (relative to the list prefix) to start the next page at. */
  start: string;
}

/** Encodes a token. */
export function encodeContinue(token: ContinueToken): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: token.revision, start: token.start });
  return Buffer.from(json).toString("base64url");
}

/** Decodes a token; 400 BadRequest when it is not one of ours. */
export function decodeContinue(value: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw badRequest(`continue key is not valid: ${JSON.stringify(value)}`);
  }
  const token = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (
    token === null ||
    typeof token !== "object" ||
    token.v !== "meta.k8s.io/v1" ||
    typeof token.rv !== "number" ||
    !Number.isSafeInteger(token.rv) ||
    token.rv <= 0 ||
    typeof token.start !== "string" ||
    token.start.includes("/..") ||
    token.start.startsWith("/")
  ) {
    throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  return { revision: token.rv, start: token.start };
}
