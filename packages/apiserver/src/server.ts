/**
 * The API server: an HTTPS listener that authenticates each request, routes
 * it (health, version, discovery, OpenAPI, resources) and turns every
 * failure into a Kubernetes Status. Wires the registry, the stores' hooks,
 * the watch caches and the namespace controller together.
 * @module
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Backend } from "@kube-ts/storage";
import { admitNamespace, admitNamespaceDelete, allocateServiceAddresses } from "./admission.js";
import { bootstrapCluster } from "./bootstrap.js";
import { ApiError, internalError, pathNotFound, unauthorized } from "./errors.js";
import {
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from "./handlers/discovery.js";
import { buildFilter } from "./handlers/filter.js";
import { OpenApiService } from "./handlers/openapi.js";
import { handleResource } from "./handlers/resources.js";
import { WatchCaches } from "./handlers/watch.js";
import { discoveryContentType, negotiate } from "./http/negotiate.js";
import { parseRequestInfo } from "./http/request-info.js";
import { sendError, sendJson } from "./http/respond.js";
import { CrdController } from "./crd/controller.js";
import { compileVersionRules } from "./crd/rules.js";
import { GarbageCollector } from "./garbage-collector.js";
import { NamespaceCache } from "./namespace-cache.js";
import { NamespaceController } from "./namespace-controller.js";
import { ApiRegistry } from "./registry/api-registry.js";
import { builtinResources } from "./registry/builtin/index.js";
import type { StoreHooks } from "./registry/store.js";
import { validateObject, invalidError } from "./validate.js";

/** The identity of an authenticated caller. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** Decides who is calling; returning undefined answers 401. */
export type Authenticator = (req: IncomingMessage) => UserInfo | undefined;

/** How to run an API server. */
export interface ApiServerOptions {
  backend: Backend;
  /** Address to listen on (default 127.0.0.1) and port (0 picks a free one). */
  host?: string;
  port?: number;
  /** Serving certificate; without it the server speaks plain HTTP (tests and benchmarks only). */
  tls?: { cert: string; key: string; ca: string };
  /** Without an authenticator every request is allowed (plain-HTTP test servers). */
  authenticate?: Authenticator;
  /** Where problems are reported; defaults to stderr. */
  log?: (msg: string, err?: unknown) => void;
}

/** The version kube-ts reports: the Kubernetes API level it implements. */
export const SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-kube-ts",
  gitCommit: "",
  gitTreeState: "clean",
  buildDate: "2026-11-23T00:00:00Z",
  goVersion: `node${process.versions.node}`,
  compiler: "node",
  platform: `${process.platform}/${process.arch === "x64" ? "amd64" : process.arch}`,
};

/** A running (or startable) kube-ts API server. */
export class ApiServer {
  readonly registry: ApiRegistry;
  readonly caches: WatchCaches;
  readonly openapi: OpenApiService;
  readonly #server: Server;
  readonly #options: ApiServerOptions;
  readonly #namespaces: NamespaceController;
  readonly #garbageCollector: GarbageCollector;
  readonly #namespaceCache: NamespaceCache;
  readonly #crds: CrdController;
  readonly #log: (msg: string, err?: unknown) => void;

  constructor(options: ApiServerOptions) {
    this.#options = options;
    this.#log = options.log ?? ((msg, err) => console.error(msg, err ?? ""));
    this.openapi = new OpenApiService(() => this.registry);
    const hooks: StoreHooks = {
      decode: (def, obj, strict) => this.openapi.decode(def, obj, strict),
      validate: validateObject,
      invalid: invalidError,
      admitCreate: async (def, obj) => {
        await admitNamespace(this.#namespaceCache, def, obj);
        if (def.group === "" && def.kind === "Service") await allocateServiceAddresses(this.registry, obj);
      },
      admitDelete: admitNamespaceDelete,
      schemaFor: (def) => this.openapi.schemaFor(def),
    };
    this.registry = new ApiRegistry(options.backend, hooks);
    for (const def of builtinResources) this.registry.add(def);
    this.caches = new WatchCaches(options.backend);
    this.#namespaces = new NamespaceController(this.registry, this.caches, this.#log);
    this.#garbageCollector = new GarbageCollector(this.registry, this.caches, this.#log);
    this.#namespaceCache = new NamespaceCache(this.registry, this.caches);
    this.#crds = new CrdController(
      this.registry,
      this.caches,
      compileVersionRules,
      (store) => void this.#garbageCollector.watch(store).catch((err) => this.#log(`garbage collector cannot follow ${store.def.plural}`, err)),
      this.#log,
    );
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.#handle(req, res);
    this.#server = options.tls
      ? createHttpsServer(
          { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: true, rejectUnauthorized: false },
          handler,
        )
      : createHttpServer(handler);
    // Requests Node's HTTP parser rejects (unknown methods, broken framing) still get a Status.
    this.#server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
      // Bytes after a `Connection: close` request whose response is already out: nothing to answer.
      if (!socket.writable || err.code === "HPE_CLOSED_CONNECTION" || err.code === "ECONNRESET") return socket.destroy();
      const status = JSON.stringify(
        new ApiError(400, "BadRequest", `malformed HTTP request: ${err.code ?? err.message}`).toStatus(),
      );
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(status)}\r\nConnection: close\r\n\r\n${status}`,
      );
    });
    this.#server.keepAliveTimeout = 65_000;
    this.#server.headersTimeout = 66_000;
    this.#server.requestTimeout = 0; // watches are long-lived
  }

  /** Listens, creates the system objects and starts the in-process controllers. */
  async start(): Promise<{ host: string; port: number; url: string }> {
    const host = this.#options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(this.#options.port ?? 0, host, () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    await this.#namespaceCache.start();
    await bootstrapCluster(this.registry, { host, port });
    await this.#namespaces.start();
    await this.#garbageCollector.start();
    await this.#crds.start();
    const scheme = this.#options.tls ? "https" : "http";
    return { host, port, url: `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}` };
  }

  /** The listening port. */
  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Stops listening, ends open watches and stops controllers (the backend stays open). */
  async close(): Promise<void> {
    this.#namespaces.stop();
    this.#garbageCollector.stop();
    this.#crds.stop();
    this.#namespaceCache.stop();
    await this.caches.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (this.#options.authenticate && !this.#options.authenticate(req)) throw unauthorized();
      await this.#route(req, res, url);
    } catch (err) {
      if (err instanceof ApiError) {
        sendError(res, err);
        return;
      }
      this.#log(`internal error serving ${req.method} ${req.url}`, err);
      sendError(res, internalError(err instanceof Error ? err.message : String(err)));
    }
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    switch (path) {
      case "/healthz":
      case "/livez":
      case "/readyz":
        res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("ok");
        return;
      case "/version":
        return sendJson(res, 200, SERVER_VERSION);
      case "/":
        return sendJson(res, 200, { paths: ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version"] });
    }
    if (path === "/openapi/v3" || path.startsWith("/openapi/")) return this.openapi.serve(req, res, url);
    const info = parseRequestInfo(req.method ?? "GET", path, url.searchParams);
    if (!info.apiPrefix) throw pathNotFound();
    if (!info.isResourceRequest) return this.#discovery(req, res, info.apiPrefix, info.group, info.version);
    await handleResource(
      { registry: this.registry, caches: this.caches, schemas: this.openapi, buildFilter },
      req,
      res,
      info,
      url.searchParams,
    );
  }

  #discovery(req: IncomingMessage, res: ServerResponse, prefix: "api" | "apis", group: string, version: string): void {
    if (req.method !== "GET" && req.method !== "HEAD") throw pathNotFound();
    const registry = this.registry;
    if (prefix === "api" && !version) {
      const rep = negotiate(req.headers.accept, { allowDiscovery: true });
      if (rep.kind === "discovery") {
        return sendJson(res, 200, aggregatedDiscovery(registry, true, rep.version), {}, discoveryContentType(rep.version));
      }
      const address = `${req.socket.localAddress ?? "127.0.0.1"}:${req.socket.localPort ?? ""}`;
      return sendJson(res, 200, apiVersions(address));
    }
    if (prefix === "apis" && !group) {
      const rep = negotiate(req.headers.accept, { allowDiscovery: true });
      if (rep.kind === "discovery") {
        return sendJson(res, 200, aggregatedDiscovery(registry, false, rep.version), {}, discoveryContentType(rep.version));
      }
      return sendJson(res, 200, apiGroupList(registry));
    }
    if (prefix === "apis" && !version) {
      const doc = apiGroupDocument(registry, group);
      if (!doc) throw pathNotFound();
      return sendJson(res, 200, doc);
    }
    const gv = registry.groupVersions().find((g) => g.group === (prefix === "api" ? "" : group) && g.version === version);
    if (!gv) throw pathNotFound();
    sendJson(res, 200, apiResourceList(gv));
  }
}
