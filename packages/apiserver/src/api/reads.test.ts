/**
 * API semantics of reads: lists with selectors and consistent pagination,
 * resourceVersion semantics, watches (initial state, resume, selector
 * transitions, watch-list, timeouts, 410 on compacted revisions), Tables
 * and discovery.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiHarness, startApiHarness } from "./harness.js";

type Meta = { name: string; resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type List = { metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number }; items: Array<{ metadata: Meta }> };

const NS = "/api/v1/namespaces/reads";
const CM = `${NS}/configmaps`;

function names(list: List): string[] {
  return list.items.map((i) => i.metadata.name);
}

describe("read semantics", () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApiHarness();
    await api.call("POST", "/api/v1/namespaces", { metadata: { name: "reads" } });
    for (let i = 1; i <= 7; i++) {
      await api.call("POST", CM, { metadata: { name: `cm${i}`, labels: { n: String(i), parity: i % 2 ? "odd" : "even" } } });
    }
  });
  after(() => api.stop());

  it("filters lists with every label selector operator", async () => {
    const q = async (selector: string) => names((await api.call<List>("GET", `${CM}?labelSelector=${encodeURIComponent(selector)}`)).body);
    assert.deepEqual(await q("parity=even"), ["cm2", "cm4", "cm6"]);
    assert.deepEqual(await q("parity==odd,n!=1"), ["cm3", "cm5", "cm7"]);
    assert.deepEqual(await q("n in (2, 3)"), ["cm2", "cm3"]);
    assert.deepEqual(await q("n notin (1,2,3,4,5)"), ["cm6", "cm7"]);
    assert.deepEqual(await q("parity,!missing,n>5"), ["cm6", "cm7"]);
    assert.deepEqual(await q("missing"), []);
    const bad = await api.call("GET", `${CM}?labelSelector=${encodeURIComponent("n in (1")}`);
    assert.equal(bad.status, 400);
  });

  it("filters by field selectors and refuses unknown fields", async () => {
    const byName = await api.call<List>("GET", `${CM}?fieldSelector=metadata.name%3Dcm3`);
    assert.deepEqual(names(byName.body), ["cm3"]);
    const notName = await api.call<List>("GET", `${CM}?fieldSelector=metadata.name!%3Dcm3,metadata.namespace%3Dreads`);
    assert.equal(notName.body.items.length, 6);
    const bad = await api.call("GET", `${CM}?fieldSelector=spec.nodeName%3Dx`);
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.message), /not a known field selector|field label not supported/);
    const pods = await api.call("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1,status.phase%3DRunning");
    assert.equal(pods.status, 200);
  });

  it("pages through a list at one snapshot", async () => {
    const first = await api.call<List>("GET", `${CM}?limit=3`);
    assert.deepEqual(names(first.body), ["cm1", "cm2", "cm3"]);
    assert.equal(first.body.metadata.remainingItemCount, 4);
    assert.ok(first.body.metadata.continue);
    // A write between pages is not part of this list: every page is read at the first page's revision.
    await api.call("POST", CM, { metadata: { name: "cm35" } });
    const second = await api.call<List>("GET", `${CM}?limit=3&continue=${first.body.metadata.continue}`);
    assert.deepEqual(names(second.body), ["cm4", "cm5", "cm6"]);
    assert.equal(second.body.metadata.resourceVersion, first.body.metadata.resourceVersion);
    const third = await api.call<List>("GET", `${CM}?limit=3&continue=${second.body.metadata.continue}`);
    assert.deepEqual(names(third.body), ["cm7"]);
    assert.equal(third.body.metadata.continue, undefined);
    await api.call("DELETE", `${CM}/cm35`);
  });

  it("pages with a selector until the page is full", async () => {
    const page = await api.call<List>("GET", `${CM}?limit=2&labelSelector=parity%3Dodd`);
    assert.deepEqual(names(page.body), ["cm1", "cm3"]);
    const rest = await api.call<List>("GET", `${CM}?limit=5&labelSelector=parity%3Dodd&continue=${page.body.metadata.continue}`);
    assert.deepEqual(names(rest.body), ["cm5", "cm7"]);
  });

  it("reads an exact older revision, and refuses bad continue tokens", async () => {
    const before = await api.call<List>("GET", CM);
    await api.call("POST", CM, { metadata: { name: "later" } });
    const exact = await api.call<List>("GET", `${CM}?resourceVersion=${before.body.metadata.resourceVersion}&resourceVersionMatch=Exact`);
    assert.deepEqual(names(exact.body), names(before.body));
    const now = await api.call<List>("GET", CM);
    assert.ok(names(now.body).includes("later"));
    assert.equal((await api.call("GET", `${CM}?continue=garbage`)).status, 400);
    assert.equal((await api.call("GET", `${CM}?resourceVersionMatch=Exact`)).status, 400);
    await api.call("DELETE", `${CM}/later`);
  });

  it("answers 410 Expired for compacted revisions", async () => {
    const old = await api.call<List>("GET", `${CM}?limit=2`);
    await api.call("POST", CM, { metadata: { name: "compact-me" } });
    await api.backend.compact(await api.backend.currentRevision());
    const expired = await api.call("GET", `${CM}?limit=2&continue=${old.body.metadata.continue}`);
    assert.equal(expired.status, 410);
    assert.equal(expired.body.reason, "Expired");
    // Revision 1 predates the watch cache's window, so the watch must be served by storage, which compacted it.
    const watch = api.watch(`${CM}?watch=true&resourceVersion=1`);
    await watch.until((events) => events.some((e) => e.type === "ERROR"));
    assert.equal((watch.events[0].object as { code?: number }).code, 410);
    await watch.ended;
    await api.call("DELETE", `${CM}/compact-me`);
  });

  it("watches from no resourceVersion: current state as ADDED, then changes", async () => {
    const watch = api.watch(`${CM}?watch=true&labelSelector=parity%3Deven`);
    await watch.until((events) => events.length >= 3);
    assert.deepEqual(watch.events.map((e) => `${e.type}:${(e.object.metadata as Meta).name}`), ["ADDED:cm2", "ADDED:cm4", "ADDED:cm6"]);
    await api.call("PATCH", `${CM}/cm4`, { data: { x: "1" } }, { "Content-Type": "application/merge-patch+json" });
    await watch.until((events) => events.length >= 4);
    assert.equal(watch.events[3].type, "MODIFIED");
    watch.close();
  });

  it("turns selector transitions into ADDED and DELETED", async () => {
    const list = await api.call<List>("GET", CM);
    const watch = api.watch(`${CM}?watch=true&labelSelector=parity%3Deven&resourceVersion=${list.body.metadata.resourceVersion}`);
    const relabel = (name: string, parity: string) =>
      api.call("PATCH", `${CM}/${name}`, { metadata: { labels: { parity } } }, { "Content-Type": "application/merge-patch+json" });
    await relabel("cm1", "even"); // moves in
    await relabel("cm2", "odd"); // moves out
    await relabel("cm3", "prime"); // never visible
    await watch.until((events) => events.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(watch.events.map((e) => `${e.type}:${(e.object.metadata as Meta).name}`), ["ADDED:cm1", "DELETED:cm2"]);
    watch.close();
    await relabel("cm1", "odd");
    await relabel("cm2", "even");
    await relabel("cm3", "odd");
  });

  it("resumes from a resourceVersion without repeating or losing events", async () => {
    const start = await api.call<List>("GET", CM);
    await api.call("POST", CM, { metadata: { name: "r1" } });
    const mid = await api.call<{ metadata: Meta }>("POST", CM, { metadata: { name: "r2" } });
    await api.call("DELETE", `${CM}/r1`);
    const fromStart = api.watch(`${CM}?watch=true&resourceVersion=${start.body.metadata.resourceVersion}`);
    await fromStart.until((e) => e.length >= 3);
    assert.deepEqual(fromStart.events.map((e) => `${e.type}:${(e.object.metadata as Meta).name}`), ["ADDED:r1", "ADDED:r2", "DELETED:r1"]);
    const fromMid = api.watch(`${CM}?watch=true&resourceVersion=${mid.body.metadata.resourceVersion}`);
    await fromMid.until((e) => e.length >= 1);
    assert.deepEqual(fromMid.events.map((e) => `${e.type}:${(e.object.metadata as Meta).name}`), ["DELETED:r1"]);
    // A DELETED event carries the revision of the deletion.
    assert.ok(Number((fromMid.events[0].object.metadata as Meta).resourceVersion) > Number(mid.body.metadata.resourceVersion));
    fromStart.close();
    fromMid.close();
    await api.call("DELETE", `${CM}/r2`);
  });

  it("serves watch-list: initial events, then a bookmark marking their end", async () => {
    const watch = api.watch(`${CM}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=parity%3Dodd`);
    await watch.until((events) => events.some((e) => e.type === "BOOKMARK"));
    const types = watch.events.map((e) => e.type);
    assert.deepEqual(types, ["ADDED", "ADDED", "ADDED", "ADDED", "BOOKMARK"]);
    const bookmark = watch.events[4].object as { kind: string; metadata: Meta };
    assert.equal(bookmark.kind, "ConfigMap");
    assert.equal(bookmark.metadata.annotations?.["k8s.io/initial-events-end"], "true");
    watch.close();
    const bad = await api.call("GET", `${CM}?watch=true&sendInitialEvents=true`);
    assert.equal(bad.status, 400);
  });

  it("ends a watch after timeoutSeconds", async () => {
    const started = Date.now();
    const watch = api.watch(`${CM}?watch=true&timeoutSeconds=1&resourceVersion=${(await api.call<List>("GET", CM)).body.metadata.resourceVersion}`);
    await watch.ended;
    const took = Date.now() - started;
    assert.ok(took >= 900 && took < 5000, `ended after ${took} ms`);
  });

  it("renders Tables for lists, single objects and watches", async () => {
    const accept = { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" };
    const table = await api.call<{ kind: string; columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[]; object: { kind: string } }> }>(
      "GET",
      `${CM}?labelSelector=parity%3Deven`,
      undefined,
      accept,
    );
    assert.equal(table.body.kind, "Table");
    assert.deepEqual(table.body.columnDefinitions.map((c) => c.name), ["Name", "Data", "Age"]);
    assert.deepEqual(table.body.rows.map((r) => r.cells[0]), ["cm2", "cm4", "cm6"]);
    assert.equal(table.body.rows[0].object.kind, "PartialObjectMetadata");
    const one = await api.call<{ rows: unknown[] }>("GET", `${CM}/cm2`, undefined, accept);
    assert.equal(one.body.rows.length, 1);
    const watch = api.watch(`${CM}?watch=true&labelSelector=n%3D2`, accept);
    await watch.until((events) => events.length >= 1);
    assert.equal(watch.events[0].object.kind, "Table");
    watch.close();
  });

  it("serves legacy and aggregated discovery", async () => {
    const legacy = await api.call<{ groups: Array<{ name: string }> }>("GET", "/apis");
    assert.ok(legacy.body.groups.some((g) => g.name === "apps"));
    const accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    const aggregated = await api.call<{ kind: string; items: Array<{ versions: Array<{ resources: Array<{ resource: string }> }> }> }>(
      "GET",
      "/api",
      undefined,
      { Accept: accept },
    );
    assert.equal(aggregated.body.kind, "APIGroupDiscoveryList");
    assert.equal(aggregated.headers["content-type"], "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const resources = aggregated.body.items[0].versions[0].resources.map((r) => r.resource);
    assert.ok(resources.includes("pods") && resources.includes("namespaces"));
    const resourceList = await api.call<{ resources: Array<{ name: string; verbs: string[] }> }>("GET", "/apis/apps/v1");
    const scale = resourceList.body.resources.find((r) => r.name === "deployments/scale");
    assert.deepEqual(scale?.verbs, ["get", "patch", "update"]);
    const version = await api.call<{ major: string; minor: string }>("GET", "/version");
    assert.equal(version.body.major, "1");
  });
});
