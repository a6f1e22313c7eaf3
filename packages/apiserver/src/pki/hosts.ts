/**
 * Host names and addresses for a serving certificate's subjectAltName:
 * normalising what operators type ("[::1]", "LOCALHOST") and turning IP
 * literals into the raw octets an `iPAddress` GeneralName carries.
 * @module
 */
import { isIP } from "node:net";

/**
 * The in-cluster names every kube-apiserver serving certificate carries, so
 * that pods reaching the API through the `kubernetes` Service verify it.
 */
export const KUBERNETES_SERVICE_NAMES: readonly string[] = [
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
];

/** A subjectAltName entry. */
export type AltName = { type: "ip"; value: string } | { type: "dns"; value: string };

/**
 * Classifies and normalises one host: strips URL-style brackets and IPv6
 * zone ids, lower-cases DNS names (certificate matching is case-insensitive,
 * and a canonical form makes "is this host covered?" a plain comparison).
 */
export function toAltName(host: string): AltName {
  let h = host.trim();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  const zone = h.indexOf("%");
  if (zone > 0 && isIP(h.slice(0, zone)) === 6) h = h.slice(0, zone);
  if (isIP(h)) return { type: "ip", value: h };
  if (h === "" || /[\s/]/.test(h)) throw new Error(`invalid certificate host ${JSON.stringify(host)}`);
  return { type: "dns", value: h.toLowerCase().replace(/\.$/, "") };
}

/** Normalised, de-duplicated alt names for the given hosts, in first-seen order. */
export function altNames(hosts: Iterable<string>): AltName[] {
  const seen = new Set<string>();
  const out: AltName[] = [];
  for (const host of hosts) {
    const name = toAltName(host);
    // Key IPs by their bytes so "::1" and "0:0:0:0:0:0:0:1" count once.
    const key = name.type === "ip" ? `ip:${ipBytes(name.value).toString("hex")}` : `dns:${name.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** The 4 (IPv4) or 16 (IPv6) network-order octets of an IP literal. */
export function ipBytes(ip: string): Buffer {
  const family = isIP(ip);
  if (family === 4) return Buffer.from(ip.split(".").map(Number));
  if (family !== 6) throw new Error(`not an IP address: ${ip}`);
  let text = ip;
  // An embedded dotted IPv4 tail ("::ffff:10.0.0.1") becomes two hex groups.
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  const out = Buffer.alloc(16);
  for (const [i, g] of groups.entries()) out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return out;
}
