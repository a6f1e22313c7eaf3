/**
 * A plain-HTTP API server on SQLite for API-level tests, and a tiny JSON
 * client for it. (TLS and kubectl are covered by the e2e tests; these tests
 * pin down API semantics request by request.)
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Backend, openBackend } from "@kube-ts/storage";
import { ApiServer } from "../server.js";

/** A response, parsed when it is JSON. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

/** A running server and a client for it. */
export interface ApiHarness {
  server: ApiServer;
  backend: Backend;
  port: number;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  /** Opens a watch and collects its events until closed. */
  watch(path: string, headers?: Record<string, string>): WatchHandle;
  stop(): Promise<void>;
}

/** A watch in progress. */
export interface WatchHandle {
  events: Array<{ type: string; object: Record<string, unknown> }>;
  /** Resolves when `predicate` holds for the events so far (rejects after a deadline). */
  until(predicate: (events: WatchHandle["events"]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Starts a server with a fresh SQLite store. */
export async function startApiHarness(options: { backendUri?: (dir: string) => string } = {}): Promise<ApiHarness> {
  const dir = await mkdtemp(join(tmpdir(), "kube-ts-api-"));
  const backend = await openBackend(options.backendUri?.(dir) ?? `sqlite://${join(dir, "state.db")}`);
  const server = new ApiServer({ backend, log: () => {} });
  const { port } = await server.start();

  const call = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<ApiResponse<T>>((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method,
          path,
          headers: {
            ...(payload !== undefined ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => {
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {}
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, text });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });

  const watch = (path: string, headers: Record<string, string> = {}): WatchHandle => {
    const events: WatchHandle["events"] = [];
    let buffer = "";
    let endResolve: () => void = () => {};
    const ended = new Promise<void>((r) => (endResolve = r));
    const req = request({ host: "127.0.0.1", port, method: "GET", path, headers }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf("\n");
        while (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line));
          nl = buffer.indexOf("\n");
        }
      });
      res.on("end", endResolve);
      res.on("close", endResolve);
    });
    req.on("error", () => endResolve());
    req.end();
    return {
      events,
      ended,
      async until(predicate, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (!predicate(events)) {
          if (Date.now() > deadline) throw new Error(`watch ${path}: condition not met; events: ${JSON.stringify(events.map((e) => [e.type, (e.object.metadata as { name?: string } | undefined)?.name]))}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      },
      close: () => req.destroy(),
    };
  };

  return {
    server,
    backend,
    port,
    call,
    watch,
    async stop() {
      await server.close();
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
