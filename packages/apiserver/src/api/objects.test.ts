/**
 * API semantics of writes, request by request: system metadata,
 * optimistic concurrency, generation, dry run, subresources, finalizers,
 * deletion and namespaces — as kube-apiserver behaves.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiHarness, startApiHarness } from "./harness.js";

type Obj = {
  metadata: Record<string, unknown> & { name?: string; resourceVersion?: string; generation?: number; finalizers?: string[] };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  [k: string]: unknown;
};

const CM = "/api/v1/namespaces/default/configmaps";
const DEPLOY = "/apis/apps/v1/namespaces/default/deployments";

function deployment(name: string, replicas = 1) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
}

describe("object semantics", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  it("sets uid, creationTimestamp and resourceVersion on create, and refuses duplicates", async () => {
    const created = await api.call<Obj>("POST", CM, { metadata: { name: "one" }, data: { a: "1" } });
    assert.equal(created.status, 201);
    assert.match(String(created.body.metadata.uid), /^[0-9a-f-]{36}$/);
    assert.match(String(created.body.metadata.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(String(created.body.metadata.resourceVersion), /^\d+$/);
    assert.equal(created.body.kind, "ConfigMap");
    const again = await api.call("POST", CM, { metadata: { name: "one" } });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, "AlreadyExists");
    assert.equal(again.body.message, 'configmaps "one" already exists');
  });

  it("generates names from generateName", async () => {
    const created = await api.call<Obj>("POST", CM, { metadata: { generateName: "gen-" } });
    assert.equal(created.status, 201);
    assert.match(String(created.body.metadata.name), /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("rejects mismatched namespace, kind and apiVersion, and a resourceVersion on create", async () => {
    const ns = await api.call("POST", CM, { metadata: { name: "x", namespace: "kube-system" } });
    assert.equal(ns.status, 400);
    assert.match(String(ns.body.message), /does not match the namespace/);
    const kind = await api.call("POST", CM, { kind: "Secret", metadata: { name: "x" } });
    assert.equal(kind.status, 400);
    const version = await api.call("POST", CM, { apiVersion: "v2", metadata: { name: "x" } });
    assert.equal(version.status, 400);
    const rv = await api.call("POST", CM, { metadata: { name: "x", resourceVersion: "5" } });
    assert.equal(rv.status, 400);
    assert.equal(rv.body.message, "resourceVersion should not be set on objects to be created");
  });

  it("refuses content in a namespace that does not exist", async () => {
    const res = await api.call("POST", "/api/v1/namespaces/nope/configmaps", { metadata: { name: "x" } });
    assert.equal(res.status, 404);
    assert.equal(res.body.message, 'namespaces "nope" not found');
  });

  it("detects conflicting updates through resourceVersion", async () => {
    const created = await api.call<Obj>("POST", CM, { metadata: { name: "cas" }, data: { v: "1" } });
    const stale = created.body.metadata.resourceVersion;
    const first = await api.call<Obj>("PUT", `${CM}/cas`, { metadata: { name: "cas", resourceVersion: stale }, data: { v: "2" } });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.metadata.resourceVersion, stale);
    const second = await api.call("PUT", `${CM}/cas`, { metadata: { name: "cas", resourceVersion: stale }, data: { v: "3" } });
    assert.equal(second.status, 409);
    assert.equal(second.body.reason, "Conflict");
    assert.match(String(second.body.message), /the object has been modified/);
    // Without a resourceVersion the update is unconditional.
    const blind = await api.call<Obj>("PUT", `${CM}/cas`, { metadata: { name: "cas" }, data: { v: "4" } });
    assert.equal(blind.status, 200);
    assert.equal(blind.body.data?.v, "4");
  });

  it("does not write an update that changes nothing", async () => {
    const created = await api.call<Obj>("POST", CM, { metadata: { name: "same" }, data: { v: "1" } });
    const same = await api.call<Obj>("PUT", `${CM}/same`, { metadata: { name: "same" }, data: { v: "1" } });
    assert.equal(same.body.metadata.resourceVersion, created.body.metadata.resourceVersion);
  });

  it("bumps generation on spec changes only", async () => {
    await api.call("POST", DEPLOY, deployment("gen"));
    const labelled = await api.call<Obj>("PATCH", `${DEPLOY}/gen`, { metadata: { labels: { x: "y" } } }, {
      "Content-Type": "application/merge-patch+json",
    });
    assert.equal(labelled.body.metadata.generation, 1);
    const scaled = await api.call<Obj>("PATCH", `${DEPLOY}/gen`, { spec: { replicas: 4 } }, {
      "Content-Type": "application/merge-patch+json",
    });
    assert.equal(scaled.body.metadata.generation, 2);
  });

  it("applies defaults as upstream does", async () => {
    const dep = await api.call<Obj>("POST", DEPLOY, deployment("defaults"));
    const spec = dep.body.spec as { strategy: { type: string; rollingUpdate: unknown }; revisionHistoryLimit: number; template: { spec: { restartPolicy: string; containers: Array<{ imagePullPolicy: string }> } } };
    assert.equal(spec.strategy.type, "RollingUpdate");
    assert.deepEqual(spec.strategy.rollingUpdate, { maxUnavailable: "25%", maxSurge: "25%" });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.template.spec.restartPolicy, "Always");
    assert.equal(spec.template.spec.containers[0].imagePullPolicy, "IfNotPresent");
  });

  it("keeps status out of main-resource writes and spec out of status writes", async () => {
    const created = await api.call<Obj>("POST", DEPLOY, { ...deployment("st"), status: { replicas: 9 } });
    assert.equal(created.body.status?.replicas, undefined, "status is dropped on create");
    const statusWrite = await api.call<Obj>("PUT", `${DEPLOY}/st/status`, {
      ...deployment("st", 7),
      status: { replicas: 3, readyReplicas: 2 },
    });
    assert.equal(statusWrite.status, 200);
    assert.equal(statusWrite.body.status?.replicas, 3);
    assert.equal((statusWrite.body.spec as { replicas: number }).replicas, 1, "spec is ignored by a status write");
    const mainWrite = await api.call<Obj>("PUT", `${DEPLOY}/st`, { ...deployment("st", 2), status: { replicas: 0 } });
    assert.equal(mainWrite.body.status?.replicas, 3, "status is ignored by a main write");
    assert.equal((mainWrite.body.spec as { replicas: number }).replicas, 2);
  });

  it("serves the scale subresource", async () => {
    await api.call("POST", DEPLOY, deployment("sc", 2));
    const scale = await api.call<Obj>("GET", `${DEPLOY}/sc/scale`);
    assert.equal(scale.body.kind, "Scale");
    assert.equal(scale.body.apiVersion, "autoscaling/v1");
    assert.deepEqual(scale.body.spec, { replicas: 2 });
    assert.equal((scale.body.status as { selector: string }).selector, "app=sc");
    const patched = await api.call<Obj>("PATCH", `${DEPLOY}/sc/scale`, { spec: { replicas: 5 } }, {
      "Content-Type": "application/merge-patch+json",
    });
    assert.deepEqual(patched.body.spec, { replicas: 5 });
    const dep = await api.call<Obj>("GET", `${DEPLOY}/sc`);
    assert.equal((dep.body.spec as { replicas: number }).replicas, 5);
  });

  it("does not store anything under dryRun=All", async () => {
    const created = await api.call<Obj>("POST", `${CM}?dryRun=All`, { metadata: { name: "dry" } });
    assert.equal(created.status, 201);
    assert.equal((await api.call("GET", `${CM}/dry`)).status, 404);
    await api.call("POST", CM, { metadata: { name: "dry2" } });
    const deleted = await api.call("DELETE", `${CM}/dry2?dryRun=All`);
    assert.equal(deleted.status, 200);
    assert.equal((await api.call("GET", `${CM}/dry2`)).status, 200);
    const bad = await api.call("POST", `${CM}?dryRun=Yes`, { metadata: { name: "dry3" } });
    assert.equal(bad.status, 400);
  });

  it("holds a deleted object while finalizers remain, then removes it", async () => {
    await api.call("POST", CM, { metadata: { name: "fin", finalizers: ["example.com/wait"] } });
    const deleting = await api.call<Obj>("DELETE", `${CM}/fin`);
    // 200 with the object, as kube-apiserver (202 only for orphanDependents=false).
    assert.equal(deleting.status, 200);
    assert.ok(deleting.body.metadata.deletionTimestamp);
    const still = await api.call<Obj>("GET", `${CM}/fin`);
    assert.equal(still.status, 200);
    assert.ok(still.body.metadata.deletionTimestamp);
    // New finalizers may not be added once deletion started, but removing the last one deletes.
    const released = await api.call("PATCH", `${CM}/fin`, { metadata: { finalizers: null } }, {
      "Content-Type": "application/merge-patch+json",
    });
    assert.equal(released.status, 200);
    assert.equal((await api.call("GET", `${CM}/fin`)).status, 404);
  });

  it("honours delete preconditions", async () => {
    const created = await api.call<Obj>("POST", CM, { metadata: { name: "pre" } });
    const wrong = await api.call("DELETE", `${CM}/pre`, { kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: "nope" } });
    assert.equal(wrong.status, 409);
    const right = await api.call("DELETE", `${CM}/pre`, {
      kind: "DeleteOptions",
      apiVersion: "v1",
      preconditions: { uid: created.body.metadata.uid, resourceVersion: created.body.metadata.resourceVersion },
    });
    assert.equal(right.status, 200);
    assert.equal(right.body.status, "Success");
  });

  it("deletes a collection by label selector", async () => {
    for (const [name, tier] of [["dc1", "a"], ["dc2", "a"], ["dc3", "b"]]) {
      await api.call("POST", CM, { metadata: { name, labels: { tier } } });
    }
    const res = await api.call<{ items: Obj[] }>("DELETE", `${CM}?labelSelector=tier%3Da`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((i) => i.metadata.name).sort(), ["dc1", "dc2"]);
    assert.equal((await api.call("GET", `${CM}/dc3`)).status, 200);
    assert.equal((await api.call("GET", `${CM}/dc1`)).status, 404);
  });

  it("terminates a namespace: refuses new content, deletes what is there, then goes", async () => {
    await api.call("POST", "/api/v1/namespaces", { metadata: { name: "doomed" } });
    await api.call("POST", "/api/v1/namespaces/doomed/configmaps", { metadata: { name: "held", finalizers: ["example.com/x"] } });
    await api.call("POST", "/api/v1/namespaces/doomed/configmaps", { metadata: { name: "free" } });
    const del = await api.call<Obj>("DELETE", "/api/v1/namespaces/doomed");
    assert.equal(del.status, 200);
    assert.equal(del.body.status?.phase, "Terminating");
    const refused = await api.call("POST", "/api/v1/namespaces/doomed/configmaps", { metadata: { name: "late" } });
    assert.equal(refused.status, 403);
    assert.match(String(refused.body.message), /unable to create new content in namespace doomed because it is being terminated/);
    const waitFor = async (check: () => Promise<boolean>, what: string) => {
      const deadline = Date.now() + 5000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitFor(async () => (await api.call("GET", "/api/v1/namespaces/doomed/configmaps/free")).status === 404, "free deleted");
    assert.equal((await api.call("GET", "/api/v1/namespaces/doomed")).status, 200, "held back by the finalizer");
    await api.call("PATCH", "/api/v1/namespaces/doomed/configmaps/held", { metadata: { finalizers: null } }, {
      "Content-Type": "application/merge-patch+json",
    });
    await waitFor(async () => (await api.call("GET", "/api/v1/namespaces/doomed")).status === 404, "namespace removed");
  });

  it("refuses to delete system namespaces", async () => {
    const res = await api.call("DELETE", "/api/v1/namespaces/kube-system");
    assert.equal(res.status, 403);
    assert.equal((await api.call("DELETE", "/api/v1/namespaces")).status, 405);
  });

  it("rejects unknown fields under Strict, warns under Warn, and drops them", async () => {
    const strict = await api.call("POST", `${CM}?fieldValidation=Strict`, { metadata: { name: "f1" }, dataa: {} });
    assert.equal(strict.status, 400);
    assert.match(String(strict.body.message), /strict decoding error: unknown field "dataa"/);
    const warn = await api.call<Obj>("POST", `${CM}?fieldValidation=Warn`, { metadata: { name: "f2" }, dataa: {} });
    assert.equal(warn.status, 201);
    assert.match(String(warn.headers.warning), /unknown field \\"dataa\\"/);
    assert.equal(warn.body.dataa, undefined);
    const typed = await api.call("POST", "/api/v1/namespaces/default/pods", {
      metadata: { name: "typed" },
      spec: { containers: [{ name: "c", image: "i", ports: [{ containerPort: "80" }] }] },
    });
    assert.equal(typed.status, 400);
    assert.match(String(typed.body.message), /cannot unmarshal string into Go struct field ContainerPort/);
  });

  it("answers the patch types as upstream", async () => {
    await api.call("POST", DEPLOY, deployment("p"));
    const smp = await api.call<Obj>(
      "PATCH",
      `${DEPLOY}/p`,
      { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }, { name: "side", image: "busybox" }] } } } },
      { "Content-Type": "application/strategic-merge-patch+json" },
    );
    const containers = (smp.body.spec as { template: { spec: { containers: Array<{ name: string; image: string }> } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => `${c.name}=${c.image}`).sort(), ["side=busybox", "web=nginx:1.28"]);
    const failedTest = await api.call("PATCH", `${DEPLOY}/p`, [{ op: "test", path: "/spec/replicas", value: 99 }], {
      "Content-Type": "application/json-patch+json",
    });
    assert.equal(failedTest.status, 422);
    const wrongType = await api.call("PATCH", `${DEPLOY}/p`, { spec: {} }, { "Content-Type": "text/plain" });
    assert.equal(wrongType.status, 415);
    const missing = await api.call("PATCH", `${DEPLOY}/none`, { spec: {} }, { "Content-Type": "application/merge-patch+json" });
    assert.equal(missing.status, 404);
  });

  it("answers bad routes and methods with the right codes", async () => {
    assert.equal((await api.call("POST", `${CM}/x`, { metadata: { name: "x" } })).status, 405);
    assert.equal((await api.call("GET", "/api/v1/namespaces/default/widgets")).status, 404);
    assert.equal((await api.call("GET", "/apis/nope.example.com/v1")).status, 404);
    assert.equal((await api.call("GET", CM, undefined, { Accept: "application/vnd.kubernetes.protobuf" })).status, 406);
    assert.equal((await api.call("POST", CM, "{not json")).status, 400);
  });
});

describe("garbage collection", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  async function family(owner: string) {
    const parent = await api.call<Obj>("POST", CM, { metadata: { name: owner } });
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: owner, uid: parent.body.metadata.uid as string };
    for (const child of ["a", "b"]) {
      await api.call("POST", CM, { metadata: { name: `${owner}-${child}`, ownerReferences: [ref] } });
    }
  }
  const exists = async (name: string) => (await api.call("GET", `${CM}/${name}`)).status === 200;
  async function eventually(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("deletes dependents after their owner (Background)", async () => {
    await family("bg");
    await api.call("DELETE", `${CM}/bg`);
    await eventually(async () => !(await exists("bg-a")) && !(await exists("bg-b")), "dependents collected");
  });

  it("keeps the owner until its dependents are gone (Foreground)", async () => {
    await family("fg");
    const res = await api.call<Obj>("DELETE", `${CM}/fg`, { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.metadata.finalizers, ["foregroundDeletion"]);
    await eventually(async () => !(await exists("fg")), "owner deleted last");
    assert.equal(await exists("fg-a"), false);
  });

  it("leaves dependents without the owner reference (Orphan)", async () => {
    await family("or");
    await api.call("DELETE", `${CM}/or?propagationPolicy=Orphan`);
    await eventually(async () => !(await exists("or")), "owner deleted");
    const child = await api.call<Obj>("GET", `${CM}/or-a`);
    assert.equal(child.status, 200);
    assert.equal(child.body.metadata.ownerReferences, undefined);
  });
});

describe("events in two API groups", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
  });
  after(() => api.stop());

  const CORE = "/api/v1/namespaces/default/events";
  const NEW = "/apis/events.k8s.io/v1/namespaces/default/events";
  const regarding = { kind: "Pod", namespace: "default", name: "web-1", apiVersion: "v1" };

  it("shows an events.k8s.io Event as a core Event and back", async () => {
    const created = await api.call<Obj>("POST", NEW, {
      metadata: { name: "e1" },
      eventTime: "2026-11-23T10:00:00.000000Z",
      reportingController: "example.com/ctl",
      reportingInstance: "ctl-1",
      action: "Reconcile",
      reason: "Synced",
      type: "Normal",
      note: "all good",
      regarding,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.apiVersion, "events.k8s.io/v1");
    const core = await api.call<Obj>("GET", `${CORE}/e1`);
    assert.equal(core.body.apiVersion, "v1");
    assert.equal(core.body.message, "all good");
    assert.equal(core.body.reportingComponent, "example.com/ctl");
    assert.deepEqual(core.body.involvedObject, regarding);
    assert.equal(core.body.metadata.resourceVersion, created.body.metadata.resourceVersion);
    const selected = await api.call<{ items: Obj[] }>("GET", `${CORE}?fieldSelector=involvedObject.name%3Dweb-1`);
    assert.deepEqual(selected.body.items.map((e) => e.metadata.name), ["e1"]);
  });

  it("watches core Events through events.k8s.io, converted", async () => {
    const list = await api.call<{ metadata: { resourceVersion: string } }>("GET", NEW);
    const watch = api.watch(`${NEW}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    await api.call("POST", CORE, { metadata: { name: "e2" }, involvedObject: regarding, reason: "Pulled", message: "pulled it", type: "Normal" });
    await watch.until((events) => events.length >= 1);
    const event = watch.events[0];
    assert.equal(event.type, "ADDED");
    assert.equal(event.object.apiVersion, "events.k8s.io/v1");
    assert.equal(event.object.note, "pulled it");
    assert.deepEqual(event.object.regarding, regarding);
    watch.close();
  });
});
