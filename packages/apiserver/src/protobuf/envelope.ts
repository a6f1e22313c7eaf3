/**
 * The Kubernetes protobuf envelope: the 4-byte magic `k8s\0`, then a
 * `runtime.Unknown` message whose fields are
 *
 * | # | field           | type                                   |
 * |---|-----------------|----------------------------------------|
 * | 1 | typeMeta        | message { 1: apiVersion, 2: kind }     |
 * | 2 | raw             | bytes: the object, as its own message  |
 * | 3 | contentEncoding | string (empty: none)                   |
 * | 4 | contentType     | string (empty: protobuf)               |
 *
 * The object inside `raw` carries no TypeMeta of its own; the envelope's is
 * copied onto the decoded JSON so it reads exactly like the JSON body a
 * client would have sent (`{"kind": ..., "apiVersion": ..., ...}`).
 * @module
 */
import { DEFAULT_LIMITS, type DecodeLimits, MessageDecoder } from "./decode.js";
import { ProtobufDecodeError } from "./errors.js";
import { MESSAGE_TABLES, messageForKind } from "./tables/index.js";
import { Reader, WireType, wireTypeName } from "./wire.js";

/** The four bytes every Kubernetes protobuf body starts with: `k8s\0`. */
export const PROTOBUF_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** The media type of Kubernetes protobuf bodies. */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

/** A decoded protobuf request body. */
export interface DecodedProtobufObject {
  /** The envelope's apiVersion (`"apps/v1"`). */
  apiVersion: string;
  /** The envelope's kind (`"Deployment"`). */
  kind: string;
  /** The object as the JSON a client would have sent, including `apiVersion` and `kind`. */
  object: Record<string, unknown>;
  /** Paths of fields this decoder's tables do not know (skipped, not fatal), capped by {@link DecodeLimits.maxUnknownFields}. */
  unknownFields: string[];
}

/** The parsed `runtime.Unknown` envelope. */
export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Buffer;
  contentEncoding: string;
  contentType: string;
}

/** True when `body` starts with the Kubernetes protobuf magic. */
export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= 4 && body[0] === 0x6b && body[1] === 0x38 && body[2] === 0x73 && body[3] === 0x00;
}

function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function envelopeString(r: Reader, wire: number, what: string): string {
  if (wire !== WireType.LengthDelimited) {
    throw new ProtobufDecodeError("envelope", `runtime.Unknown ${what} has wire type ${wireTypeName(wire)}, expected length-delimited`);
  }
  return r.bytes().toString("utf8");
}

/** Parses the magic and the `runtime.Unknown` envelope, without decoding `raw`. */
export function parseEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (!hasProtobufMagic(body)) throw new ProtobufDecodeError("envelope", "body does not start with the Kubernetes protobuf magic k8s\\0");
  const buf = asBuffer(body);
  const env: ProtobufEnvelope = { apiVersion: "", kind: "", raw: Buffer.alloc(0), contentEncoding: "", contentType: "" };
  const r = new Reader(buf, 4);
  while (!r.eof()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1: {
        if (wire !== WireType.LengthDelimited) throw new ProtobufDecodeError("envelope", "runtime.Unknown typeMeta is not a message");
        const tm = new Reader(r.bytes());
        while (!tm.eof()) {
          const t = tm.tag();
          if (t.field === 1) env.apiVersion = envelopeString(tm, t.wire, "typeMeta.apiVersion");
          else if (t.field === 2) env.kind = envelopeString(tm, t.wire, "typeMeta.kind");
          else tm.skip(t.wire);
        }
        break;
      }
      case 2:
        if (wire !== WireType.LengthDelimited) throw new ProtobufDecodeError("envelope", "runtime.Unknown raw is not length-delimited");
        env.raw = r.bytes();
        break;
      case 3:
        env.contentEncoding = envelopeString(r, wire, "contentEncoding");
        break;
      case 4:
        env.contentType = envelopeString(r, wire, "contentType");
        break;
      default:
        r.skip(wire);
    }
  }
  return env;
}

/**
 * Decodes a Kubernetes protobuf request body (as kubectl sends for
 * `create`, with `Content-Type: application/vnd.kubernetes.protobuf`) into
 * the JSON object the same client would have sent as JSON.
 *
 * @throws {ProtobufDecodeError} on anything malformed (`code` "envelope",
 *   "wire", "schema" or "limit") or for a kind this decoder has no table for
 *   (`code` "unsupported"). Never any other error.
 */
export function decodeKubernetesProtobuf(body: Uint8Array, limits: Partial<DecodeLimits> = {}): DecodedProtobufObject {
  const env = parseEnvelope(body);
  if (env.contentEncoding !== "") {
    throw new ProtobufDecodeError("unsupported", `unsupported runtime.Unknown contentEncoding ${JSON.stringify(env.contentEncoding)}`);
  }
  if (env.contentType !== "" && env.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufDecodeError("unsupported", `unsupported runtime.Unknown contentType ${JSON.stringify(env.contentType)}`);
  }
  if (env.apiVersion === "" || env.kind === "") {
    throw new ProtobufDecodeError("envelope", "runtime.Unknown has no apiVersion/kind in its typeMeta");
  }
  const type = messageForKind(env.apiVersion, env.kind);
  if (!type) {
    throw new ProtobufDecodeError("unsupported", `no protobuf schema for ${env.apiVersion}, Kind=${env.kind}; send it as application/json`);
  }
  const decoder = new MessageDecoder(MESSAGE_TABLES, { ...DEFAULT_LIMITS, ...limits });
  const object: Record<string, unknown> = { kind: env.kind, apiVersion: env.apiVersion };
  decoder.decodeInto(env.raw, type, object);
  return { apiVersion: env.apiVersion, kind: env.kind, object, unknownFields: decoder.report.unknownFields };
}
