/**
 * String formats of custom resource schemas, as kube-apiserver checks them:
 * the kube-openapi `strfmt` registry, limited to the formats CRDs support
 * (apiextensions' `StripUnsupportedFormatsPostProcess`). Every other format
 * — notably `int32`, `int64`, `float`, `double` — is ignored for validation,
 * exactly as upstream does, so e.g. an int32 field accepts 2^40.
 *
 * Checks are linear-time: regular expressions run on RE2 (`@bufbuild/re2`),
 * as Go's `regexp` does, never on a backtracking engine.
 * @module
 */
import { RE2JS } from "@bufbuild/re2";

type Check = (s: string) => boolean;

const re2 = (pattern: string): Check => {
  const re = RE2JS.compile(pattern);
  return (s) => re.test(s);
};

// strfmt.HostnamePattern (RFC 1034 with the additions kube-openapi documents: digits first, symbols, long
// TLDs). A backtracking RegExp is safe here: labels cannot contain dots, so each repetition has one way to
// end, and the input is capped at 255 bytes before matching.
const HOSTNAME_RE =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const UUID = re2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
const UUID3 = re2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
const UUID4 = re2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
const UUID5 = re2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const HEXCOLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const BYTE255 = String.raw`\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*`;
const RGBCOLOR = new RegExp(`^rgb\\(${BYTE255},${BYTE255},${BYTE255}\\)$`);
const CREDITCARD =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11}|6[27][0-9]{14})$/;
const DATETIME_TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

const utf8Length = (s: string): number => Buffer.byteLength(s, "utf8");

function isHostname(s: string): boolean {
  if (utf8Length(s) > 255 || !HOSTNAME_RE.test(s)) return false;
  return s.split(".").every((label) => utf8Length(label) <= 63);
}

/** Go's `time.Parse("2006-01-02", s)`. */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

/** strfmt's `IsDateTime`: a full date, `t` (any case), then a time matched loosely by hour/minute/second bounds. */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split("t");
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATETIME_TIME.exec(parts[1]);
  if (!m) return false;
  return m[1] <= "23" && m[2] <= "59" && m[3] <= "59";
}

const GO_DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const STRFMT_DURATION_PART = /(\d+)\s*([A-Za-zµ]+)/g;
const STRFMT_UNITS = [["ns", "nano"], ["us", "µs", "micro"], ["ms", "milli"], ["s", "sec"], ["m", "min"], ["h", "hr", "hour"], ["d", "day"], ["w", "wk", "week"]];

/** strfmt's `IsDuration`: Go's `time.ParseDuration`, or a loose "3 days" form. */
function isDuration(s: string): boolean {
  if (s === "0" || s === "+0" || s === "-0" || GO_DURATION.test(s)) return true;
  let matched = false;
  for (const m of s.matchAll(STRFMT_DURATION_PART)) {
    if (!Number.isSafeInteger(Number(m[1]))) return false;
    const unit = m[2].trim().toLowerCase();
    for (const variants of STRFMT_UNITS) {
      variants.forEach((v, i) => {
        if ((i === variants.length - 1 && unit.startsWith(v)) || v === unit) matched = true;
      });
    }
  }
  return matched;
}

/** A dotted IPv4 address; `sloppy` allows leading zeros (netutils.ParseIPSloppy). */
function parseIPv4(s: string, sloppy: boolean): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (sloppy || p.length === 1 || p[0] !== "0"));
}

/** Go's `net.ParseIP` for the IPv6 form (an embedded IPv4 tail allowed). */
function parseIPv6(s: string, sloppy: boolean): boolean {
  if (s.length === 0) return false;
  let groups = 0;
  let ellipsis = false;
  let rest = s;
  if (rest.startsWith("::")) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === "") return true;
  }
  while (rest.length > 0) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return false;
    // An IPv4 tail takes the last two groups.
    if (rest.length > m[0].length && rest[m[0].length] === ".") {
      if ((!ellipsis && groups !== 6) || groups > 6 || !parseIPv4(rest, sloppy)) return false;
      groups += 2;
      rest = "";
      break;
    }
    groups++;
    rest = rest.slice(m[0].length);
    if (rest === "") break;
    if (rest[0] !== ":" || rest.length === 1) return false;
    rest = rest.slice(1);
    if (rest[0] === ":") {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(1);
      if (rest === "") break;
    }
    if (groups > 8) return false;
  }
  return ellipsis ? groups < 8 : groups === 8;
}

function isIP(s: string, sloppy: boolean): boolean {
  return s.includes(":") ? parseIPv6(s, sloppy) : parseIPv4(s, sloppy);
}

/** netutils.ParseCIDRSloppy. */
function isCIDR(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const ip = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  if (!isIP(ip, true) || !/^\d+$/.test(mask)) return false;
  return Number(mask) <= (ip.includes(":") ? 128 : 32);
}

/** Go's `net.ParseMAC`: 6, 8 or 20 octets separated by `:` or `-`, or dotted groups of four hex digits. */
function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  const sizes = new Set([6, 8, 20]);
  if (s[2] === ":" || s[2] === "-") {
    const sep = s[2];
    const octets = s.split(sep);
    return sizes.has(octets.length) && octets.every((o) => /^[0-9a-fA-F]{2}$/.test(o));
  }
  if (s[4] === ".") {
    const groups = s.split(".");
    return sizes.has(groups.length * 2) && groups.every((g) => /^[0-9a-fA-F]{4}$/.test(g));
  }
  return false;
}

/** Whether `s` has an ASCII control character (Go's url parser rejects them). */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Go's `url.ParseRequestURI`: an absolute URI or an absolute path, without control characters or bad escapes. */
function isRequestURI(s: string): boolean {
  if (s === "" || hasControlCharacter(s)) return false;
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return false;
  let rest = s;
  let scheme = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c) && i > 0) continue;
    if (c === ":") {
      if (i === 0) return false; // missing protocol scheme
      scheme = s.slice(0, i);
      rest = s.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  if (scheme === "") return rest.startsWith("/");
  if (!rest.startsWith("/")) return true; // opaque, e.g. mailto:x
  if (!rest.startsWith("//")) return true;
  const authEnd = rest.indexOf("/", 2);
  const authority = rest.slice(2, authEnd < 0 ? undefined : authEnd);
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return false;
    const port = host.slice(close + 1);
    return port === "" || /^:\d*$/.test(port);
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) return false;
  return !/[\s<>"{}|\\^`]/.test(host);
}

// RFC 5322 atext, plus the non-ASCII runes Go's net/mail accepts.
const ATOM = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\u0080-\\uffff]+";
const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const ADDR_SPEC = `(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|\\[[^\\[\\]\\\\]*\\])`;
const EMAIL = new RegExp(`^\\s*(?:${ADDR_SPEC}|(?:${QUOTED}|${ATOM}(?:\\s+${ATOM})*)?\\s*<${ADDR_SPEC}>)\\s*$`);

/** net/mail.ParseAddress, for the common forms: `a@b.c` and `Name <a@b.c>`. */
function isEmail(s: string): boolean {
  return s.length <= 320 && EMAIL.test(s);
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCreditCard(s: string): boolean {
  const digits = s.replace(/[^0-9]+/g, "");
  return CREDITCARD.test(digits) && luhn(digits);
}

function isISBN10(s: string): boolean {
  const v = s.replace(/[\s-]+/g, "");
  if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * Number(v[i]);
  sum += v[9] === "X" ? 100 : 10 * Number(v[9]);
  return sum % 11 === 0;
}

function isISBN13(s: string): boolean {
  const v = s.replace(/[\s-]+/g, "");
  if (!/^[0-9]{13}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(v[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(v[12]);
}

/** The registry, keyed by normalized name (dashes removed, as strfmt normalizes). */
const FORMATS: ReadonlyMap<string, Check> = new Map<string, Check>([
  ["bsonobjectid", (s) => /^[0-9a-fA-F]{24}$/.test(s)],
  ["uri", isRequestURI],
  ["email", isEmail],
  ["hostname", isHostname],
  ["ipv4", (s) => s.includes(".") && isIP(s, true)],
  ["ipv6", (s) => s.includes(":") && isIP(s, false)],
  ["cidr", isCIDR],
  ["mac", isMAC],
  ["uuid", UUID],
  ["uuid3", UUID3],
  ["uuid4", UUID4],
  ["uuid5", UUID5],
  ["isbn", (s) => isISBN10(s) || isISBN13(s)],
  ["isbn10", isISBN10],
  ["isbn13", isISBN13],
  ["creditcard", isCreditCard],
  ["ssn", (s) => SSN.test(s)],
  ["hexcolor", (s) => HEXCOLOR.test(s)],
  ["rgbcolor", (s) => RGBCOLOR.test(s)],
  ["byte", (s) => BASE64.test(s)],
  ["password", () => true],
  ["date", isDate],
  ["duration", isDuration],
  ["datetime", isDateTime],
]);

/**
 * The checker of a schema `format` a CRD validates, or undefined when
 * upstream ignores the format (unknown or stripped: `int32`, `double`, …).
 */
export function formatChecker(format: string | undefined): ((value: string) => boolean) | undefined {
  if (format === undefined || format === "") return undefined;
  return FORMATS.get(format.replaceAll("-", ""));
}

/** Whether a CRD validates values of this format at all. */
export function isSupportedFormat(format: string | undefined): boolean {
  return formatChecker(format) !== undefined;
}
