/**
 * The `apiserver` suite: the real kube-ts API server in its own process
 * (SQLite in a temporary data dir, HTTPS with the admin client certificate),
 * loaded from this process over keep-alive connections.
 *
 *  1. pod creates/s          32 connections create 10,000 ~1.5 KB Pods in one namespace
 *  2. list 10k pods          JSON and Table, time to the last byte, median of 5
 *  3. RSS at 10k pods        VmRSS of the server process holding 10k pods (after the creates,
 *                            once idle for a second), and again right after the list load
 *  4. watch fan-out          100 watches; 32 writers create 10,000 ConfigMaps carrying
 *                            their send time; per-event delivery latency and rate
 *  5. custom resources       a CRD (~30 fields, 2 CEL rules) until Established; 32 connections
 *                            create 5,000 ~1.5 KB custom resources, then 5,000 ConfigMaps of
 *                            the same size; the ratio of the two rates
 *  6. server-side apply      200 ~5 KB Deployments created by apply, then 2,000 re-applies
 *                            (a new image tag each) over 32 connections
 *
 * Sizes can be shrunk for a quick smoke run with BENCH_PODS, BENCH_CONFIGMAPS,
 * BENCH_WATCHERS, BENCH_WRITERS, BENCH_CUSTOM_RESOURCES, BENCH_DEPLOYMENTS,
 * BENCH_APPLIES (the result names of 1-4 follow the sizes). Every phase is
 * bounded; a failure names the phase and what went wrong.
 * @module
 */
import { cpus } from "node:os";
import { Pool } from "undici";
import { startServer } from "../lib/server.mjs";
import { countLabel, cpuMeter, envInt, epochMs, median, percentileSorted, phase, round } from "../lib/util.mjs";

const POD_NS = "bench";
const WATCH_NS = "bench-watch";
const LIST_RUNS = 5;
const TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io";
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

/** A realistic Pod (~1.5 KB of JSON): labels, annotations, two containers with ports, env, resources, probes. */
export function podManifest(i) {
  const name = `web-${String(i).padStart(5, "0")}`;
  const app = `svc-${i % 40}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: POD_NS,
      labels: {
        app,
        tier: i % 3 === 0 ? "frontend" : "backend",
        release: "stable",
        "pod-template-hash": "7d4b9c8f6d",
      },
      annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9090" },
    },
    spec: {
      containers: [
        {
          name: "app",
          image: `registry.example.com/team/${app}:1.${i % 10}.3`,
          imagePullPolicy: "IfNotPresent",
          ports: [
            { name: "http", containerPort: 8080, protocol: "TCP" },
            { name: "metrics", containerPort: 9090, protocol: "TCP" },
          ],
          env: [
            { name: "LOG_LEVEL", value: "info" },
            { name: "POD_INDEX", value: String(i) },
            { name: "DATABASE_URL", value: "postgres://db.bench.svc.cluster.local:5432/app" },
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          ],
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
          readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10 },
          volumeMounts: [{ name: "config", mountPath: "/etc/app", readOnly: true }],
        },
        {
          name: "log-shipper",
          image: "registry.example.com/infra/fluent-bit:3.1.4",
          args: ["--config=/fluent-bit/etc/fluent-bit.conf"],
          ports: [{ name: "fb-metrics", containerPort: 2020, protocol: "TCP" }],
          resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
        },
      ],
      volumes: [{ name: "config", configMap: { name: `${app}-config` } }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      serviceAccountName: "default",
      nodeSelector: { "kubernetes.io/os": "linux" },
      tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
    },
  };
}

/**
 * The ConfigMap of the watch phase, as text around the send stamp so the
 * stamp can be filled in at the moment of sending without re-serializing.
 * The stamp `"bench-sent":"<index>@<epoch ms>"` is what watchers look for.
 */
function configMapParts(i) {
  const name = `cm-${String(i).padStart(5, "0")}`;
  const head = JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: WATCH_NS, labels: { app: `svc-${i % 40}`, "bench.kube-ts.io/run": "watch" } },
  }).slice(0, -1);
  const rest = { "app.properties": `color=blue\nreplicas=3\nindex=${i}\n`, "log-level": "info" };
  return [`${head},"data":{"bench-sent":"${i}@`, `",${JSON.stringify(rest).slice(1)}}`];
}

// ---------------------------------------------------------------------------
// Custom resources, their ConfigMap baseline, and server-side apply.
// ---------------------------------------------------------------------------

const CR_GROUP = "bench.kube-ts.dev";
const CR_VERSION = "v1";
const CR_PLURAL = "benchapps";
const CR_KIND = "BenchApp";
const CR_NS = "bench-cr";
const CR_CM_NS = "bench-cm";
const APPLY_NS = "bench-apply";
const DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

/**
 * The CRD of the custom resource phase: a namespaced BenchApp whose v1
 * schema has ~30 fields in nested objects (patterns, enums, maxLength,
 * integer bounds and defaults, booleans, a map list, a string map, one
 * preserve-unknown-fields object), exactly two CEL rules, the status
 * subresource and printer columns, in the shape controller-gen emits.
 */
export function benchCrd() {
  const str = (extra = {}) => ({ type: "string", ...extra });
  const int = (minimum, maximum, extra = {}) => ({ type: "integer", format: "int32", minimum, maximum, ...extra });
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${CR_PLURAL}.${CR_GROUP}` },
    spec: {
      group: CR_GROUP,
      scope: "Namespaced",
      names: { plural: CR_PLURAL, singular: "benchapp", kind: CR_KIND, listKind: `${CR_KIND}List`, shortNames: ["bapp"] },
      versions: [
        {
          name: CR_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: "Tier", type: "string", jsonPath: ".spec.tier" },
            { name: "Min", type: "integer", jsonPath: ".spec.minReplicas" },
            { name: "Max", type: "integer", jsonPath: ".spec.maxReplicas" },
            { name: "Phase", type: "string", jsonPath: ".status.phase" },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              description: "BenchApp is a service as a platform team would describe it.",
              properties: {
                apiVersion: str(),
                kind: str(),
                // No `metadata: { type: "object" }` here, although controller-gen emits it: kube-ts
                // (as of 97993de) prunes such a metadata down to nothing, so every create is a 422
                // "metadata.name: Required value". Upstream always keeps ObjectMeta at the root.
                spec: {
                  type: "object",
                  required: ["name", "tier", "image", "maxReplicas"],
                  properties: {
                    name: str({ maxLength: 63, pattern: DNS_LABEL }),
                    tier: str({ enum: ["frontend", "backend", "batch"] }),
                    owner: str({ maxLength: 64, pattern: "^[a-z][a-z0-9.-]*@[a-z0-9.-]+$" }),
                    image: str({ maxLength: 255, pattern: "^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?$" }),
                    minReplicas: int(1, 100, { default: 1 }),
                    maxReplicas: int(1, 100),
                    paused: { type: "boolean", default: false },
                    priority: int(0, 1000, { default: 100 }),
                    resources: {
                      type: "object",
                      properties: {
                        cpu: str({ pattern: "^[0-9]+(m|\\.[0-9]+)?$", maxLength: 16 }),
                        memory: str({ pattern: "^[0-9]+(Ki|Mi|Gi)$", maxLength: 16 }),
                      },
                    },
                    autoscaling: {
                      type: "object",
                      properties: {
                        enabled: { type: "boolean", default: false },
                        targetCPUUtilization: int(1, 100, { default: 80 }),
                        scaleDownDelaySeconds: int(0, 3600, { default: 300 }),
                      },
                    },
                    network: {
                      type: "object",
                      required: ["port"],
                      properties: {
                        port: int(1, 65535),
                        protocol: str({ enum: ["TCP", "UDP"], default: "TCP" }),
                        exposure: str({ enum: ["ClusterIP", "NodePort", "LoadBalancer"], default: "ClusterIP" }),
                        hostname: str({ maxLength: 253, pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$" }),
                      },
                    },
                    rollout: {
                      type: "object",
                      properties: {
                        strategy: str({ enum: ["RollingUpdate", "Recreate"], default: "RollingUpdate" }),
                        maxSurge: int(0, 100, { default: 1 }),
                        maxUnavailable: int(0, 100, { default: 0 }),
                      },
                    },
                    healthCheck: {
                      type: "object",
                      properties: {
                        path: str({ maxLength: 128, pattern: "^/[A-Za-z0-9/._-]*$" }),
                        periodSeconds: int(1, 300, { default: 10 }),
                        failureThreshold: int(1, 30, { default: 3 }),
                      },
                    },
                    endpoints: {
                      type: "array",
                      maxItems: 16,
                      "x-kubernetes-list-type": "map",
                      "x-kubernetes-list-map-keys": ["name"],
                      items: {
                        type: "object",
                        required: ["name", "port"],
                        properties: {
                          name: str({ maxLength: 63, pattern: DNS_LABEL }),
                          path: str({ maxLength: 128, pattern: "^/[A-Za-z0-9/._-]*$" }),
                          port: int(1, 65535),
                          timeoutSeconds: int(1, 60, { default: 5 }),
                          public: { type: "boolean", default: false },
                        },
                      },
                    },
                    labels: { type: "object", maxProperties: 32, additionalProperties: str({ maxLength: 63 }) },
                    config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                  },
                  "x-kubernetes-validations": [
                    { rule: "self.minReplicas <= self.maxReplicas", message: "minReplicas must not exceed maxReplicas" },
                    { rule: "self.name.startsWith('svc-')", message: "name must start with svc-", fieldPath: ".name" },
                  ],
                },
                status: {
                  type: "object",
                  properties: {
                    phase: str({ enum: ["Pending", "Running", "Degraded"] }),
                    replicas: { type: "integer", format: "int32" },
                    readyReplicas: { type: "integer", format: "int32" },
                    observedGeneration: { type: "integer", format: "int64" },
                    conditions: {
                      type: "array",
                      "x-kubernetes-list-type": "map",
                      "x-kubernetes-list-map-keys": ["type"],
                      items: {
                        type: "object",
                        required: ["type", "status"],
                        properties: {
                          type: str({ maxLength: 316 }),
                          status: str({ enum: ["True", "False", "Unknown"] }),
                          reason: str({ maxLength: 1024 }),
                          message: str({ maxLength: 32768 }),
                          lastTransitionTime: str({ format: "date-time" }),
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** A BenchApp valid against {@link benchCrd} (~1.5 KB of JSON); defaulted fields (priority, timeouts…) partly left out. */
export function customResourceManifest(i) {
  const app = `svc-${String(i).padStart(5, "0")}`;
  const team = `team-${i % 12}`;
  const minReplicas = 1 + (i % 3);
  return {
    apiVersion: `${CR_GROUP}/${CR_VERSION}`,
    kind: CR_KIND,
    metadata: {
      name: app,
      namespace: CR_NS,
      labels: { app, team, tier: i % 3 === 0 ? "frontend" : "backend", "bench.kube-ts.io/run": "crd" },
      annotations: { "bench.kube-ts.io/owner": `${team}@example.com` },
    },
    spec: {
      name: app,
      tier: i % 3 === 0 ? "frontend" : "backend",
      owner: `${team}@example.com`,
      image: `registry.example.com/${team}/${app}:1.${i % 10}.3`,
      minReplicas,
      maxReplicas: minReplicas + 4,
      paused: false,
      resources: { cpu: "250m", memory: "256Mi" },
      autoscaling: { enabled: i % 2 === 0, targetCPUUtilization: 70 },
      network: { port: 8080, protocol: "TCP", exposure: "ClusterIP", hostname: `${app}.${team}.svc.cluster.local` },
      rollout: { strategy: "RollingUpdate", maxSurge: 1 },
      healthCheck: { path: "/healthz", periodSeconds: 10 },
      endpoints: [
        { name: "http", path: "/", port: 8080, public: true },
        { name: "metrics", path: "/metrics", port: 9090 },
        { name: "admin", path: "/admin", port: 8081, timeoutSeconds: 10 },
        { name: "grpc", port: 9000, timeoutSeconds: 30 },
        { name: "debug", path: "/debug/pprof", port: 6060, public: false },
      ],
      labels: { "cost-center": `cc-${1000 + (i % 50)}`, environment: "staging", "managed-by": "platform" },
      config: {
        logLevel: "info",
        features: { newCheckout: i % 2 === 0, betaSearch: false },
        cache: { ttlSeconds: 300, sizeMiB: 64, backends: ["redis-0.cache:6379", "redis-1.cache:6379"] },
        database: { host: "db.bench.svc.cluster.local", port: 5432, pool: { min: 2, max: 20 }, sslMode: "verify-full" },
        queue: { url: "amqp://mq.bench.svc.cluster.local:5672", prefetch: 16 },
      },
    },
  };
}

/** A ConfigMap of about `bytes` bytes of JSON (the size of a custom resource), in the custom resource phase's other namespace. */
export function sizedConfigMap(i, bytes) {
  const name = `app-config-${String(i).padStart(5, "0")}`;
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: CR_CM_NS,
      labels: { app: `svc-${String(i).padStart(5, "0")}`, team: `team-${i % 12}`, "bench.kube-ts.io/run": "crd-baseline" },
      annotations: { "bench.kube-ts.io/owner": `team-${i % 12}@example.com` },
    },
    data: {
      "app.properties": `color=blue\nreplicas=3\nindex=${i}\nlog.level=info\n`,
      "log-level": "info",
      "database.url": "postgres://db.bench.svc.cluster.local:5432/app",
      "cache.backends": "redis-0.cache:6379,redis-1.cache:6379",
    },
  };
  // Pad one realistic multi-line entry up to the wanted size.
  cm.data["features.properties"] = "";
  for (let n = 0; JSON.stringify(cm).length < bytes; n++) cm.data["features.properties"] += `feature.flag.${n}=enabled\n`;
  return cm;
}

/**
 * A Deployment as a team would apply it (~5 KB of JSON): labels and
 * annotations, two containers with env, ports, three probes, resources and
 * volume mounts, four volumes. `tag` is the app image's tag.
 */
export function deploymentManifest(i, tag) {
  const name = `api-${String(i).padStart(4, "0")}`;
  const labels = { app: name, team: `team-${i % 12}`, tier: "backend" };
  const env = (prefix, n) => Array.from({ length: n }, (_, k) => ({ name: `${prefix}_SETTING_${k}`, value: `value-${k}-${prefix.toLowerCase()}` }));
  const probe = (path, port, extra) => ({ httpGet: { path, port, scheme: "HTTP" }, timeoutSeconds: 2, failureThreshold: 3, ...extra });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: APPLY_NS,
      labels: { ...labels, "app.kubernetes.io/managed-by": "bench", "app.kubernetes.io/part-of": "shop" },
      annotations: { "bench.kube-ts.io/owner": `team-${i % 12}@example.com`, "bench.kube-ts.io/runbook": `https://runbooks.example.com/${name}` },
    },
    spec: {
      replicas: 3,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { app: name } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels,
          annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9090", "prometheus.io/path": "/metrics" },
        },
        spec: {
          serviceAccountName: name,
          terminationGracePeriodSeconds: 45,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 },
          containers: [
            {
              name: "app",
              image: `registry.example.com/shop/${name}:${tag}`,
              imagePullPolicy: "IfNotPresent",
              args: ["--config=/etc/app/app.yaml", "--listen=:8080", "--metrics-listen=:9090"],
              ports: [
                { name: "http", containerPort: 8080, protocol: "TCP" },
                { name: "metrics", containerPort: 9090, protocol: "TCP" },
                { name: "grpc", containerPort: 9000, protocol: "TCP" },
              ],
              env: [
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: `${name}-db`, key: "password" } } },
                { name: "DATABASE_URL", value: "postgres://db.shop.svc.cluster.local:5432/shop" },
                { name: "LOG_LEVEL", value: "info" },
                ...env("APP", 24),
              ],
              resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              livenessProbe: probe("/livez", 8080, { initialDelaySeconds: 10, periodSeconds: 20 }),
              readinessProbe: probe("/readyz", 8080, { periodSeconds: 5 }),
              startupProbe: probe("/livez", 8080, { periodSeconds: 5, failureThreshold: 30 }),
              volumeMounts: [
                { name: "config", mountPath: "/etc/app", readOnly: true },
                { name: "tls", mountPath: "/etc/tls", readOnly: true },
                { name: "cache", mountPath: "/var/cache/app" },
              ],
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            },
            {
              name: "log-shipper",
              image: "registry.example.com/infra/fluent-bit:3.1.4",
              args: ["--config=/fluent-bit/etc/fluent-bit.conf"],
              ports: [{ name: "fb-metrics", containerPort: 2020, protocol: "TCP" }],
              env: [{ name: "FLUENT_HOST", value: "logs.infra.svc.cluster.local" }, { name: "FLUENT_PORT", value: "24224" }, ...env("FB", 4)],
              resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
              livenessProbe: probe("/api/v1/health", 2020, { periodSeconds: 30 }),
              volumeMounts: [
                { name: "fluent-bit-config", mountPath: "/fluent-bit/etc", readOnly: true },
                { name: "cache", mountPath: "/var/cache/app", readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: `${name}-config`, defaultMode: 420 } },
            { name: "tls", secret: { secretName: `${name}-tls`, defaultMode: 256 } },
            { name: "cache", emptyDir: { sizeLimit: "1Gi" } },
            { name: "fluent-bit-config", configMap: { name: "fluent-bit-config" } },
          ],
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
        },
      },
    },
  };
}

/** Reads a whole response body as one Buffer. */
async function readAll(body) {
  const chunks = [];
  let bytes = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    bytes += chunk.length;
  }
  return Buffer.concat(chunks, bytes);
}

/**
 * Counts the elements of the root object's array `field` by scanning the
 * JSON bytes (strings and escapes respected). Used instead of JSON.parse to
 * verify list bodies: parsing 23 MB into objects costs this process ~200 ms
 * and leaves a large heap whose collection lands inside the next timed run.
 */
export function countArrayElements(buf, field) {
  const key = Buffer.from(`"${field}"`);
  let depth = 0;
  let keyEnd = -1; // end of the last string seen directly inside the root object
  let keyMatches = false;
  let inTarget = false;
  let count = 0;
  let expectElement = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) {
      // a string: skip to its closing quote
      const start = i;
      for (i++; buf[i] !== 0x22; i++) if (buf[i] === 0x5c) i++;
      if (depth === 1) {
        keyEnd = i;
        keyMatches = i - start + 1 === key.length && buf.compare(key, 0, key.length, start, i + 1) === 0;
      } else if (inTarget && depth === 2 && expectElement) {
        count++;
        expectElement = false;
      }
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (inTarget && depth === 2 && expectElement) {
        count++;
        expectElement = false;
      }
      if (c === 0x5b && depth === 1 && keyMatches && keyEnd >= 0) {
        inTarget = true;
        expectElement = true;
      }
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 1 && inTarget) return count;
    } else if (c === 0x2c && inTarget && depth === 2) {
      expectElement = true;
    } else if (inTarget && depth === 2 && expectElement && c > 0x20) {
      count++; // a number, true, false or null element
      expectElement = false;
    }
  }
  return inTarget ? count : -1;
}

/** One request that must answer `expect`; returns the body text. */
async function mustRequest(pool, { method, path, body, headers = JSON_HEADERS, expect, signal, what }) {
  const res = await pool.request({ method, path, body, headers, signal });
  const text = (await readAll(res.body)).toString("utf8");
  if (res.statusCode !== expect) {
    throw new Error(`${what}: ${method} ${path} answered ${res.statusCode}, expected ${expect}: ${text.slice(0, 400)}`);
  }
  return text;
}

/** Runs `count` jobs over `workers` concurrent loops; job(i) gets each index once. */
async function runConcurrently(count, workers, job) {
  let next = 0;
  let failed;
  const loop = async () => {
    while (next < count && !failed) {
      const i = next++;
      try {
        await job(i);
      } catch (err) {
        failed ??= err;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, count) }, loop));
}

/**
 * Sends `count` requests over `workers` concurrent loops; request(i) is
 * `{ method, path, body, headers, expect, check? }` and every answer must be
 * `expect` (else the phase fails with the body); `check(i, body)` can fail it
 * on the content too.
 */
async function sendAll(pool, count, workers, signal, request) {
  await runConcurrently(count, workers, async (i) => {
    const { method, path, body, headers = JSON_HEADERS, expect, check, what } = request(i);
    const res = await pool.request({ method, path, body, headers, signal });
    const answer = await readAll(res.body);
    if (res.statusCode !== expect) {
      throw new Error(`${what}: ${method} ${path} answered ${res.statusCode}, expected ${expect}: ${answer.toString().slice(0, 600)}`);
    }
    check?.(i, answer);
  });
}

/**
 * Checks the generated custom resources against the CRD's schema in this
 * process with @kube-ts/core's CRD schema machinery (structural schema
 * rules, defaulting, OpenAPI validation, CEL rules), so a generator that
 * drifts from the schema fails here with the reasons rather than as a 422
 * in the middle of the timed phase (or not at all, on a server that does not
 * enforce the schema). Returns false when that machinery is not available.
 */
async function checkAgainstSchema(openAPIV3Schema, objects) {
  let core;
  try {
    core = await import("@kube-ts/core");
  } catch {
    return false;
  }
  const { structuralSchemaErrors, toStructural, compileCelRules, applyDefaults, validateCustomResource, evaluateCelRules } = core;
  if (![structuralSchemaErrors, toStructural, compileCelRules, applyDefaults, validateCustomResource, evaluateCelRules].every((f) => typeof f === "function")) {
    return false;
  }
  const fmt = (e) => (typeof core.formatFieldError === "function" ? core.formatFieldError(e) : JSON.stringify(e));
  const schemaErrors = structuralSchemaErrors(openAPIV3Schema, "spec.versions[0].schema.openAPIV3Schema");
  if (schemaErrors.length > 0) throw new Error(`the bench CRD's schema is invalid: ${schemaErrors.map(fmt).join("; ")}`);
  const structural = toStructural(openAPIV3Schema);
  const cel = compileCelRules(structural);
  for (const [i, obj] of objects.entries()) {
    const copy = structuredClone(obj);
    applyDefaults(copy, structural);
    const errors = [...validateCustomResource(copy, structural), ...evaluateCelRules(cel, copy, undefined)];
    if (errors.length > 0) throw new Error(`generated custom resource ${i} does not match the CRD's schema (fix the generator): ${errors.map(fmt).join("; ")}`);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Watch stream parsing.
//
// One watcher sees every event, so 100 watchers x 10,000 events are 1,000,000
// lines (~0.5 GB) arriving at this process; its parsing must stay far below
// the server's cost or the benchmark measures itself. Each line is scanned as
// bytes with Buffer#indexOf for the newline and for the `"bench-sent":"` stamp
// and the digits are folded by hand: no utf8 decode, no JSON.parse. Measured
// on the 2-core bench machine (node 20, 20 event lines of ~420 bytes per chunk):
// decode + split + JSON.parse 2.7 us/line, decode + String#indexOf 0.49 us,
// Buffer#indexOf + byte fold 0.40 us; i.e. ~2.7 s of one core for the whole
// run with JSON.parse against ~0.4 s this way.
// ---------------------------------------------------------------------------

const NEWLINE = 0x0a;
const STAMP = Buffer.from('"bench-sent":"');
const ADDED = Buffer.from('{"type":"ADDED"');

class Watcher {
  /**
   * @param {number} id
   * @param {number} expected events (ConfigMap indexes 0..expected-1)
   */
  constructor(id, expected) {
    this.id = id;
    this.expected = expected;
    this.seen = new Uint8Array(expected);
    this.latencies = new Float64Array(expected);
    this.delivered = 0; // distinct ConfigMaps seen as ADDED
    this.duplicates = 0;
    this.unexpected = []; // first few lines that were not our ADDED events (ERROR, odd types)
    this.lastReceive = 0;
    this.carry = null;
    this.chunks = 0;
    this.bytes = 0;
    this.ended = undefined; // why the stream ended, if it did
  }

  /** Feeds one received chunk; `now` is its receive time (epoch ms). */
  onChunk(chunk, now) {
    this.chunks++;
    this.bytes += chunk.length;
    let pos = 0;
    if (this.carry !== null) {
      // Only the line that straddles the chunk boundary is copied.
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = null;
      this.#line(line, 0, line.length, now);
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, pos);
      if (nl === -1) break;
      this.#line(chunk, pos, nl, now);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.carry = Buffer.from(chunk.subarray(pos)); // copy: do not pin the chunk
  }

  #line(buf, start, end, now) {
    const at = buf.indexOf(STAMP, start);
    if (at === -1 || at >= end || buf.compare(ADDED, 0, ADDED.length, start, start + ADDED.length) !== 0) {
      this.#other(buf.toString("utf8", start, end));
      return;
    }
    // "<index>@<epoch ms with fraction>"
    let p = at + STAMP.length;
    let index = 0;
    for (let c = buf[p]; c !== 0x40; c = buf[++p]) index = index * 10 + (c - 0x30);
    let sent = 0;
    let scale = 0;
    for (let c = buf[++p]; c !== 0x22; c = buf[++p]) {
      if (c === 0x2e) scale = 1;
      else {
        sent = sent * 10 + (c - 0x30);
        if (scale) scale *= 10;
      }
    }
    if (scale) sent /= scale;
    if (index >= this.expected) return this.#other(buf.toString("utf8", start, end));
    if (this.seen[index]) {
      this.duplicates++;
      return;
    }
    this.seen[index] = 1;
    this.latencies[this.delivered++] = now - sent;
    this.lastReceive = now;
  }

  #other(line) {
    if (line.startsWith('{"type":"BOOKMARK"')) return;
    if (this.unexpected.length < 3) this.unexpected.push(line.slice(0, 300));
  }

  get done() {
    return this.delivered >= this.expected || this.ended !== undefined;
  }
}

/** Opens a watch and feeds it to `watcher`; resolves once the response headers arrived (the server attached it). */
async function openWatch(pool, path, watcher, signal, timeoutMs) {
  const res = await pool.request({ method: "GET", path, headers: { accept: "application/json" }, signal, bodyTimeout: timeoutMs });
  if (res.statusCode !== 200) {
    const text = (await readAll(res.body)).toString("utf8");
    throw new Error(`watch ${watcher.id}: GET ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
  }
  const body = res.body;
  body.on("data", (chunk) => watcher.onChunk(chunk, epochMs()));
  body.on("end", () => {
    watcher.ended ??= `stream ended by the server after ${watcher.delivered} events`;
  });
  body.on("error", (err) => {
    watcher.ended ??= `stream failed after ${watcher.delivered} events: ${err.message}`;
  });
  return body;
}

// ---------------------------------------------------------------------------

export async function run(ctx) {
  const PODS = envInt("BENCH_PODS", 10_000);
  const WRITERS = envInt("BENCH_WRITERS", 32);
  const WATCHERS = envInt("BENCH_WATCHERS", 100);
  const CONFIGMAPS = envInt("BENCH_CONFIGMAPS", 10_000);
  const CUSTOM_RESOURCES = envInt("BENCH_CUSTOM_RESOURCES", 5_000); // and as many ConfigMaps to compare with
  const DEPLOYMENTS = envInt("BENCH_DEPLOYMENTS", 200);
  const APPLIES = envInt("BENCH_APPLIES", 2_000);
  // Concurrent re-applies must go to different deployments: this measures applies, not contention
  // on one object (where kube-ts currently answers 409 Conflict instead of retrying as upstream).
  if (DEPLOYMENTS <= WRITERS) throw new Error(`BENCH_DEPLOYMENTS (${DEPLOYMENTS}) must be greater than BENCH_WRITERS (${WRITERS})`);
  const log = ctx.log;
  const results = [];
  const add = (name, value, unit) => {
    results.push({ name, value, unit });
    log(`${name}: ${value} ${unit}`);
  };

  const server = await startServer({ root: ctx.root, log });
  ctx.addCleanup(() => server.stop());
  log(`server pid ${server.pid} at ${server.url}`);
  const rssAtStart = server.rssMiB();
  const tls = server.credentials; // { ca, cert, key }: verify the server, present the admin client certificate
  const poolOptions = { connect: tls, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000, keepAliveTimeout: 60_000 };
  // Any phase fails at once, with the server's last output, if the server dies under it.
  const serverDied = server.exitPromise.then(({ code, signal }) => {
    throw new Error(`the server process exited (code ${code}, signal ${signal})${server.outputTail()}`);
  });
  serverDied.catch(() => {});
  // With a profiled server, log each phase's window in the profile's clock (see bench/tools/cpuprofile-top.mjs).
  const profiling = /--cpu-prof\b/.test(process.env.BENCH_SERVER_NODE_ARGS ?? "");
  const monoUs = () => String(process.hrtime.bigint() / 1000n);
  const bounded = async (name, timeoutMs, fn) => {
    const from = monoUs();
    try {
      return await phase(name, timeoutMs, fn, [serverDied]);
    } catch (err) {
      // A dropped connection is usually the symptom; if the server died, say so.
      const exit = await Promise.race([server.exitPromise, new Promise((r) => setTimeout(r, 1000))]);
      if (exit && !/server process exited/.test(err.message)) {
        throw new Error(`${err.message}; the server process exited (code ${exit.code}, signal ${exit.signal})${server.outputTail()}`);
      }
      const cause = err.cause?.code ?? err.code;
      if (cause === "UND_ERR_HEADERS_TIMEOUT") {
        throw new Error(`${name}: the server sent no response headers within ${poolOptions.headersTimeout / 1000}s (hung or overloaded)`);
      }
      if (cause === "UND_ERR_BODY_TIMEOUT") {
        throw new Error(`${name}: the server stopped sending a response body for ${poolOptions.bodyTimeout / 1000}s`);
      }
      throw err;
    } finally {
      if (profiling) log(`profile window "${name}": --from ${from} --to ${monoUs()}`);
    }
  };

  const writers = new Pool(server.url, { ...poolOptions, connections: WRITERS });
  ctx.addCleanup(() => writers.destroy());

  // --- 1. pod creates ---------------------------------------------------------
  await bounded(`create namespace ${POD_NS}`, 30_000, (signal) =>
    mustRequest(writers, {
      method: "POST",
      path: "/api/v1/namespaces",
      body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: POD_NS } }),
      expect: 201,
      signal,
      what: `create namespace ${POD_NS}`,
    }),
  );
  // Serialized up front: the timed loop should only send.
  const podBodies = Array.from({ length: PODS }, (_, i) => JSON.stringify(podManifest(i)));
  log(`pod manifest: ${podBodies[0].length} bytes of JSON; creating ${PODS} over ${WRITERS} connections`);
  const podPath = `/api/v1/namespaces/${POD_NS}/pods`;
  // Open every connection (TLS handshakes) before the clock starts.
  await bounded("warm up connections", 30_000, (signal) =>
    Promise.all(
      Array.from({ length: WRITERS }, () =>
        mustRequest(writers, { method: "GET", path: "/healthz", expect: 200, signal, what: "warm-up" }),
      ),
    ),
  );
  const createMeter = cpuMeter(() => server.cpuMs());
  await bounded(`create ${PODS} pods`, 240_000, (signal) =>
    runConcurrently(PODS, WRITERS, async (i) => {
      const res = await writers.request({ method: "POST", path: podPath, body: podBodies[i], headers: JSON_HEADERS, signal });
      const body = await readAll(res.body);
      if (res.statusCode !== 201) {
        throw new Error(`pod ${i}: POST ${podPath} answered ${res.statusCode}, expected 201: ${body.toString().slice(0, 400)}`);
      }
    }),
  );
  const created = createMeter();
  add("pod creates/s", round((PODS / created.wallMs) * 1000), "creates/s");
  // The steady state of a server holding the pods; the list load below adds transient garbage
  // (tens of MB per 10k-object response) that V8 returns to the OS only lazily, reported separately.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssAtPods = server.rssMiB();

  // --- 2. lists -----------------------------------------------------------------
  const listOnce = async (accept, signal) => {
    const t0 = performance.now();
    const res = await writers.request({ method: "GET", path: podPath, headers: { accept }, signal });
    const headersMs = performance.now() - t0;
    const body = await readAll(res.body);
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`GET ${podPath} (${accept}) answered ${res.statusCode}: ${body.toString().slice(0, 400)}`);
    return { ms, headersMs, body };
  };
  const listMeter = cpuMeter(() => server.cpuMs());
  for (const [label, accept, field] of [
    ["JSON", "application/json", "items"],
    ["Table", TABLE_ACCEPT, "rows"],
  ]) {
    const times = [];
    const headerTimes = [];
    await bounded(`list ${PODS} pods (${label})`, 120_000, async (signal) => {
      for (let r = 0; r < LIST_RUNS; r++) {
        const { ms, headersMs, body } = await listOnce(accept, signal);
        times.push(ms);
        headerTimes.push(headersMs);
        const n = countArrayElements(body, field); // outside the timed part
        if (n !== PODS) throw new Error(`list returned ${n} ${field}, expected ${PODS}: ${body.toString("utf8", 0, 300)}`);
        if (r === 0) log(`list ${label}: ${(body.length / 1e6).toFixed(1)} MB body`);
      }
    });
    log(`list ${label} runs (ms, to the last byte): ${times.map((t) => t.toFixed(1)).join(", ")}`);
    log(`list ${label} runs (ms, to the response headers): ${headerTimes.map((t) => t.toFixed(1)).join(", ")}`);
    add(`list ${countLabel(PODS)} pods (${label})`, round(median(times), 1), "ms");
    // The server builds the whole body before it sends the headers: this part is server time.
    add(`list ${countLabel(PODS)} pods (${label}) time to headers`, round(median(headerTimes), 1), "ms");
  }

  const listUsage = listMeter();
  add("other processes CPU during lists", round(listUsage.otherCpu, 1), "% of a core");

  // --- 3. RSS -------------------------------------------------------------------
  add(`RSS at ${countLabel(PODS)} pods`, round(rssAtPods, 1), "MB");
  add(`RSS at ${countLabel(PODS)} pods right after 10 lists`, round(server.rssMiB(), 1), "MB");
  add("RSS of the idle server at start", round(rssAtStart, 1), "MB");

  // --- 4. watch fan-out -----------------------------------------------------------
  const nsText = await bounded("create watch namespace", 30_000, (signal) =>
    mustRequest(writers, {
      method: "POST",
      path: "/api/v1/namespaces",
      body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: WATCH_NS } }),
      expect: 201,
      signal,
      what: `create namespace ${WATCH_NS}`,
    }),
  );
  const nsRv = JSON.parse(nsText).metadata?.resourceVersion;
  if (!nsRv) throw new Error(`namespace ${WATCH_NS} came back without a resourceVersion`);

  const watchPool = new Pool(server.url, { ...poolOptions, connections: WATCHERS });
  ctx.addCleanup(() => watchPool.destroy());
  const watchers = Array.from({ length: WATCHERS }, (_, id) => new Watcher(id, CONFIGMAPS));
  const watchPath = `/api/v1/namespaces/${WATCH_NS}/configmaps?watch=true&resourceVersion=${nsRv}`;
  const WATCH_PHASE_MS = 240_000;
  const cmPath = `/api/v1/namespaces/${WATCH_NS}/configmaps`;
  const cmParts = Array.from({ length: CONFIGMAPS }, (_, i) => configMapParts(i));
  const NO_PROGRESS_MS = 20_000;
  // Send to 201 of each ConfigMap create: the part of a watch latency that is the write itself.
  const createLatencies = new Float64Array(CONFIGMAPS);

  const watch = await bounded(`watch fan-out (${WATCHERS} watchers x ${CONFIGMAPS} events)`, WATCH_PHASE_MS, async (signal) => {
    const bodies = await Promise.all(watchers.map((w) => openWatch(watchPool, watchPath, w, signal, WATCH_PHASE_MS)));
    log(`${WATCHERS} watches open at resourceVersion ${nsRv}; creating ${CONFIGMAPS} ConfigMaps over ${WRITERS} connections`);
    const meter = cpuMeter(() => server.cpuMs());
    const start = epochMs();
    await runConcurrently(CONFIGMAPS, WRITERS, async (i) => {
      const [head, tail] = cmParts[i];
      const sent = epochMs();
      const body = head + sent + tail; // the send time, stamped as the request goes out
      const res = await writers.request({ method: "POST", path: cmPath, body, headers: JSON_HEADERS, signal });
      const text = await readAll(res.body);
      createLatencies[i] = epochMs() - sent;
      if (res.statusCode !== 201) {
        throw new Error(`configmap ${i}: POST ${cmPath} answered ${res.statusCode}, expected 201: ${text.toString().slice(0, 400)}`);
      }
    });
    const writesDone = epochMs();
    log(`ConfigMaps created in ${((writesDone - start) / 1000).toFixed(1)}s; waiting for deliveries`);
    // Drain: until every watcher has everything, or nothing arrives for NO_PROGRESS_MS.
    let lastTotal = -1;
    let lastProgress = Date.now();
    for (;;) {
      const total = watchers.reduce((s, w) => s + w.delivered, 0);
      if (watchers.every((w) => w.done)) break;
      if (total !== lastTotal) {
        lastTotal = total;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > NO_PROGRESS_MS) {
        log(`no watch event for ${NO_PROGRESS_MS / 1000}s; ${total} of ${WATCHERS * CONFIGMAPS} delivered, giving up`);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const usage = meter();
    for (const b of bodies) b.destroy();
    return { start, writesDone, usage };
  });

  const expected = WATCHERS * CONFIGMAPS;
  const delivered = watchers.reduce((s, w) => s + w.delivered, 0);
  const duplicates = watchers.reduce((s, w) => s + w.duplicates, 0);
  for (const w of watchers) {
    if (w.delivered < CONFIGMAPS) {
      log(`watcher ${w.id}: ${w.delivered}/${CONFIGMAPS} events${w.ended ? ` (${w.ended})` : ""}`);
    }
    for (const line of w.unexpected) log(`watcher ${w.id} unexpected line: ${line}`);
  }
  const chunks = watchers.reduce((s, w) => s + w.chunks, 0);
  const bytes = watchers.reduce((s, w) => s + w.bytes, 0);
  log(`watch streams: ${(bytes / 1e6).toFixed(0)} MB in ${chunks} chunks (${(bytes / chunks / 1024).toFixed(1)} KiB, ${(delivered / chunks).toFixed(1)} events per chunk)`);
  if (duplicates) log(`WARNING: ${duplicates} duplicate ADDED events (not counted as delivered)`);
  const all = new Float64Array(delivered);
  let off = 0;
  for (const w of watchers) {
    all.set(w.latencies.subarray(0, w.delivered), off);
    off += w.delivered;
  }
  all.sort();
  const lastReceive = Math.max(...watchers.map((w) => w.lastReceive));

  add("configmap creates/s (under watch)", round((CONFIGMAPS / (watch.writesDone - watch.start)) * 1000), "creates/s");
  add("watch events delivered", delivered, "events");
  add("watch events delivered %", round((delivered / expected) * 100, 2), "%");
  add("watch p50 latency ms", round(percentileSorted(all, 0.5), 1), "ms");
  add("watch p99 latency ms", round(percentileSorted(all, 0.99), 1), "ms");
  add("watch max latency ms", round(all.length ? all[all.length - 1] : Number.NaN, 1), "ms");
  add("watch events/s", round(delivered / ((lastReceive - watch.start) / 1000)), "events/s");
  createLatencies.sort();
  add("configmap create p50 latency ms (under watch)", round(percentileSorted(createLatencies, 0.5), 1), "ms");
  add("configmap create p99 latency ms (under watch)", round(percentileSorted(createLatencies, 0.99), 1), "ms");

  // --- where the CPU went (percent of one core; the machine has two) ---------------
  add("server CPU during pod creates", round(created.serverCpu, 1), "% of a core");
  add("load generator CPU during pod creates", round(created.loadgenCpu, 1), "% of a core");
  add("other processes CPU during pod creates", round(created.otherCpu, 1), "% of a core");
  add("server CPU during watch fan-out", round(watch.usage.serverCpu, 1), "% of a core");
  add("load generator CPU during watch fan-out", round(watch.usage.loadgenCpu, 1), "% of a core");
  add("other processes CPU during watch fan-out", round(watch.usage.otherCpu, 1), "% of a core");
  add("RSS after watch fan-out", round(server.rssMiB(), 1), "MB");
  await watchPool.destroy(); // the 100 watch connections are not needed any more

  const createNamespace = (name) =>
    bounded(`create namespace ${name}`, 30_000, (signal) =>
      mustRequest(writers, {
        method: "POST",
        path: "/api/v1/namespaces",
        body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } }),
        expect: 201,
        signal,
        what: `create namespace ${name}`,
      }),
    );

  // --- 5. custom resource creates against ConfigMap creates -------------------------
  const crd = benchCrd();
  const crdName = crd.metadata.name;
  const crdPath = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions`;
  const crBodies = Array.from({ length: CUSTOM_RESOURCES }, (_, i) => customResourceManifest(i));
  const schemaChecked = await bounded("check the custom resources against the schema locally", 60_000, () =>
    checkAgainstSchema(crd.spec.versions[0].schema.openAPIV3Schema, crBodies),
  );
  log(
    schemaChecked
      ? `all ${CUSTOM_RESOURCES} custom resources are valid against the CRD's schema (checked with @kube-ts/core)`
      : "WARNING: @kube-ts/core has no CRD schema machinery; the custom resources were not checked against the schema locally",
  );
  const crJson = crBodies.map((o) => JSON.stringify(o));
  const crBytes = Math.round(crJson.reduce((n, b) => n + b.length, 0) / crJson.length);
  const cmJson = Array.from({ length: CUSTOM_RESOURCES }, (_, i) => JSON.stringify(sizedConfigMap(i, crBytes)));
  const cmBytes = Math.round(cmJson.reduce((n, b) => n + b.length, 0) / cmJson.length);
  log(`CRD ${crdName}: ${JSON.stringify(crd).length} bytes; custom resource ~${crBytes} bytes, ConfigMap ~${cmBytes} bytes of JSON`);
  await createNamespace(CR_NS);
  await createNamespace(CR_CM_NS);
  await bounded(`create CRD ${crdName}`, 30_000, (signal) =>
    mustRequest(writers, { method: "POST", path: crdPath, body: JSON.stringify(crd), expect: 201, signal, what: `create CRD ${crdName}` }),
  );
  const establishedMs = await bounded(`wait for CRD ${crdName} Established`, 30_000, async (signal) => {
    const t0 = performance.now();
    for (;;) {
      const text = await mustRequest(writers, { method: "GET", path: `${crdPath}/${crdName}`, expect: 200, signal, what: `get CRD ${crdName}` });
      const conditions = JSON.parse(text).status?.conditions ?? [];
      if (conditions.some((c) => c.type === "Established" && c.status === "True")) return performance.now() - t0;
      const names = conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
      if (names) throw new Error(`CRD ${crdName} names not accepted: ${names.message}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  log(`CRD ${crdName} Established after ${establishedMs.toFixed(0)} ms of polling`);
  const crPath = `/apis/${CR_GROUP}/${CR_VERSION}/namespaces/${CR_NS}/${CR_PLURAL}`;
  // Does the server enforce the schema? A dry-run create of an invalid object must be a 422 and a
  // valid one comes back defaulted. Reported as a row: without enforcement the rate below leaves out
  // the defaulting, OpenAPI validation and CEL that a custom resource write costs upstream.
  const enforced = await bounded("probe custom resource schema enforcement", 30_000, async (signal) => {
    const invalid = customResourceManifest(CUSTOM_RESOURCES);
    invalid.spec.minReplicas = 9;
    invalid.spec.maxReplicas = 3;
    invalid.spec.tier = "gold";
    const bad = await writers.request({ method: "POST", path: `${crPath}?dryRun=All`, body: JSON.stringify(invalid), headers: JSON_HEADERS, signal });
    const badText = (await readAll(bad.body)).toString("utf8");
    if (bad.statusCode !== 422 && bad.statusCode !== 201) {
      throw new Error(`dry-run create of an invalid custom resource answered ${bad.statusCode}, expected 422 (or 201 without enforcement): ${badText.slice(0, 400)}`);
    }
    const goodText = await mustRequest(writers, {
      method: "POST",
      path: `${crPath}?dryRun=All`,
      body: JSON.stringify(customResourceManifest(CUSTOM_RESOURCES)),
      expect: 201,
      signal,
      what: "dry-run create of a valid custom resource",
    });
    const defaulted = JSON.parse(goodText).spec?.priority === 100;
    log(`schema enforcement probe: invalid object → ${bad.statusCode}${bad.statusCode === 422 ? ` (${JSON.parse(badText).message})` : ""}; defaults applied: ${defaulted}`);
    return bad.statusCode === 422 && defaulted;
  });
  if (!enforced) {
    log("WARNING: the server does not enforce the CRD's schema (no 422 for an invalid object, or no defaulting): custom resource creates/s leaves out validation");
  }

  log(`creating ${CUSTOM_RESOURCES} custom resources over ${WRITERS} connections`);
  const crMeter = cpuMeter(() => server.cpuMs());
  await bounded(`create ${CUSTOM_RESOURCES} custom resources`, 180_000, (signal) =>
    sendAll(writers, CUSTOM_RESOURCES, WRITERS, signal, (i) => ({
      method: "POST",
      path: crPath,
      body: crJson[i],
      expect: 201,
      what: `custom resource ${i} (a 422 means the generator does not match the schema)`,
    })),
  );
  const crUsage = crMeter();
  const cmPathSized = `/api/v1/namespaces/${CR_CM_NS}/configmaps`;
  log(`creating ${CUSTOM_RESOURCES} ConfigMaps of the same size over ${WRITERS} connections`);
  const cmMeter = cpuMeter(() => server.cpuMs());
  await bounded(`create ${CUSTOM_RESOURCES} configmaps`, 180_000, (signal) =>
    sendAll(writers, CUSTOM_RESOURCES, WRITERS, signal, (i) => ({ method: "POST", path: cmPathSized, body: cmJson[i], expect: 201, what: `configmap ${i}` })),
  );
  const cmUsage = cmMeter();
  const crRate = (CUSTOM_RESOURCES / crUsage.wallMs) * 1000;
  const cmRate = (CUSTOM_RESOURCES / cmUsage.wallMs) * 1000;
  add("custom resource creates/s", round(crRate), "creates/s");
  add("configmap creates/s (same run)", round(cmRate), "creates/s");
  add("custom resource create cost vs configmap", round(cmRate / crRate, 2), "x (target <= 2.0)");
  add("custom resource schema enforced", enforced ? 1 : 0, "1 = yes");
  // Less sensitive to other load on the machine than the rates: the server's CPU per create.
  const perCreate = (usage) => (usage.serverCpu * usage.wallMs) / 100 / CUSTOM_RESOURCES;
  log(`server CPU per create: custom resource ${perCreate(crUsage).toFixed(3)} ms, configmap ${perCreate(cmUsage).toFixed(3)} ms (ratio ${(perCreate(crUsage) / perCreate(cmUsage)).toFixed(2)})`);
  // The server must hold exactly what was created.
  await bounded(`count ${CUSTOM_RESOURCES} custom resources`, 60_000, async (signal) => {
    const res = await writers.request({ method: "GET", path: crPath, headers: { accept: "application/json" }, signal });
    const body = await readAll(res.body);
    if (res.statusCode !== 200) throw new Error(`GET ${crPath} answered ${res.statusCode}: ${body.toString().slice(0, 400)}`);
    const n = countArrayElements(body, "items");
    if (n !== CUSTOM_RESOURCES) throw new Error(`list returned ${n} custom resources, expected ${CUSTOM_RESOURCES}`);
  });

  // --- 6. server-side apply ------------------------------------------------------------
  await createNamespace(APPLY_NS);
  const APPLY_HEADERS = { "content-type": "application/apply-patch+yaml", accept: "application/json" };
  const deployPath = (d) => `/apis/apps/v1/namespaces/${APPLY_NS}/deployments/api-${String(d).padStart(4, "0")}?fieldManager=bench`;
  // Re-apply j goes to deployment j % DEPLOYMENTS with that deployment's next image tag, so every
  // one changes the object (and concurrent ones never hit the same deployment while DEPLOYMENTS > WRITERS).
  const tagOf = (n) => `1.${n}.0`;
  const createApplies = Array.from({ length: DEPLOYMENTS }, (_, d) => JSON.stringify(deploymentManifest(d, tagOf(0))));
  const reApplies = Array.from({ length: APPLIES }, (_, j) => JSON.stringify(deploymentManifest(j % DEPLOYMENTS, tagOf(1 + Math.floor(j / DEPLOYMENTS)))));
  log(`deployment apply configuration: ${createApplies[0].length} bytes of JSON; creating ${DEPLOYMENTS} by apply over ${WRITERS} connections`);
  const imageIn = (body, d, tag) => body.includes(`/api-${String(d).padStart(4, "0")}:${tag}"`);
  const applyCreateMeter = cpuMeter(() => server.cpuMs());
  await bounded(`create ${DEPLOYMENTS} deployments by apply`, 120_000, (signal) =>
    sendAll(writers, DEPLOYMENTS, WRITERS, signal, (d) => ({
      method: "PATCH",
      path: deployPath(d),
      body: createApplies[d],
      headers: APPLY_HEADERS,
      expect: 201,
      what: `apply (create) of deployment ${d}`,
    })),
  );
  log(`created ${DEPLOYMENTS} deployments by apply at ${round((DEPLOYMENTS / applyCreateMeter().wallMs) * 1000)}/s`);
  log(`re-applying ${APPLIES} times over ${WRITERS} connections, a new image tag each time`);
  const applyMeter = cpuMeter(() => server.cpuMs());
  await bounded(`${APPLIES} server-side applies`, 180_000, (signal) =>
    sendAll(writers, APPLIES, WRITERS, signal, (j) => {
      const d = j % DEPLOYMENTS;
      const tag = tagOf(1 + Math.floor(j / DEPLOYMENTS));
      return {
        method: "PATCH",
        path: deployPath(d),
        body: reApplies[j],
        headers: APPLY_HEADERS,
        expect: 200,
        what: `re-apply ${j} (deployment ${d}, tag ${tag})`,
        check: (_, answer) => {
          if (!imageIn(answer, d, tag)) throw new Error(`re-apply ${j}: the answer does not carry image tag ${tag}: ${answer.toString().slice(0, 400)}`);
        },
      };
    }),
  );
  const applyUsage = applyMeter();
  add("server-side applies/s", round((APPLIES / applyUsage.wallMs) * 1000), "applies/s");
  log(`server CPU per apply: ${((applyUsage.serverCpu * applyUsage.wallMs) / 100 / APPLIES).toFixed(3)} ms`);
  // Every re-apply wrote: generation counts the spec changes, managedFields has the one manager.
  await bounded("verify the applied deployments", 30_000, async (signal) => {
    for (const d of [0, DEPLOYMENTS - 1]) {
      const path = deployPath(d).replace("?fieldManager=bench", "");
      const live = JSON.parse(await mustRequest(writers, { method: "GET", path, expect: 200, signal, what: `get deployment ${d}` }));
      const applied = Math.floor(APPLIES / DEPLOYMENTS) + (d < APPLIES % DEPLOYMENTS ? 1 : 0);
      const lastTag = tagOf(applied);
      const generation = live.metadata?.generation;
      const managers = (live.metadata?.managedFields ?? []).map((f) => `${f.manager}/${f.operation}`);
      if (generation !== 1 + applied) throw new Error(`deployment ${d}: generation ${generation}, expected ${1 + applied} after ${applied} re-applies`);
      if (!imageIn(JSON.stringify(live), d, lastTag)) throw new Error(`deployment ${d}: image is not the last applied tag ${lastTag}`);
      if (managers.join() !== "bench/Apply") throw new Error(`deployment ${d}: managedFields ${managers.join(", ") || "(none)"}, expected bench/Apply`);
    }
  });

  add("server CPU during custom resource creates", round(crUsage.serverCpu, 1), "% of a core");
  add("load generator CPU during custom resource creates", round(crUsage.loadgenCpu, 1), "% of a core");
  add("other processes CPU during custom resource creates", round(crUsage.otherCpu, 1), "% of a core");
  add("server CPU during configmap creates (same run)", round(cmUsage.serverCpu, 1), "% of a core");
  add("load generator CPU during configmap creates (same run)", round(cmUsage.loadgenCpu, 1), "% of a core");
  add("other processes CPU during configmap creates (same run)", round(cmUsage.otherCpu, 1), "% of a core");
  add("server CPU during server-side applies", round(applyUsage.serverCpu, 1), "% of a core");
  add("load generator CPU during server-side applies", round(applyUsage.loadgenCpu, 1), "% of a core");
  add("other processes CPU during server-side applies", round(applyUsage.otherCpu, 1), "% of a core");

  const noisy = [
    ["pod creates", created.otherCpu],
    ["lists", listUsage.otherCpu],
    ["watch fan-out", watch.usage.otherCpu],
    ["custom resource creates", crUsage.otherCpu],
    ["configmap creates (same run)", cmUsage.otherCpu],
    ["server-side applies", applyUsage.otherCpu],
  ].filter(([, cpu]) => cpu > 25);
  for (const [what, cpu] of noisy) {
    log(`WARNING: other processes used ${cpu.toFixed(0)}% of a core during ${what}; those numbers are not reliable on a ${cpus().length}-core machine`);
  }

  await writers.destroy();
  await server.stop();
  return results;
}
