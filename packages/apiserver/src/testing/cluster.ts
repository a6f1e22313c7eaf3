/**
 * A real kube-ts API server for tests: HTTPS with generated credentials on
 * a free port, SQLite in a temporary directory, an admin kubeconfig, and a
 * helper that runs the installed `kubectl` against it.
 * @module
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Backend, openBackend } from "@kube-ts/storage";
import { authenticatorFor } from "../auth.js";
import { ensureClusterPki, type ClusterPki } from "../pki/cluster-pki.js";
import { writeKubeconfig } from "../pki/kubeconfig.js";
import { ApiServer } from "../server.js";

/** Where the tests find kubectl. */
export const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";

/** True when kubectl is installed; in CI a missing kubectl must fail the run, not skip it. */
export function kubectlAvailable(): boolean {
  if (existsSync(KUBECTL)) return true;
  if (process.env.CI) throw new Error(`kubectl is required in CI but ${KUBECTL} does not exist`);
  return false;
}

/** The outcome of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one kubectl run. */
export interface KubectlOptions {
  /** Written to kubectl's stdin. */
  input?: string;
  timeoutMs?: number;
  /** Extra environment variables (e.g. `EDITOR` for `kubectl edit`). */
  env?: Record<string, string>;
}

/** A running test cluster. */
export interface TestCluster {
  server: ApiServer;
  backend: Backend;
  url: string;
  dataDir: string;
  kubeconfig: string;
  pki: ClusterPki;
  /**
   * Every request the server has received (method and URL path with query),
   * in arrival order: lets tests check what kubectl actually sent.
   */
  requests: Array<{ method: string; url: string; accept: string; contentType: string }>;
  /** Runs kubectl with this cluster's kubeconfig; never throws on a non-zero exit. */
  kubectl(args: string[], options?: KubectlOptions): Promise<KubectlResult>;
  /** Like kubectl(), but throws with kubectl's stderr on a non-zero exit and returns stdout. */
  kubectlOk(args: string[], options?: KubectlOptions): Promise<string>;
  /** Stops the server (keeping the data directory when `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Options of {@link startTestCluster}. */
export interface TestClusterOptions {
  /** Reuse a data directory (restart tests); a new temporary one otherwise. */
  dataDir?: string;
  port?: number;
}

/** Starts an API server exactly as `npm start` does, but in-process and on a free port. */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "kube-ts-test-")));
  const pki = await ensureClusterPki(dataDir);
  const backend = await openBackend(`sqlite://${join(dataDir, "state.db")}`);
  const requests: TestCluster["requests"] = [];
  const authenticate = authenticatorFor(pki.adminToken);
  const server = new ApiServer({
    backend,
    port: options.port ?? 0,
    tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert },
    authenticate: (req) => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        accept: req.headers.accept ?? "",
        contentType: req.headers["content-type"] ?? "",
      });
      return authenticate(req);
    },
    log: () => {},
  });
  const { url } = await server.start();
  const kubeconfig = join(dataDir, "kubeconfig");
  await writeKubeconfig(kubeconfig, { server: url, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey });

  const kubectl = (args: string[], opts: KubectlOptions = {}) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile(
        KUBECTL,
        args,
        { env: { ...process.env, ...opts.env, KUBECONFIG: kubeconfig, HOME: dataDir }, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 << 20 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
      else child.stdin?.end();
    });
  return {
    server,
    backend,
    url,
    dataDir,
    kubeconfig,
    pki,
    requests,
    kubectl,
    async kubectlOk(args, opts) {
      const result = await kubectl(args, opts);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    async stop(stopOptions = {}) {
      await server.close();
      await backend.close();
      if (!stopOptions.keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `kubectl` as a long-running process (e.g. `get -w`), collecting its output. */
export function spawnKubectl(cluster: TestCluster, args: string[]) {
  const child = spawn(KUBECTL, args, { env: { ...process.env, KUBECONFIG: cluster.kubeconfig, HOME: cluster.dataDir } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  return {
    child,
    /** Resolves with the exit code once kubectl has exited. */
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Resolves once stdout contains `text` (rejects after `timeoutMs`). */
    async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(typeof text === "string" ? stdout.includes(text) : text.test(stdout))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}
