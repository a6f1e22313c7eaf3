/**
 * Runs the real kube-ts API server as a separate process for benchmarks
 * (`node packages/apiserver/dist/main.js --data-dir <tmp> --port <free>`),
 * so the load generator never shares the server's event loop, and hands out
 * the admin credentials from the kubeconfig it writes.
 *
 * BENCH_SERVER_NODE_ARGS adds node flags to the server process, e.g.
 * `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`;
 * BENCH_SERVER_ROOT runs the server of another built checkout, e.g. an
 * older commit unpacked with `git archive` for an A/B comparison.
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Reads a `key: value` scalar of the kubeconfig main.ts writes (no YAML parser needed for it). */
function kubeconfigField(text, key) {
  const m = new RegExp(`^\\s*${key}:\\s*(\\S+)\\s*$`, "m").exec(text);
  if (!m) throw new Error(`kubeconfig has no ${key}`);
  return m[1];
}

const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat times are in these ticks

/**
 * Starts the API server and waits for its "kube-ts is ready" log line.
 * @param {{ root: string, log: (msg: string) => void, readyTimeoutMs?: number, nodeArgs?: string[] }} options
 */
export async function startServer({ root, log, readyTimeoutMs = 60_000, nodeArgs = [] }) {
  // BENCH_SERVER_ROOT: run the server of another built checkout (A/B against an older commit).
  root = process.env.BENCH_SERVER_ROOT ?? root;
  const main = join(root, "packages/apiserver/dist/main.js");
  if (!existsSync(main)) throw new Error(`${main} does not exist; run \`npx tsc -b\` first`);
  const dataDir = await mkdtemp(join(tmpdir(), "kube-ts-bench-apiserver-"));
  const port = await freePort();
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const args = [...nodeArgs, ...extraArgs, main, "--data-dir", dataDir, "--port", String(port)];
  log(`starting server: node ${args.join(" ")}`);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });

  // Keep the tail of the server's output for failure messages.
  const tail = [];
  const remember = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  let exited;
  const exitPromise = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  const outputTail = () => (tail.length ? `\n--- server output (last ${tail.length} lines) ---\n${tail.join("\n")}` : "");

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not print "kube-ts is ready" within ${readyTimeoutMs / 1000}s${outputTail()}`)),
        readyTimeoutMs,
      );
      let buffered = "";
      const onLine = (line) => {
        remember(line);
        if (!line.includes("kube-ts is ready")) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line).url ?? `https://127.0.0.1:${port}`);
        } catch {
          resolve(`https://127.0.0.1:${port}`);
        }
      };
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk) => {
        buffered += chunk;
        let nl = buffered.indexOf("\n");
        while (nl >= 0) {
          onLine(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
          nl = buffered.indexOf("\n");
        }
      });
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk) => {
        for (const line of chunk.split("\n")) if (line) remember(line);
      });
      child.once("error", (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot start server: ${err.message}`));
      });
      void exitPromise.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited before it was ready (code ${code}, signal ${signal})${outputTail()}`));
      });
    });
  } catch (err) {
    child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  const kubeconfig = await readFile(join(dataDir, "kubeconfig"), "utf8");
  const b64 = (key) => Buffer.from(kubeconfigField(kubeconfig, key), "base64").toString("utf8");
  const credentials = {
    ca: b64("certificate-authority-data"),
    cert: b64("client-certificate-data"),
    key: b64("client-key-data"),
  };

  let stopped;
  return {
    url,
    pid: child.pid,
    dataDir,
    credentials,
    outputTail,
    /** Set once the process has exited ({code, signal}). */
    get exited() {
      return exited;
    },
    /** Resolves when the server process exits. */
    exitPromise,
    /** Resident set size of the server process in MiB (VmRSS). */
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (!m) throw new Error(`no VmRSS in /proc/${child.pid}/status`);
      return Number(m[1]) / 1024;
    },
    /** CPU time (user + system) the server process has used so far, in ms. */
    cpuMs() {
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    },
    /** SIGTERM, wait up to `graceMs` for a clean exit, then SIGKILL; removes the data dir. */
    stop({ graceMs = 20_000 } = {}) {
      stopped ??= (async () => {
        if (!exited) {
          child.kill("SIGTERM");
          const timer = new Promise((resolve) => setTimeout(resolve, graceMs, "timeout"));
          if ((await Promise.race([exitPromise, timer])) === "timeout") {
            log(`server did not exit within ${graceMs / 1000}s of SIGTERM; killing it`);
            child.kill("SIGKILL");
            await exitPromise;
          }
        }
        await rm(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
