#!/usr/bin/env node
/**
 * `npm start`: runs the kube-ts control plane in the foreground on an
 * embedded SQLite store, with credentials and an admin kubeconfig in the
 * data directory. SIGINT/SIGTERM shut it down cleanly.
 * @module
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openBackend } from "@kube-ts/storage";
import { pino } from "pino";
import { authenticatorFor } from "./auth.js";
import { ensureClusterPki } from "./pki/cluster-pki.js";
import { writeKubeconfig } from "./pki/kubeconfig.js";
import { ApiServer } from "./server.js";

const USAGE = `Usage: npm start -- [--data-dir DIR] [--port PORT] [--host HOST] [--storage URI]

  --data-dir DIR   where state, credentials and the kubeconfig live (default ./.kube-ts)
  --port PORT      HTTPS port (default 6443)
  --host HOST      address to listen on (default 127.0.0.1)
  --storage URI    storage backend (default sqlite://DIR/state.db; also memory://)`;

function fail(message: string): never {
  console.error(`kube-ts: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseOptions>;
  try {
    args = parseOptions();
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  const dataDir = resolve(args["data-dir"] ?? ".kube-ts");
  const port = Number(args.port ?? 6443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${args.port}`);
  const host = args.host ?? "127.0.0.1";
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const pki = await ensureClusterPki(dataDir, { hosts: [...new Set([host, "127.0.0.1", "localhost", "::1"])] });
  const backend = await openBackend(args.storage ?? `sqlite://${join(dataDir, "state.db")}`);
  const server = new ApiServer({
    backend,
    host,
    port,
    tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert },
    authenticate: authenticatorFor(pki.adminToken),
    log: (msg, err) => log.error({ err }, msg),
  });
  let address: { url: string };
  try {
    address = await server.start();
  } catch (err) {
    await backend.close();
    fail(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
  }
  const kubeconfig = join(dataDir, "kubeconfig");
  await writeKubeconfig(kubeconfig, {
    server: address.url,
    caCert: pki.caCert,
    clientCert: pki.adminCert,
    clientKey: pki.adminKey,
  });
  log.info({ url: address.url, dataDir }, `kube-ts is ready: export KUBECONFIG=${kubeconfig}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function parseOptions() {
  return parseArgs({
    options: {
      "data-dir": { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      storage: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
