/**
 * IP address checks for Services, Endpoints and EndpointSlices, after
 * upstream's `IsValidIP` family and `ValidateNonSpecialIP`.
 * @module
 */
import { isIP } from "node:net";
import { type FieldError, field } from "./core.js";

const { invalid } = field;

// Go's net.ParseIP accepts IPv4 octets with leading zeros; node's isIP does not.
function ipVersion(value: string): 0 | 4 | 6 {
  const v = isIP(value);
  if (v === 4 || v === 6) return v;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) && value.split(".").every((o) => Number(o) <= 255)) return 4;
  return 0;
}

/** `must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` unless `value` is an IP. */
export function validateIP(value: string, path: string): FieldError[] {
  return ipVersion(value) ? [] : [invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")];
}

/** An IPv4 address only. */
export function validateIPv4(value: string, path: string): FieldError[] {
  return ipVersion(value) === 4 ? [] : [invalid(path, value, "must be a valid IPv4 address")];
}

/** An IPv6 address only. */
export function validateIPv6(value: string, path: string): FieldError[] {
  return ipVersion(value) === 6 ? [] : [invalid(path, value, "must be a valid IPv6 address")];
}

function octets(value: string): number[] | undefined {
  if (ipVersion(value) === 4) return value.split(".").map(Number);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return mapped ? mapped[1].split(".").map(Number) : undefined;
}

/**
 * Endpoint addresses may not be unspecified, loopback or link-local: they
 * would point traffic at the node itself or its metadata service.
 */
export function validateNonSpecialIP(value: string, path: string): FieldError[] {
  const v = ipVersion(value);
  if (!v) return [invalid(path, value, "must be a valid IP address")];
  const errs: FieldError[] = [];
  const o = octets(value);
  const lower = value.toLowerCase();
  if (o ? o.every((x) => x === 0) : /^[0:]+$/.test(lower)) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  if (o ? o[0] === 127 : lower === "::1" || /^(0{0,4}:){7}0{0,3}1$/.test(lower)) {
    errs.push(invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
  }
  if (o ? o[0] === 169 && o[1] === 254 : /^fe[89ab]/.test(lower)) {
    errs.push(invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
  }
  if (o ? o[0] === 224 && o[1] === 0 && o[2] === 0 : lower.startsWith("ff02:")) {
    errs.push(invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  }
  return errs;
}

/** A CIDR such as `10.0.0.0/8` or `fd00::/64`. */
export function isValidCIDR(value: string): boolean {
  const [ip, bits, ...rest] = value.split("/");
  if (rest.length || bits === undefined || !/^\d+$/.test(bits)) return false;
  const v = ipVersion(ip);
  return v !== 0 && Number(bits) <= (v === 4 ? 32 : 128);
}
