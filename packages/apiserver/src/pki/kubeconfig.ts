/**
 * Writing kubeconfig files that stock kubectl and client libraries load:
 * one cluster, one user, one context, all credentials embedded as `*-data`
 * so the file is self-contained and can be copied elsewhere.
 * @module
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import { PRIVATE_FILE_MODE, writeFileAtomic } from "./files.js";

/** What goes into a kubeconfig; see {@link writeKubeconfig}. */
export interface KubeconfigOptions {
  /** API server URL, e.g. "https://127.0.0.1:6443". */
  server: string;
  /** PEM of the CA that signed the serving certificate. */
  caCert: string;
  /** PEM client certificate; requires clientKey. */
  clientCert?: string;
  /** PEM client key; requires clientCert. */
  clientKey?: string;
  /** Bearer token, sent when no client certificate is accepted. */
  token?: string;
  clusterName?: string;
  userName?: string;
  contextName?: string;
  /** Default namespace of the context. */
  namespace?: string;
}

const b64 = (pem: string): string => Buffer.from(pem, "utf8").toString("base64");

/** Renders the kubeconfig document (a `Config` object) without writing it. */
export function renderKubeconfig(opts: KubeconfigOptions): string {
  const { clusterName = "kube-ts", userName = "kube-ts-admin", contextName = "kube-ts" } = opts;
  if ((opts.clientCert === undefined) !== (opts.clientKey === undefined)) {
    throw new Error("kubeconfig: clientCert and clientKey must be given together");
  }
  const user: Record<string, string> = {};
  if (opts.clientCert !== undefined && opts.clientKey !== undefined) {
    user["client-certificate-data"] = b64(opts.clientCert);
    user["client-key-data"] = b64(opts.clientKey);
  }
  if (opts.token !== undefined) user["token"] = opts.token;
  const context: Record<string, string> = { cluster: clusterName, user: userName };
  if (opts.namespace !== undefined) context["namespace"] = opts.namespace;
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: clusterName, cluster: { server: opts.server, "certificate-authority-data": b64(opts.caCert) } }],
    users: [{ name: userName, user }],
    contexts: [{ name: contextName, context }],
    "current-context": contextName,
    preferences: {},
  };
  // lineWidth 0: never fold the long base64 scalars (kubectl would cope, humans grepping would not).
  return stringify(doc, { lineWidth: 0 });
}

/**
 * Writes a kubeconfig to `path` with mode 0600 (it holds a private key and a
 * token), atomically via temp file + rename so a concurrently running kubectl
 * never reads half a file. Creates the parent directory if needed.
 * Overwrites an existing file rather than merging into it.
 */
export async function writeKubeconfig(path: string, opts: KubeconfigOptions): Promise<void> {
  const text = renderKubeconfig(opts);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text, PRIVATE_FILE_MODE);
}
