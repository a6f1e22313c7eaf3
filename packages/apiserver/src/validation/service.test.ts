import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../registry/resource.js";
import { formatFieldError } from "./core.js";
import { validateService, validateServiceUpdate } from "./service.js";

const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "d" }, spec });
const check = (spec: Record<string, unknown>) => validateService(svc(spec)).map(formatFieldError);

describe("validateService", () => {
  it("accepts common services", () => {
    assert.deepEqual(check({ selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] }), []);
    assert.deepEqual(check({ type: "NodePort", ports: [{ name: "http", port: 80, nodePort: 30080 }, { name: "https", port: 443, targetPort: "https" }] }), []);
    assert.deepEqual(check({ clusterIP: "None", selector: { app: "db" } }), []);
    assert.deepEqual(check({ type: "ExternalName", externalName: "db.example.com." }), []);
    assert.deepEqual(
      check({
        type: "LoadBalancer",
        ports: [{ port: 80, protocol: "TCP" }],
        sessionAffinity: "ClientIP",
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        externalTrafficPolicy: "Local",
        internalTrafficPolicy: "Cluster",
        allocateLoadBalancerNodePorts: true,
      }),
      [],
    );
  });

  it("requires ports unless headless or ExternalName", () => {
    assert.deepEqual(check({ selector: { app: "web" } }), ["spec.ports: Required value"]);
    assert.deepEqual(check({ type: "ExternalName" }), ["spec.externalName: Required value"]);
    assert.deepEqual(check({ type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }), [
      "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    ]);
  });

  it("checks ports", () => {
    assert.deepEqual(
      check({
        ports: [
          { port: 80 },
          { port: 0, protocol: "HTTP", targetPort: "Web" },
          { name: "a", port: 80 },
        ],
      }),
      [
        "spec.ports[0].name: Required value",
        "spec.ports[1].name: Required value",
        "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
        'spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        'spec.ports[1].targetPort: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    );
  });

  it("checks type, node ports, affinity and traffic policies", () => {
    assert.deepEqual(check({ type: "Internal", ports: [{ port: 80 }] }), [
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    assert.deepEqual(check({ ports: [{ port: 80, nodePort: 30001 }] }), [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    assert.deepEqual(check({ type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }), [
      "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
    ]);
    assert.deepEqual(check({ sessionAffinity: "Sticky", ports: [{ port: 80 }] }), [
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ]);
    assert.deepEqual(check({ externalTrafficPolicy: "Local", ports: [{ port: 80 }] }), [
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    assert.deepEqual(check({ loadBalancerSourceRanges: ["10.0.0.0/8"], ports: [{ port: 80 }] }), [
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
  });

  it("checks the selector as labels", () => {
    const errs = check({ selector: { "app name": "web" }, ports: [{ port: 80 }] });
    assert.equal(errs.length, 1);
    assert.match(errs[0], /^spec\.selector: Invalid value: "app name": name part must consist of/);
  });
});

describe("validateServiceUpdate", () => {
  it("keeps the cluster IP", () => {
    const old = svc({ clusterIP: "10.96.0.10", ports: [{ port: 53 }] });
    assert.deepEqual(validateServiceUpdate(svc({ clusterIP: "10.96.0.10", ports: [{ port: 53 }] }), old), []);
    assert.deepEqual(validateServiceUpdate(svc({ ports: [{ port: 53 }] }), old), []);
    assert.deepEqual(validateServiceUpdate(svc({ clusterIP: "10.96.0.11", ports: [{ port: 53 }] }), old).map(formatFieldError), [
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });
});
