/**
 * Reading and decoding request bodies: a size limit (3 MiB, as upstream),
 * JSON or YAML by Content-Type, and Kubernetes-shaped errors for bad input.
 * @module
 */
import type { IncomingMessage } from "node:http";
import { parse as parseYaml } from "yaml";
import { badRequest, requestEntityTooLarge, unsupportedMediaType } from "../errors.js";
import { PROTOBUF_MEDIA_TYPE, ProtobufDecodeError, decodeKubernetesProtobuf } from "../protobuf/index.js";

/** Upstream kube-apiserver's limit on a request body. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body; rejects with 413 once it exceeds the limit. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) {
    req.resume();
    return Promise.reject(requestEntityTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(requestEntityTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on("error", (err) => {
      if (!failed) reject(badRequest(`error reading request body: ${err.message}`));
    });
  });
}

/** The body encodings the server accepts for objects (protobuf: the Kubernetes envelope kubectl's typed commands send). */
export type BodyFormat = "json" | "yaml" | "protobuf";

/** The bare media type of a Content-Type header (no parameters), lower-cased. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** Maps an object body's Content-Type to a decoder; 415 for anything else. */
export function objectBodyFormat(contentType: string | undefined): BodyFormat {
  const type = mediaTypeOf(contentType);
  if (type === "application/json" || type === "" || type === "*/*") return "json";
  if (type === "application/yaml" || type === "application/x-yaml" || type === "text/yaml") return "yaml";
  if (type === PROTOBUF_MEDIA_TYPE) return "protobuf";
  throw unsupportedMediaType(type);
}

/** Decodes a body as JSON or YAML; 400 with the parser's message on failure. */
export function decodeBody(body: Buffer, format: "json" | "yaml"): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") throw badRequest("the body of the request was empty");
  if (format === "json") {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw badRequest(`error decoding JSON body: ${(err as Error).message}`);
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: ${(err as Error).message.split("\n")[0]}`);
  }
}

function decodeProtobuf(body: Buffer): Record<string, unknown> {
  try {
    return decodeKubernetesProtobuf(body).object;
  } catch (err) {
    if (!(err instanceof ProtobufDecodeError)) throw err;
    if (err.code === "unsupported") throw unsupportedMediaType(`${PROTOBUF_MEDIA_TYPE} (${err.message})`);
    throw badRequest(`error decoding protobuf body: ${err.message}`);
  }
}

/** Decodes a body that must be a JSON object (a Kubernetes object or DeleteOptions). */
export function decodeObject(body: Buffer, format: BodyFormat): Record<string, unknown> {
  if (format === "protobuf") return decodeProtobuf(body);
  const value = decodeBody(body, format);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`the body of the request must be an object, got ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  return value as Record<string, unknown>;
}
