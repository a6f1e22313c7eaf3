/**
 * Field tables for `discovery.k8s.io/v1` (package `k8s.io.api.discovery.v1`):
 * EndpointSlice.
 * @module
 */
import { bool, i32, mapOf, msg, ObjectMeta, ptr, qualify, rep, scoped, str } from "../schema.js";

const m = scoped("discovery");

/** `discovery.*` message tables. */
export const discoveryTables = qualify("discovery", {
  EndpointSlice: {
    1: ["metadata", ObjectMeta],
    2: ["endpoints", rep(m("Endpoint"))],
    3: ["ports", rep(m("EndpointPort"))],
    4: ["addressType", ptr(str)],
  },
  Endpoint: {
    1: ["addresses", rep(str)],
    2: ["conditions", m("EndpointConditions")],
    3: ["hostname", ptr(str)],
    4: ["targetRef", msg("core.ObjectReference")],
    5: ["deprecatedTopology", mapOf(str)],
    6: ["nodeName", ptr(str)],
    7: ["zone", ptr(str)],
    8: ["hints", m("EndpointHints")],
  },
  EndpointConditions: {
    1: ["ready", ptr(bool)],
    2: ["serving", ptr(bool)],
    3: ["terminating", ptr(bool)],
  },
  EndpointHints: {
    1: ["forZones", rep(m("ForZone"))],
  },
  ForZone: {
    1: ["name", ptr(str)],
  },
  EndpointPort: {
    1: ["name", ptr(str)],
    2: ["protocol", ptr(str)],
    3: ["port", ptr(i32)],
    4: ["appProtocol", ptr(str)],
  },
});
