/**
 * Decoder tests on hand-built messages: zero-value rules, embedded structs,
 * merging, packed scalars, maps, well-known types, unknown fields, the
 * envelope, limits, the integrity of the tables themselves, and a mutation
 * sweep proving malformed input only ever raises ProtobufDecodeError.
 * @module
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageDecoder } from "./decode.js";
import { decodeKubernetesProtobuf, parseEnvelope } from "./envelope.js";
import { ProtobufDecodeError, type ProtobufDecodeErrorCode } from "./errors.js";
import { type FieldShape, type MessageTables, msg, rep, str } from "./schema.js";
import { KIND_MESSAGES, MESSAGE_TABLES, messageForKind } from "./tables/index.js";
import { envelope, ProtoWriter, timestamp } from "./test-helpers.js";
import { formatGoDuration, WELL_KNOWN } from "./well-known.js";

const meta = (name: string) => (w: ProtoWriter) => w.string(1, name).string(2, "").string(3, "").varint(7, 0).message(8, () => {});

function decode(apiVersion: string, kind: string, build: (w: ProtoWriter) => unknown) {
  const w = new ProtoWriter();
  build(w);
  return decodeKubernetesProtobuf(envelope(apiVersion, kind, w));
}

function assertDecodeError(fn: () => unknown, code: ProtobufDecodeErrorCode, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ProtobufDecodeError, `expected ProtobufDecodeError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return true;
  });
}

/** A Deployment exercising most shapes: pointers, inline structs, maps, int-or-string, quantities, probes, volumes. */
function deploymentBody(): Buffer {
  const w = new ProtoWriter()
    .message(1, (m) => meta("web")(m).mapEntry(11, "app", "web").mapEntry(12, "note", "x"))
    .message(2, (spec) =>
      spec
        .varint(1, 0) // replicas: 0 is deliberate (a pointer)
        .message(2, (sel) => sel.mapEntry(1, "app", "web"))
        .message(3, (tpl) =>
          tpl.message(1, meta("")).message(2, (pod) =>
            pod
              .message(1, (vol) => vol.string(1, "cache").message(2, (src) => src.message(2, (ed) => ed.string(1, "Memory").message(2, (q) => q.string(1, "64Mi")))))
              .message(1, (vol) => vol.string(1, "cfg").message(2, (src) => src.message(19, (cm) => cm.message(1, (ref) => ref.string(1, "settings")).varint(3, 420))))
              .message(2, (c) =>
                c
                  .string(1, "app")
                  .string(2, "nginx")
                  .message(6, (p) => p.string(1, "").varint(2, 0).varint(3, 80).string(4, "TCP"))
                  .message(7, (e) => e.string(1, "MODE").message(3, (src) => src.message(3, (sel) => sel.message(1, (ref) => ref.string(1, "settings")).string(2, "mode"))))
                  .message(8, (res) => res.message(1, (e) => e.string(1, "cpu").message(2, (q) => q.string(1, "500m"))))
                  .message(10, (probe) => probe.message(1, (h) => h.message(2, (g) => g.string(1, "/healthz").message(2, (p) => p.varint(1, 1).varint(2, 0).string(3, "http")))).varint(4, 10))
                  .varint(16, false),
              )
              .string(3, "Always")
              .varint(4, 30)
              .message(14, (sc) => sc.varint(4, 0).varint(4, 1000).varint(4, 2000).varint(3, false)),
          ),
        )
        .message(4, (st) => st.string(1, "RollingUpdate").message(2, (ru) => ru.message(1, (i) => i.varint(1, 1).varint(2, 0).string(3, "25%")))),
    )
    .message(3, () => {});
  return envelope("apps/v1", "Deployment", w);
}

describe("decodeKubernetesProtobuf: a hand-built Deployment", () => {
  it("produces the JSON a client would send", () => {
    const r = decodeKubernetesProtobuf(deploymentBody());
    assert.equal(r.apiVersion, "apps/v1");
    assert.equal(r.kind, "Deployment");
    assert.deepEqual(r.unknownFields, []);
    assert.deepEqual(r.object, {
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", creationTimestamp: null, labels: { app: "web" }, annotations: { note: "x" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { creationTimestamp: null },
          spec: {
            volumes: [
              { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
              { name: "cfg", configMap: { name: "settings", defaultMode: 420 } },
            ],
            containers: [
              {
                name: "app",
                image: "nginx",
                ports: [{ containerPort: 80, protocol: "TCP" }],
                env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } }],
                resources: { limits: { cpu: "500m" } },
                livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
              },
            ],
            restartPolicy: "Always",
            terminationGracePeriodSeconds: 30,
            // runAsNonRoot is a *bool: false on the wire is kept.
            securityContext: { supplementalGroups: [0, 1000, 2000], runAsNonRoot: false },
          },
        },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%" } },
      },
      status: {},
    });
  });
});

describe("zero values", () => {
  it("drops zeros of omitempty fields and keeps those of pointer / required fields", () => {
    const { object } = decode("v1", "Service", (w) =>
      w.message(1, meta("s")).message(2, (spec) =>
        spec
          .message(1, (p) => p.string(1, "").string(2, "").varint(3, 0).message(4, () => {}).varint(5, 0))
          .string(3, "")
          .varint(12, 0)
          .varint(13, false)
          .varint(20, false)
          .string(22, ""),
      ),
    );
    assert.deepEqual(object.spec, {
      // port has no omitempty; an unset targetPort is the IntOrString zero value, printed as 0.
      ports: [{ port: 0, targetPort: 0 }],
      allocateLoadBalancerNodePorts: false,
      internalTrafficPolicy: "",
    });
  });

  it("lets a later zero unset an earlier value (last one wins)", () => {
    const { object } = decode("v1", "ConfigMap", (w) => w.message(1, (m) => m.string(1, "a").string(2, "gen-").string(2, "")));
    assert.deepEqual(object.metadata, { name: "a" });
  });
});

describe("messages", () => {
  it("merges a singular message that appears twice, as protobuf does", () => {
    const { object } = decode("v1", "ConfigMap", (w) => w.message(1, (m) => m.string(1, "a").mapEntry(11, "x", "1")).message(1, (m) => m.string(3, "ns").mapEntry(11, "y", "2")));
    assert.deepEqual(object.metadata, { name: "a", namespace: "ns", labels: { x: "1", y: "2" } });
  });

  it("appends repeated messages across separate occurrences", () => {
    const { object } = decode("rbac.authorization.k8s.io/v1", "Role", (w) =>
      w.message(2, (r) => r.string(1, "get")).message(1, meta("r")).message(2, (r) => r.string(1, "list").string(1, "watch")),
    );
    assert.deepEqual(object.rules, [{ verbs: ["get"] }, { verbs: ["list", "watch"] }]);
  });

  it("reads repeated scalars both packed and unpacked", () => {
    const packed = new ProtoWriter().rawVarint(5).rawVarint(-1).rawVarint(300).finish();
    const { object } = decode("v1", "Pod", (w) => w.message(2, (spec) => spec.message(14, (sc) => sc.varint(4, 7).bytes(4, packed))));
    assert.deepEqual((object.spec as { securityContext: unknown }).securityContext, { supplementalGroups: [7, 5, -1, 300] });
  });

  it("rejects a packed run that ends mid-value", () => {
    assertDecodeError(() => decode("v1", "Pod", (w) => w.message(2, (spec) => spec.message(14, (sc) => sc.bytes(4, Buffer.from([0x96]))))), "wire", /truncated/);
  });

  it("names the field path when a known field has the wrong wire type", () => {
    assertDecodeError(
      () => decode("apps/v1", "Deployment", (w) => w.message(2, (spec) => spec.message(3, (t) => t.message(2, (p) => p.message(2, (c) => c.varint(1, 5)))))),
      "schema",
      /spec\.template\.spec\.containers\[0\]\.name: wire type varint does not match the field's type \(length-delimited\)/,
    );
  });
});

describe("maps", () => {
  it("accepts entries with the value first, a missing key or a missing value", () => {
    const { object } = decode("v1", "ConfigMap", (w) =>
      w
        .message(2, (e) => e.string(2, "v").string(1, "k"))
        .message(2, (e) => e.string(2, "no key"))
        .message(2, (e) => e.string(1, "no value")),
    );
    assert.deepEqual(object.data, { k: "v", "": "no key", "no value": "" });
  });

  it("renders map<string, bytes> as base64, as Go encodes []byte", () => {
    const { object } = decode("v1", "Secret", (w) => w.message(2, (e) => e.string(1, "bin").bytes(2, Buffer.from([0, 1, 2, 255]))).string(3, "Opaque"));
    assert.deepEqual(object, { kind: "Secret", apiVersion: "v1", data: { bin: "AAEC/w==" }, type: "Opaque" });
  });

  it("stores a __proto__ key as data, not as a prototype", () => {
    const { object } = decode("v1", "ConfigMap", (w) => w.mapEntry(2, "__proto__", "x").mapEntry(2, "constructor", "y"));
    const data = object.data as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    assert.deepEqual(Object.keys(data), ["__proto__", "constructor"]);
    assert.equal(JSON.stringify(data), '{"__proto__":"x","constructor":"y"}');
    assert.deepEqual(JSON.parse(JSON.stringify(object)).data, JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });

  it("decodes message-valued maps (quantities)", () => {
    const { object } = decode("v1", "Pod", (w) =>
      w.message(2, (spec) => spec.message(32, (e) => e.string(1, "cpu").message(2, (q) => q.string(1, "250m"))).message(32, (e) => e.string(1, "memory"))),
    );
    assert.deepEqual((object.spec as { overhead: unknown }).overhead, { cpu: "250m", memory: "0" });
  });
});

describe("well-known types", () => {
  const where = () => "x";
  const wk = (name: string, w: ProtoWriter) => WELL_KNOWN[name](w.finish(), where);

  it("renders Time as RFC 3339 seconds, zero as null", () => {
    assert.equal(wk("meta.Time", timestamp(1704164645, 999_999_999)), "2024-01-02T03:04:05Z");
    assert.equal(wk("meta.Time", timestamp(0)), "1970-01-01T00:00:00Z");
    assert.equal(wk("meta.Time", new ProtoWriter()), null);
    assert.equal(wk("meta.Time", timestamp(-62135596800)), "0001-01-01T00:00:00Z");
    assert.equal(wk("meta.Time", timestamp(253402300799)), "9999-12-31T23:59:59Z");
  });

  it("renders MicroTime with six fractional digits", () => {
    assert.equal(wk("meta.MicroTime", timestamp(1704164645, 123_456_789)), "2024-01-02T03:04:05.123456Z");
    assert.equal(wk("meta.MicroTime", timestamp(1704164645, 5_000)), "2024-01-02T03:04:05.000005Z");
    assert.equal(wk("meta.MicroTime", new ProtoWriter()), null);
  });

  it("rejects times Go cannot print", () => {
    assertDecodeError(() => wk("meta.Time", timestamp(253402300800)), "schema", /outside years 0001-9999/);
    assertDecodeError(() => wk("meta.Time", timestamp(-62135596801)), "schema", /outside years 0001-9999/);
    assertDecodeError(() => wk("meta.Time", timestamp(0, 1_000_000_000)), "schema", /nanos/);
    assertDecodeError(() => wk("meta.Time", timestamp(0, -1)), "schema", /nanos/);
    assertDecodeError(() => wk("meta.Time", new ProtoWriter().string(1, "x")), "schema", /wire type/);
  });

  it("renders IntOrString as a number or a string", () => {
    assert.equal(wk("intstr.IntOrString", new ProtoWriter().varint(1, 0).varint(2, 8080).string(3, "")), 8080);
    assert.equal(wk("intstr.IntOrString", new ProtoWriter().varint(1, 0).varint(2, -3)), -3);
    assert.equal(wk("intstr.IntOrString", new ProtoWriter().varint(1, 1).varint(2, 0).string(3, "http")), "http");
    assert.equal(wk("intstr.IntOrString", new ProtoWriter()), 0);
    assertDecodeError(() => wk("intstr.IntOrString", new ProtoWriter().varint(1, 2)), "schema", /invalid type 2/);
  });

  it("renders Quantity as its string", () => {
    assert.equal(wk("resource.Quantity", new ProtoWriter().string(1, "1.5Gi")), "1.5Gi");
    assert.equal(wk("resource.Quantity", new ProtoWriter()), "0");
  });

  it("inlines RawExtension and FieldsV1 JSON", () => {
    assert.deepEqual(wk("runtime.RawExtension", new ProtoWriter().string(1, '{"a":[1,true]}')), { a: [1, true] });
    assert.equal(wk("runtime.RawExtension", new ProtoWriter()), null);
    assert.deepEqual(wk("meta.FieldsV1", new ProtoWriter().string(1, '{"f:metadata":{}}')), { "f:metadata": {} });
    assertDecodeError(() => wk("runtime.RawExtension", new ProtoWriter().string(1, "k8s\u0000...")), "schema", /RawExtension does not hold JSON/);
  });

  it("formats Duration as Go does", () => {
    const cases: Array<[bigint, string]> = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_500n, "1.5µs"],
      [100_000_000n, "100ms"],
      [1_500_000_000n, "1.5s"],
      [90_000_000_000n, "1m30s"],
      [3_600_000_000_000n, "1h0m0s"],
      [3_723_000_000_001n, "1h2m3.000000001s"],
      [-2_000_000_000n, "-2s"],
      [-(2n ** 63n), "-2562047h47m16.854775808s"],
    ];
    for (const [ns, want] of cases) assert.equal(formatGoDuration(ns), want, `${ns}`);
    assert.equal(wk("meta.Duration", new ProtoWriter().varint(1, 90_000_000_000)), "1m30s");
    assert.equal(wk("meta.Duration", new ProtoWriter().varint(1, -1)), "-1ns");
  });

  it("applies inside objects: times, micro-times and managed fields", () => {
    const { object } = decode("coordination.k8s.io/v1", "Lease", (w) =>
      w
        .message(1, (m) =>
          m
            .string(1, "l")
            .message(8, (t) => t.varint(1, 1704164645).varint(2, 0))
            .message(17, (mf) => mf.string(1, "kubectl").string(2, "Update").message(4, (t) => t.varint(1, 1704164645)).string(6, "FieldsV1").message(7, (f) => f.string(1, '{"f:spec":{}}'))),
        )
        .message(2, (s) => s.string(1, "node-1").varint(2, 40).message(4, (t) => t.varint(1, 1704164645).varint(2, 250_000_000)).varint(5, 0)),
    );
    assert.deepEqual(object, {
      kind: "Lease",
      apiVersion: "coordination.k8s.io/v1",
      metadata: {
        name: "l",
        creationTimestamp: "2024-01-02T03:04:05Z",
        managedFields: [{ manager: "kubectl", operation: "Update", time: "2024-01-02T03:04:05Z", fieldsType: "FieldsV1", fieldsV1: { "f:spec": {} } }],
      },
      spec: { holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2024-01-02T03:04:05.250000Z", leaseTransitions: 0 },
    });
  });
});

describe("unknown fields", () => {
  it("are skipped and reported by path, at any depth", () => {
    const r = decode("apps/v1", "Deployment", (w) =>
      w
        .varint(99, 1)
        .message(1, (m) => meta("d")(m).string(15, "old-cluster-name"))
        .message(2, (spec) => spec.message(3, (t) => t.message(2, (p) => p.message(2, (c) => c.string(1, "a")).message(2, (c) => c.string(1, "b").double(77, 1.5))))),
    );
    assert.deepEqual(r.unknownFields, ["#99", "metadata.#15", "spec.template.spec.containers[1].#77"]);
    assert.deepEqual((r.object.spec as { template: { spec: unknown } }).template.spec, { containers: [{ name: "a" }, { name: "b" }] });
  });

  it("reports at most maxUnknownFields paths", () => {
    const w = new ProtoWriter();
    for (let i = 0; i < 500; i++) w.varint(1000 + i, i);
    const r = decodeKubernetesProtobuf(envelope("v1", "ConfigMap", w), { maxUnknownFields: 3 });
    assert.deepEqual(r.unknownFields, ["#1000", "#1001", "#1002"]);
  });

  it("still rejects malformed unknown fields", () => {
    assertDecodeError(() => decode("v1", "ConfigMap", (w) => w.tag(50, 2).rawVarint(100).raw([1, 2])), "wire", /runs past the end/);
    assertDecodeError(() => decode("v1", "ConfigMap", (w) => w.tag(50, 3)), "wire", /start-group/);
  });
});

describe("the envelope", () => {
  it("parses typeMeta, raw, contentEncoding and contentType", () => {
    const body = envelope("v1", "ConfigMap", Buffer.from([0x0a, 0x00]), (w) => w.string(3, "").string(4, ""));
    const env = parseEnvelope(body);
    assert.deepEqual({ ...env, raw: [...env.raw] }, { apiVersion: "v1", kind: "ConfigMap", raw: [0x0a, 0x00], contentEncoding: "", contentType: "" });
  });

  it("rejects bodies without the magic", () => {
    assertDecodeError(() => decodeKubernetesProtobuf(Buffer.from("{}")), "envelope", /magic/);
    assertDecodeError(() => decodeKubernetesProtobuf(Buffer.from([0x6b, 0x38, 0x73])), "envelope", /magic/);
    assertDecodeError(() => decodeKubernetesProtobuf(Buffer.from("k8s\u0001")), "envelope", /magic/);
  });

  it("rejects envelopes without a kind, with an encoding or an unknown kind", () => {
    assertDecodeError(() => decodeKubernetesProtobuf(Buffer.from([0x6b, 0x38, 0x73, 0x00])), "envelope", /no apiVersion\/kind/);
    assertDecodeError(() => decodeKubernetesProtobuf(envelope("v1", "ConfigMap", new ProtoWriter(), (w) => w.string(3, "gzip"))), "unsupported", /contentEncoding "gzip"/);
    assertDecodeError(() => decodeKubernetesProtobuf(envelope("v1", "ConfigMap", new ProtoWriter(), (w) => w.string(4, "application/json"))), "unsupported", /contentType/);
    assertDecodeError(() => decodeKubernetesProtobuf(envelope("example.com/v1", "Widget", new ProtoWriter())), "unsupported", /no protobuf schema for example\.com\/v1, Kind=Widget/);
    assertDecodeError(() => decodeKubernetesProtobuf(envelope("v1", "toString", new ProtoWriter())), "unsupported", /Kind=toString/);
    assertDecodeError(() => decodeKubernetesProtobuf(envelope("constructor", "ConfigMap", new ProtoWriter())), "unsupported", /no protobuf schema/);
  });

  it("accepts an empty object", () => {
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Namespace", new ProtoWriter())).object, { kind: "Namespace", apiVersion: "v1" });
  });

  it("decodes DeleteOptions under any apiVersion", () => {
    for (const apiVersion of ["v1", "meta.k8s.io/v1", "apps/v1"]) {
      const { object } = decode(apiVersion, "DeleteOptions", (w) => w.varint(1, 0).message(2, (p) => p.string(1, "uid-1")).string(4, "Foreground").string(5, "All"));
      assert.deepEqual(object, { kind: "DeleteOptions", apiVersion, gracePeriodSeconds: 0, preconditions: { uid: "uid-1" }, propagationPolicy: "Foreground", dryRun: ["All"] });
    }
  });
});

describe("limits", () => {
  const tables: MessageTables = { "t.Node": { 1: ["child", msg("t.Node")], 2: ["name", str] } };

  it("stops recursion at maxDepth", () => {
    let inner = new ProtoWriter().string(2, "leaf");
    for (let i = 0; i < 200; i++) inner = new ProtoWriter().bytes(1, inner);
    const decoder = new MessageDecoder(tables, { maxDepth: 100, maxUnknownFields: 10 });
    assertDecodeError(() => decoder.decodeInto(inner.finish(), "t.Node", {}), "limit", /nested deeper than 100/);
    const shallow = new MessageDecoder(tables, { maxDepth: 300, maxUnknownFields: 10 });
    const out: Record<string, unknown> = {};
    shallow.decodeInto(inner.finish(), "t.Node", out);
    let node = out;
    for (let i = 0; i < 200; i++) node = node.child as Record<string, unknown>;
    assert.deepEqual(node, { name: "leaf" });
  });

  it("applies maxDepth to real objects too", () => {
    assertDecodeError(() => decodeKubernetesProtobuf(deploymentBody(), { maxDepth: 3 }), "limit", /nested deeper than 3/);
  });

  it("survives a body of tens of thousands of repeated fields in linear time", () => {
    const w = new ProtoWriter().message(1, meta("big"));
    for (let i = 0; i < 50_000; i++) w.mapEntry(2, `k${i}`, "v");
    const started = performance.now();
    const { object } = decodeKubernetesProtobuf(envelope("v1", "ConfigMap", w));
    assert.equal(Object.keys(object.data as object).length, 50_000);
    assert.ok(performance.now() - started < 5_000);
  });
});

describe("malformed input never escapes as anything but ProtobufDecodeError", () => {
  function attempt(body: Buffer): void {
    try {
      decodeKubernetesProtobuf(body);
    } catch (err) {
      if (!(err instanceof ProtobufDecodeError)) throw new Error(`non-ProtobufDecodeError for ${body.toString("hex")}: ${String(err)}`);
    }
  }

  it("every truncation of a real body", () => {
    const body = deploymentBody();
    for (let len = 0; len < body.length; len++) attempt(body.subarray(0, len));
  });

  it("every single-byte mutation of a real body", () => {
    const body = deploymentBody();
    for (let i = 4; i < body.length; i++) {
      for (const v of [0x00, 0x01, 0x02, 0x07, 0x7f, 0x80, 0xff]) {
        const copy = Buffer.from(body);
        copy[i] = v;
        attempt(copy);
      }
    }
  });

  it("pseudo-random garbage after the magic", () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      const len = next() % 64;
      const tail = Buffer.alloc(len);
      for (let i = 0; i < len; i++) tail[i] = next() & 0xff;
      attempt(Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), tail]));
      // Also garbage as the object inside a valid envelope of every known kind.
      for (const [apiVersion, kinds] of Object.entries(KIND_MESSAGES)) for (const kind of Object.keys(kinds)) attempt(envelope(apiVersion, kind, tail));
    }
  });
});

describe("the tables", () => {
  const references = (shape: FieldShape) => (shape.kind === "message" || shape.mapValue === "message" ? [shape.message as string] : []);

  it("reference only messages that have a table or a well-known decoder", () => {
    const missing: string[] = [];
    for (const [name, table] of Object.entries(MESSAGE_TABLES)) {
      for (const [num, [, shape]] of Object.entries(table)) {
        for (const ref of references(shape)) if (!(ref in MESSAGE_TABLES) && !(ref in WELL_KNOWN)) missing.push(`${name}.${num} → ${ref}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("map every registered kind to a table", () => {
    for (const [apiVersion, kinds] of Object.entries(KIND_MESSAGES)) {
      for (const [kind, message] of Object.entries(kinds)) {
        assert.equal(messageForKind(apiVersion, kind), message);
        assert.ok(message in MESSAGE_TABLES, `${apiVersion} ${kind} → ${message}`);
      }
    }
  });

  it("never give two fields of one message the same JSON name", () => {
    const clashes: string[] = [];
    for (const [name, table] of Object.entries(MESSAGE_TABLES)) {
      const seen = new Set<string>();
      for (const [json, shape] of Object.values(table)) {
        if (shape.inline) continue;
        if (seen.has(json)) clashes.push(`${name}.${json}`);
        seen.add(json);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it("use only positive integer field numbers, inline only messages, and no repeated maps", () => {
    for (const [name, table] of Object.entries(MESSAGE_TABLES)) {
      for (const [num, [, shape]] of Object.entries(table)) {
        assert.ok(Number.isInteger(Number(num)) && Number(num) > 0 && Number(num) < 2 ** 29, `${name}.${num}`);
        if (shape.inline) assert.equal(shape.kind, "message", `${name}.${num}`);
        if (shape.kind === "map") assert.ok(!shape.repeated, `${name}.${num}`);
      }
    }
    assert.deepEqual(rep(str), { kind: "string", repeated: true });
  });
});
