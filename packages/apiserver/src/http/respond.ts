/**
 * Writing responses: JSON or YAML bodies, Status errors and Warning headers.
 * @module
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { stringify as toYaml } from "yaml";
import { ApiError } from "../errors.js";

/** Sends a JSON body (a value, or text that already is JSON). */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
  contentType = "application/json",
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
    ...headers,
  });
  res.end(text);
}

/** Sends a value as JSON or YAML. */
export function sendFormatted(
  res: ServerResponse,
  code: number,
  body: unknown,
  format: "json" | "yaml",
  headers: OutgoingHttpHeaders = {},
): void {
  if (format === "yaml") {
    const value = typeof body === "string" ? JSON.parse(body) : body;
    const text = toYaml(value);
    res.writeHead(code, { "Content-Type": "application/yaml", "Content-Length": Buffer.byteLength(text), ...headers });
    res.end(text);
    return;
  }
  sendJson(res, code, body, headers);
}

/** Items per write when streaming a list: large enough to amortize TLS records, small enough to bound memory. */
const LIST_CHUNK = 256;
/** How much of a streamed list may wait in the socket's buffer before the server pauses. */
const LIST_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Streams a list as `head` (a list object without items) plus the items'
 * JSON texts, chunked, waiting for the socket to drain when it is full.
 */
export async function streamJsonList(res: ServerResponse, head: string, items: readonly { readonly json: string }[]): Promise<void> {
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" });
  let chunk = `${head.slice(0, -1)},"items":[`;
  for (let i = 0; i < items.length; i += LIST_CHUNK) {
    const parts: string[] = [];
    for (let j = i; j < Math.min(i + LIST_CHUNK, items.length); j++) parts.push(items[j].json);
    chunk += (i > 0 ? "," : "") + parts.join(",");
    res.write(chunk);
    // Keep a few MiB in flight so building the next chunk overlaps with sending; beyond that, wait.
    if (res.writableLength > LIST_BUFFER_BYTES) await drained(res);
    if (res.destroyed) return;
    chunk = "";
  }
  res.end(`${chunk}]}`);
}

/** Resolves when a full socket buffer has drained, or the connection is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Sends an ApiError as a Status. */
export function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.code, err.toStatus(), err.headers ?? {});
}

/** Formats warnings as RFC 7234 Warning headers (code 299), as kube-apiserver does. */
export function warningHeaders(warnings: readonly string[]): OutgoingHttpHeaders {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}

/** A successful Status (e.g. the answer to a DELETE of a resource without a deleted object). */
export function successStatus(details: Record<string, unknown>): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}

export { ApiError };
