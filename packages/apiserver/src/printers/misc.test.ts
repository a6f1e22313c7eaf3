import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultPrinter, printerFor } from "./index.js";

const NOW = new Date("2024-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.000Z$/, "Z");

describe("Lease printer", () => {
  const p = printerFor("coordination.k8s.io", "Lease");
  it("prints the holder", () => {
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "Holder", "Age"],
    );
    const lease = {
      metadata: { name: "kube-controller-manager", namespace: "kube-system", creationTimestamp: ago(3 * 3600) },
      spec: { holderIdentity: "cp-1_6f0c2d", leaseDurationSeconds: 15, renewTime: ago(2) },
    };
    assert.deepEqual(p.cells(lease, NOW), ["kube-controller-manager", "cp-1_6f0c2d", "3h"]);
    assert.deepEqual(p.cells({ metadata: { name: "free", creationTimestamp: ago(5) }, spec: {} }, NOW), ["free", "", "5s"]);
  });
});

describe("EndpointSlice printer", () => {
  const p = printerFor("discovery.k8s.io", "EndpointSlice");
  it("has upstream's columns", () => {
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "AddressType", "Ports", "Endpoints", "Age"],
    );
  });
  it("prints ports and addresses", () => {
    const slice = {
      metadata: { name: "web-abc12", creationTimestamp: ago(60) },
      addressType: "IPv4",
      ports: [{ name: "http", port: 8080, protocol: "TCP" }, { name: "metrics" }, {}],
      endpoints: [
        { addresses: ["10.244.0.5"], conditions: { ready: true } },
        { addresses: ["10.244.1.6"], conditions: { ready: true } },
      ],
    };
    assert.deepEqual(p.cells(slice, NOW), ["web-abc12", "IPv4", "8080,metrics,*", "10.244.0.5,10.244.1.6", "60s"]);
  });
  it("elides beyond three and prints <unset> when empty", () => {
    const slice = {
      metadata: { name: "big", creationTimestamp: ago(60) },
      addressType: "IPv6",
      ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }],
      endpoints: [{ addresses: ["fd00::1", "fd00::2"] }, { addresses: ["fd00::3", "fd00::4"] }],
    };
    assert.deepEqual(p.cells(slice, NOW), ["big", "IPv6", "1,2,3 + 2 more...", "fd00::1,fd00::2,fd00::3 + 1 more...", "60s"]);
    assert.deepEqual(p.cells({ metadata: { name: "empty", creationTimestamp: ago(1) }, addressType: "IPv4", endpoints: [] }, NOW), [
      "empty",
      "IPv4",
      "<unset>",
      "<unset>",
      "1s",
    ]);
  });
});

describe("Ingress printer", () => {
  const p = printerFor("networking.k8s.io", "Ingress");
  it("has upstream's columns", () => {
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ["Name", "Class", "Hosts", "Address", "Ports", "Age"],
    );
  });
  it("prints class, hosts, address and ports", () => {
    const ing = {
      metadata: { name: "web", creationTimestamp: ago(7200) },
      spec: {
        ingressClassName: "nginx",
        tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
        rules: [{ host: "shop.example.com" }, { host: "api.example.com" }],
      },
      status: { loadBalancer: { ingress: [{ ip: "203.0.113.20" }, { hostname: "lb-1234.elb.example.com" }] } },
    };
    assert.deepEqual(p.cells(ing, NOW), ["web", "nginx", "shop.example.com,api.example.com", "203.0.113.20,lb-1234.elb.example.com", "80, 443", "120m"]);
  });
  it("prints defaults and elides hosts", () => {
    const bare = { metadata: { name: "catch-all", creationTimestamp: ago(10) }, spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } };
    assert.deepEqual(p.cells(bare, NOW), ["catch-all", "<none>", "*", "", "80", "10s"]);
    const many = {
      metadata: { name: "many", creationTimestamp: ago(10) },
      spec: { rules: [{ host: "a.example" }, {}, { host: "c.example" }, { host: "d.example" }, { host: "e.example" }] },
    };
    assert.equal(p.cells(many, NOW)[2], "a.example,c.example,d.example + 2 more...");
  });
});

describe("RBAC printers", () => {
  it("prints role bindings with subjects", () => {
    const p = printerFor("rbac.authorization.k8s.io", "RoleBinding");
    assert.deepEqual(
      p.columns.map((c) => `${c.name}:${c.priority}:${c.description.slice(0, 20)}`),
      [
        "Name:0:Name must be unique ",
        "Role:0:RoleRef can referenc",
        "Age:0:CreationTimestamp is",
        "Users:1:Users in the roleBin",
        "Groups:1:Groups in the roleBi",
        "ServiceAccounts:1:ServiceAccounts in t",
      ],
    );
    const rb = {
      metadata: { name: "devs", namespace: "team-a", creationTimestamp: ago(86400 * 400) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "bob" },
        { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "devs" },
        { kind: "ServiceAccount", name: "ci", namespace: "team-a" },
      ],
    };
    assert.deepEqual(p.cells(rb, NOW), ["devs", "ClusterRole/edit", "400d", "alice, bob", "devs", "team-a/ci"]);
  });
  it("prints cluster role bindings", () => {
    const p = printerFor("rbac.authorization.k8s.io", "ClusterRoleBinding");
    assert.equal(p.columns[3].description, "Users in the clusterRoleBinding");
    const crb = {
      metadata: { name: "cluster-admin", creationTimestamp: ago(86400 * 800) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:masters" }],
    };
    assert.deepEqual(p.cells(crb, NOW), ["cluster-admin", "ClusterRole/cluster-admin", "2y70d", "", "system:masters", ""]);
  });
  it("prints roles and cluster roles with the default table", () => {
    assert.equal(printerFor("rbac.authorization.k8s.io", "Role"), defaultPrinter);
    assert.equal(printerFor("rbac.authorization.k8s.io", "ClusterRole"), defaultPrinter);
  });
});

describe("default printer", () => {
  it("prints NAME and CREATED AT", () => {
    assert.deepEqual(
      defaultPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ["Name", "string", "name", 0],
        ["Created At", "date", "", 0],
      ],
    );
    assert.match(defaultPrinter.columns[1].description, /^CreationTimestamp is a timestamp/);
    const role = { metadata: { name: "pod-reader", namespace: "default", creationTimestamp: "2024-05-31T08:15:30Z" }, rules: [] };
    assert.deepEqual(printerFor("rbac.authorization.k8s.io", "Role").cells(role, NOW), ["pod-reader", "2024-05-31T08:15:30Z"]);
  });
  it("is used for CRDs, custom resources and unknown kinds", () => {
    const crd = printerFor("apiextensions.k8s.io", "CustomResourceDefinition");
    assert.equal(crd, defaultPrinter);
    assert.deepEqual(crd.cells({ metadata: { name: "widgets.example.com", creationTimestamp: "2024-01-02T03:04:05Z" } }, NOW), [
      "widgets.example.com",
      "2024-01-02T03:04:05Z",
    ]);
    assert.equal(printerFor("example.com", "Widget"), defaultPrinter);
    assert.equal(printerFor("", "Widget"), defaultPrinter);
    assert.equal(printerFor("apps", "Pod"), defaultPrinter);
    assert.deepEqual(defaultPrinter.cells({}, NOW), ["", "0001-01-01T00:00:00Z"]);
  });
});
