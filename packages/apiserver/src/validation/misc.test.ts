import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../registry/resource.js";
import { validateNamespace, validateNode, validateNodeUpdate } from "./cluster.js";
import { formatFieldError } from "./core.js";
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEndpoints } from "./endpoints.js";
import { validateCoreEvent, validateEventsV1Event, validateEventsV1EventUpdate } from "./events.js";
import { validateIngressCreate, validateIngressUpdate } from "./ingress.js";
import { validateLease } from "./lease.js";
import { validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding, validateRoleBindingUpdate } from "./rbac.js";

const o = (fields: Record<string, unknown>, meta: Record<string, unknown> = { name: "x", namespace: "d" }): KubeObject => ({
  metadata: meta,
  ...fields,
});
const msgs = (errs: ReturnType<typeof validateRole>) => errs.map(formatFieldError);

describe("Namespace and Node", () => {
  it("checks namespace finalizers", () => {
    assert.deepEqual(validateNamespace(o({ spec: { finalizers: ["kubernetes", "example.com/x"] } })), []);
    assert.deepEqual(msgs(validateNamespace(o({ spec: { finalizers: ["custom"] } }))), [
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it("checks node taints (at upstream's metadata.taints path) and CIDRs", () => {
    assert.deepEqual(validateNode(o({ spec: { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }], podCIDRs: ["10.244.0.0/24"] } })), []);
    assert.deepEqual(
      msgs(
        validateNode(
          o({
            spec: {
              taints: [
                { key: "a", effect: "NoSchedule" },
                { key: "a", effect: "NoSchedule" },
                { key: "b", effect: "Sometimes" },
                { key: "c" },
              ],
              podCIDRs: ["10.0.0.0/33"],
            },
          }),
        ),
      ),
      [
        'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
        'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
        "metadata.taints[3].effect: Required value",
        'spec.podCIDRs[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    );
  });

  it("lets podCIDRs and providerID be set once", () => {
    const old = o({ spec: { podCIDRs: ["10.244.1.0/24"], providerID: "kind://a" } });
    assert.deepEqual(validateNodeUpdate(o({ spec: { podCIDRs: ["10.244.1.0/24"], providerID: "kind://a", unschedulable: true } }), old), []);
    assert.deepEqual(msgs(validateNodeUpdate(o({ spec: { podCIDRs: ["10.244.2.0/24"] } }), old)), [
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
    assert.deepEqual(validateNodeUpdate(o({ spec: { podCIDRs: ["10.244.2.0/24"] } }), o({ spec: {} })), []);
  });
});

describe("Endpoints and EndpointSlices", () => {
  it("checks subsets", () => {
    assert.deepEqual(validateEndpoints(o({ subsets: [{ addresses: [{ ip: "10.1.2.3" }], ports: [{ port: 80 }] }] })), []);
    assert.deepEqual(
      msgs(validateEndpoints(o({ subsets: [{ ports: [{ port: 80 }, { port: 81, protocol: "ICMP" }] }, { addresses: [{ ip: "127.0.0.1" }, { ip: "nope" }] }] }))),
      [
        "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
        "subsets[0].ports[0].name: Required value",
        "subsets[0].ports[1].name: Required value",
        'subsets[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        'subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'subsets[1].addresses[1].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'subsets[1].addresses[1].ip: Invalid value: "nope": must be a valid IP address',
      ],
    );
  });

  it("checks slices", () => {
    const slice = { addressType: "IPv4", endpoints: [{ addresses: ["10.0.0.5"], conditions: { ready: true } }], ports: [{ name: "http", port: 80, protocol: "TCP" }] };
    assert.deepEqual(validateEndpointSlice(o(slice)), []);
    assert.deepEqual(msgs(validateEndpointSlice(o({ addressType: "IPv5" }))), [
      'addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
    assert.deepEqual(
      msgs(validateEndpointSlice(o({ addressType: "IPv4", endpoints: [{ addresses: [] }, { addresses: ["fd00::1"] }], ports: [{ name: "a" }, { name: "a" }] }))),
      [
        "endpoints[0].addresses: Required value: must contain at least 1 address",
        'endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
        'ports[1].name: Duplicate value: "a"',
      ],
    );
    assert.deepEqual(msgs(validateEndpointSliceUpdate(o({ ...slice, addressType: "IPv6", endpoints: [] }), o(slice))), [
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });
});

describe("Ingress", () => {
  const backend = { service: { name: "web", port: { number: 80 } } };

  it("accepts rules with paths", () => {
    const spec = { ingressClassName: "nginx", rules: [{ host: "*.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend }] } }], tls: [{ hosts: ["a.example.com"] }] };
    assert.deepEqual(validateIngressCreate(o({ spec })), []);
    assert.deepEqual(validateIngressCreate(o({ spec: { defaultBackend: backend } })), []);
  });

  it("checks rules, paths and backends", () => {
    assert.deepEqual(msgs(validateIngressCreate(o({ spec: {} }))), [
      "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
    ]);
    assert.deepEqual(
      msgs(
        validateIngressCreate(
          o({
            spec: {
              rules: [
                {
                  host: "10.0.0.1",
                  http: {
                    paths: [
                      { path: "api", pathType: "Prefix", backend },
                      { path: "/x", backend },
                      { path: "/", pathType: "Exact", backend: { service: { name: "Web" } } },
                      { path: "/", pathType: "Fuzzy", backend: {} },
                    ],
                  },
                },
              ],
            },
          }),
        ),
      ),
      [
        'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
        'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
        "spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified",
        'spec.rules[0].http.paths[2].backend.service.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
        "spec.rules[0].http.paths[2].backend: Required value: port name or number is required",
        'spec.rules[0].http.paths[3].pathType: Unsupported value: "Fuzzy": supported values: "Exact", "ImplementationSpecific", "Prefix"',
        'spec.rules[0].http.paths[3].backend: Invalid value: "": resource or service backend is required',
      ],
    );
  });

  it("requires the class annotation to agree with the field on create", () => {
    const meta = (cls: string) => ({ name: "x", namespace: "d", annotations: { "kubernetes.io/ingress.class": cls } });
    const spec = { ingressClassName: "nginx", defaultBackend: backend };
    assert.deepEqual(validateIngressCreate(o({ spec }, meta("nginx"))), []);
    assert.deepEqual(msgs(validateIngressCreate(o({ spec }, meta("traefik")))), [
      'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
  });

  it("checks TLS hosts and secret names, tolerating stored bad names on update", () => {
    const spec = { defaultBackend: backend, tls: [{ hosts: ["ok.example.com"] }, { hosts: ["a.example.com", "Bad"], secretName: "Bad_Secret" }] };
    const errs = msgs(validateIngressCreate(o({ spec })));
    assert.equal(errs.length, 2);
    assert.match(errs[0], /^spec\.tls\[1\]\.hosts\[1\]: Invalid value: "Bad": /);
    assert.match(errs[1], /^spec\.tls\[1\]\.secretName: Invalid value: "Bad_Secret": /);
    assert.equal(validateIngressUpdate(o({ spec }), o({ spec })).length, 1);
  });
});

describe("RBAC", () => {
  it("checks rules", () => {
    assert.deepEqual(validateRole(o({ rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] })), []);
    assert.deepEqual(msgs(validateRole(o({ rules: [{ apiGroups: [""], resources: ["pods"] }, { verbs: ["get"] }, { nonResourceURLs: ["/healthz"], verbs: ["get"] }] }))), [
      "rules[0].verbs: Required value: verbs must contain at least one value",
      "rules[1].apiGroups: Required value: resource rules must supply at least one api group",
      "rules[1].resources: Required value: resource rules must supply at least one resource",
      'rules[2].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ]);
    assert.deepEqual(validateClusterRole(o({ rules: [{ nonResourceURLs: ["/healthz"], verbs: ["get"] }] })), []);
    assert.deepEqual(msgs(validateClusterRole(o({ aggregationRule: { clusterRoleSelectors: [] } }))), [
      "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
    ]);
  });

  it("checks bindings and keeps roleRef immutable", () => {
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" };
    const subjects = [{ kind: "User", name: "alice" }, { kind: "ServiceAccount", name: "default", namespace: "d" }];
    assert.deepEqual(validateRoleBinding(o({ roleRef, subjects })), []);
    assert.deepEqual(msgs(validateRoleBinding(o({ roleRef: { apiGroup: "", kind: "Foo" }, subjects: [{ kind: "Robot", name: "r2" }, { kind: "User" }] }))), [
      'roleRef.apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Foo": supported values: "Role", "ClusterRole"',
      "roleRef.name: Required value",
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      "subjects[1].name: Required value",
    ]);
    assert.deepEqual(msgs(validateClusterRoleBinding(o({ roleRef: { ...roleRef, kind: "ClusterRole" }, subjects: [{ kind: "ServiceAccount", name: "sa" }] }))), [
      "subjects[0].namespace: Required value",
    ]);
    assert.deepEqual(msgs(validateRoleBindingUpdate(o({ roleRef: { ...roleRef, name: "writer" }, subjects }), o({ roleRef, subjects }))), [
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    ]);
  });
});

describe("Events", () => {
  it("applies only the legacy checks to core/v1 events", () => {
    assert.deepEqual(validateCoreEvent(o({ involvedObject: { kind: "Pod", name: "p", namespace: "d" }, reason: "Started" })), []);
    assert.deepEqual(msgs(validateCoreEvent(o({ involvedObject: { kind: "Pod", name: "p", namespace: "other" } }))), [
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it("requires the new fields on events.k8s.io/v1", () => {
    assert.deepEqual(
      validateEventsV1Event(
        o({
          eventTime: "2024-01-01T00:00:00.000000Z",
          regarding: { kind: "Pod", name: "p", namespace: "d" },
          reportingController: "example.com/ctl",
          reportingInstance: "ctl-1",
          action: "Sync",
          reason: "Synced",
          type: "Normal",
        }),
      ),
      [],
    );
    assert.deepEqual(msgs(validateEventsV1Event(o({ regarding: { namespace: "d" }, type: "Odd", deprecatedCount: 3 }))), [
      "eventTime: Required value",
      'type: Invalid value: "": has invalid value: Odd',
      'count: Invalid value: "": needs to be unset',
    ]);
    const e = o({ eventTime: "t", regarding: { namespace: "d" }, reportingController: "c", reportingInstance: "i", action: "A", reason: "R", type: "Normal" });
    assert.deepEqual(msgs(validateEventsV1Event(o({ eventTime: "t", regarding: { namespace: "d" }, type: "Normal" }))), [
      "reportingController: Required value",
      `reportingController: Invalid value: "": name part must be non-empty`,
      `reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      "reportingInstance: Required value",
      "action: Required value",
      "reason: Required value",
    ]);
    assert.deepEqual(msgs(validateEventsV1EventUpdate(o({ ...e, note: "changed" }), e)), ['message: Invalid value: "changed": field is immutable']);
  });
});

describe("Lease", () => {
  it("checks durations", () => {
    assert.deepEqual(validateLease(o({ spec: { holderIdentity: "a", leaseDurationSeconds: 15, leaseTransitions: 0 } })), []);
    assert.deepEqual(msgs(validateLease(o({ spec: { leaseDurationSeconds: 0, leaseTransitions: -1 } }))), [
      "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
      "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });
});
