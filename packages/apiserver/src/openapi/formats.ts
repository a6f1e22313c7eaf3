/**
 * OpenAPI `format`s that kubernetes-types erases: it types every Go integer
 * and float as `number` and every `[]byte` as `string`. Upstream tells int32
 * from int64 (clients and our decoder range-check by it) and marks base64
 * byte fields `format: byte`.
 *
 * Go uses int32 for almost every API integer; int64 for a small, stable set
 * of field names (generations, revisions, user/group ids, second counts that
 * may exceed 68 years, sizes). A name table with a few per-type exceptions
 * matches upstream for every built-in field (the fidelity test measures it).
 * @module
 */

/** Integer fields that are int64 in Go, by JSON name. */
const INT64_FIELDS = new Set([
  "activeDeadlineSeconds",
  "deletionGracePeriodSeconds",
  "expirationSeconds",
  "fsGroup",
  "generation",
  "gid",
  "gracePeriodSeconds",
  "int",
  "ints",
  "maxItems",
  "maxLength",
  "maxProperties",
  "minItems",
  "minLength",
  "minProperties",
  "observedGeneration",
  "remainingItemCount",
  "resourceSliceCount",
  "revision",
  "runAsGroup",
  "runAsUser",
  "seconds",
  "sizeBytes",
  "startingDeadlineSeconds",
  "supplementalGroups",
  "terminationGracePeriodSeconds",
  "tolerationSeconds",
  "uid",
]);

/** Per-type exceptions to {@link INT64_FIELDS}, as `Type.field` (short type name). */
const INT32_EXCEPTIONS = new Set(["CertificateSigningRequestSpec.expirationSeconds", "PoolStatus.resourceSliceCount"]);

/** float64 fields (`type: number, format: double`). */
const DOUBLE_FIELDS = new Set(["JSONSchemaProps.maximum", "JSONSchemaProps.minimum", "JSONSchemaProps.multipleOf"]);

/** `[]byte` fields (base64 strings), as `Type.field`; for maps the format applies to the values. */
const BYTE_FIELDS = new Set([
  "Secret.data",
  "ConfigMap.binaryData",
  "WebhookClientConfig.caBundle",
  "CertificateSigningRequestSpec.request",
  "CertificateSigningRequestStatus.certificate",
  "PodCertificateRequestSpec.pkixPublicKey",
  "PodCertificateRequestSpec.proofOfPossession",
  "ClusterTrustBundleProjection.stubPKCS10Request",
]);

/** Schema of a Go number field: `{type: "integer", format: "int32" | "int64"}` or a double. */
export function numberSchema(typeName: string, field: string): { type: "integer" | "number"; format: string } {
  const key = `${typeName}.${field}`;
  if (DOUBLE_FIELDS.has(key)) return { type: "number", format: "double" };
  if (INT64_FIELDS.has(field) && !INT32_EXCEPTIONS.has(key)) return { type: "integer", format: "int64" };
  return { type: "integer", format: "int32" };
}

/** Whether a string field (or the string values of a map field) carries base64 `[]byte` data. */
export function isByteField(typeName: string, field: string): boolean {
  return BYTE_FIELDS.has(`${typeName}.${field}`);
}
