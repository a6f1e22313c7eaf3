/**
 * The one error type of the protobuf decoder. Every way a body can be
 * malformed (truncated, overlong, wrong wire type, unknown kind, too deep)
 * surfaces as a {@link ProtobufDecodeError}, so the HTTP layer can map it to
 * a 400 (or 415 for an unknown kind) without catching anything else.
 * @module
 */

/** Why a decode failed; lets callers choose a status code without parsing messages. */
export type ProtobufDecodeErrorCode =
  /** The body is not a Kubernetes protobuf envelope (no `k8s\0` magic, bad `runtime.Unknown`). */
  | "envelope"
  /** The wire format itself is broken: truncation, overlong varints, lengths past the end, bad wire types. */
  | "wire"
  /** The bytes are well-formed protobuf but do not fit the schema (wrong wire type for a known field, bad values). */
  | "schema"
  /** The envelope names an apiVersion/kind this decoder has no table for. */
  | "unsupported"
  /** A safety limit (nesting depth) was exceeded. */
  | "limit";

/** A malformed or unsupported Kubernetes protobuf body. The message names the field path where known. */
export class ProtobufDecodeError extends Error {
  constructor(
    readonly code: ProtobufDecodeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProtobufDecodeError";
  }
}
