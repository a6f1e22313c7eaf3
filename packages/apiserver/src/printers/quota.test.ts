/** Tests of the ResourceQuota and LimitRange printers. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printerFor } from "./index.js";

describe("ResourceQuota and LimitRange printers", () => {
  const now = new Date("2026-11-23T12:00:00Z");

  it("prints used/hard per resource, limits.* apart", () => {
    const printer = printerFor("", "ResourceQuota");
    assert.deepEqual(printer.columns.map((c) => c.name), ["Name", "Age", "Request", "Limit"]);
    const quota = {
      metadata: { name: "compute", creationTimestamp: "2026-11-23T11:55:00Z" },
      spec: { hard: { pods: "10", "requests.cpu": "1", "limits.memory": "2Gi" } },
      status: { hard: { pods: "10", "requests.cpu": "1", "limits.memory": "2Gi" }, used: { pods: "3", "requests.cpu": "500m" } },
    };
    assert.deepEqual(printer.cells(quota, now), ["compute", "5m", "pods: 3/10, requests.cpu: 500m/1", "limits.memory: 0/2Gi"]);
  });

  it("prints a LimitRange's creation time", () => {
    const printer = printerFor("", "LimitRange");
    assert.deepEqual(printer.cells({ metadata: { name: "defaults", creationTimestamp: "2026-11-23T11:00:00Z" } }, now), [
      "defaults",
      "2026-11-23T11:00:00Z",
    ]);
  });
});
