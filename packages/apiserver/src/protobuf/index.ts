/**
 * Kubernetes protobuf request bodies → JSON objects.
 *
 * Stock kubectl sends `create` bodies as `application/vnd.kubernetes.protobuf`
 * with no JSON fallback. The API server works on JSON, so this package turns
 * such a body into exactly the JSON object the client would otherwise have
 * sent. Decoding only: responses stay JSON (kubectl accepts them).
 *
 * ```ts
 * const { apiVersion, kind, object, unknownFields } = decodeKubernetesProtobuf(body);
 * ```
 * @module
 */
export { DEFAULT_LIMITS, type DecodeLimits, type DecodeReport, MessageDecoder } from "./decode.js";
export {
  type DecodedProtobufObject,
  decodeKubernetesProtobuf,
  hasProtobufMagic,
  PROTOBUF_MAGIC,
  PROTOBUF_MEDIA_TYPE,
  type ProtobufEnvelope,
  parseEnvelope,
} from "./envelope.js";
export { ProtobufDecodeError, type ProtobufDecodeErrorCode } from "./errors.js";
export type { FieldDef, FieldShape, MessageTable, MessageTables, ScalarKind } from "./schema.js";
export { KIND_MESSAGES, MESSAGE_TABLES, messageForKind } from "./tables/index.js";
