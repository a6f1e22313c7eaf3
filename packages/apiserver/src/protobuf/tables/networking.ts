/**
 * Field tables for `networking.k8s.io/v1` (package
 * `k8s.io.api.networking.v1`): Ingress, IngressClass and NetworkPolicy.
 * @module
 */
import { i32, inline, IntOrString, LabelSelector, msg, ObjectMeta, ptr, qualify, rep, scoped, str } from "../schema.js";

const m = scoped("networking");

/** `networking.*` message tables. */
export const networkingTables = qualify("networking", {
  Ingress: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("IngressSpec")],
    3: ["status", m("IngressStatus")],
  },
  IngressSpec: {
    1: ["defaultBackend", m("IngressBackend")],
    2: ["tls", rep(m("IngressTLS"))],
    3: ["rules", rep(m("IngressRule"))],
    4: ["ingressClassName", ptr(str)],
  },
  IngressBackend: {
    3: ["resource", msg("core.TypedLocalObjectReference")],
    4: ["service", m("IngressServiceBackend")],
  },
  IngressServiceBackend: {
    1: ["name", ptr(str)],
    2: ["port", m("ServiceBackendPort")],
  },
  ServiceBackendPort: {
    1: ["name", str],
    2: ["number", i32],
  },
  IngressRule: {
    1: ["host", str],
    // Go embeds IngressRuleValue: `http` sits directly in the rule.
    2: ["ingressRuleValue", inline("networking.IngressRuleValue")],
  },
  IngressRuleValue: {
    1: ["http", m("HTTPIngressRuleValue")],
  },
  HTTPIngressRuleValue: {
    1: ["paths", rep(m("HTTPIngressPath"))],
  },
  HTTPIngressPath: {
    1: ["path", str],
    2: ["backend", m("IngressBackend")],
    3: ["pathType", ptr(str)],
  },
  IngressTLS: {
    1: ["hosts", rep(str)],
    2: ["secretName", str],
  },
  IngressStatus: {
    1: ["loadBalancer", m("IngressLoadBalancerStatus")],
  },
  IngressLoadBalancerStatus: {
    1: ["ingress", rep(m("IngressLoadBalancerIngress"))],
  },
  IngressLoadBalancerIngress: {
    1: ["ip", str],
    2: ["hostname", str],
    4: ["ports", rep(m("IngressPortStatus"))],
  },
  IngressPortStatus: {
    1: ["port", ptr(i32)],
    2: ["protocol", ptr(str)],
    3: ["error", ptr(str)],
  },
  IngressClass: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("IngressClassSpec")],
  },
  IngressClassSpec: {
    1: ["controller", str],
    2: ["parameters", m("IngressClassParametersReference")],
  },
  IngressClassParametersReference: {
    // The proto field is spelled `aPIGroup`; the JSON key is `apiGroup`.
    1: ["apiGroup", ptr(str)],
    2: ["kind", ptr(str)],
    3: ["name", ptr(str)],
    4: ["scope", ptr(str)],
    5: ["namespace", ptr(str)],
  },
  NetworkPolicy: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("NetworkPolicySpec")],
  },
  NetworkPolicySpec: {
    1: ["podSelector", LabelSelector],
    2: ["ingress", rep(m("NetworkPolicyIngressRule"))],
    3: ["egress", rep(m("NetworkPolicyEgressRule"))],
    4: ["policyTypes", rep(str)],
  },
  NetworkPolicyIngressRule: {
    1: ["ports", rep(m("NetworkPolicyPort"))],
    2: ["from", rep(m("NetworkPolicyPeer"))],
  },
  NetworkPolicyEgressRule: {
    1: ["ports", rep(m("NetworkPolicyPort"))],
    2: ["to", rep(m("NetworkPolicyPeer"))],
  },
  NetworkPolicyPeer: {
    1: ["podSelector", LabelSelector],
    2: ["namespaceSelector", LabelSelector],
    3: ["ipBlock", m("IPBlock")],
  },
  IPBlock: {
    1: ["cidr", ptr(str)],
    2: ["except", rep(str)],
  },
  NetworkPolicyPort: {
    1: ["protocol", ptr(str)],
    2: ["port", IntOrString],
    3: ["endPort", ptr(i32)],
  },
});
