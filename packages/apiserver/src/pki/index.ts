/**
 * Cluster credentials for the API server: the on-disk PKI (CA, serving and
 * admin certificates, admin token), kubeconfig files, and per-request
 * authentication by client certificate or bearer token.
 * @module
 */
export {
  type AuthConfig,
  type AuthError,
  type AuthRequest,
  type AuthResult,
  type TokenAuthenticator,
  type UserInfo,
  ADMIN_USER,
  AUTHENTICATED_GROUP,
  MASTERS_GROUP,
  adminTokenAuthenticator,
  authenticate,
  bearerToken,
  staticTokenAuthenticator,
} from "./authn.js";
export {
  type CertificateSpec,
  type DistinguishedName,
  type ExtKeyUsage,
  type KeyPair,
  generateKeyPair,
  issueCertificate,
} from "./certificate.js";
export {
  type ClusterPki,
  type ClusterPkiOptions,
  type ClusterPkiPaths,
  DEFAULT_HOSTS,
  clusterPkiPaths,
  ensureClusterPki,
} from "./cluster-pki.js";
export { type KubeconfigOptions, renderKubeconfig, writeKubeconfig } from "./kubeconfig.js";
