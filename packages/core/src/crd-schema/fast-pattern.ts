/**
 * A fast path for simple RE2 patterns: a JavaScript RegExp whose matches
 * provably coincide with RE2's (Go syntax, Perl flags, unanchored search),
 * and whose backtracking stays small. Anything outside the accepted subset
 * gets no fast path (RE2 is used), so the subset is deliberately narrow:
 *
 * - anchored with `^` at the very start (`$` only at the very end);
 * - literals: ASCII letters, digits and a few punctuation marks that are
 *   literal in both dialects; escaped punctuation;
 * - `.` as `[^\n]` (RE2 without `s` excludes only `\n`, JavaScript also
 *   `\r`, U+2028, U+2029); `\d`, `\w`, `\s` as their ASCII sets (JavaScript's
 *   `\s` is Unicode); no other escapes (`\b`, `\pL`, `\Q`, `\z`…);
 * - bracket classes of those literals and ranges (no `[:alpha:]`, no `]`
 *   first); `u` mode makes both match code points and rejects ambiguous syntax;
 * - groups without flags or names and not nested; a group takes only `?`;
 *   `|` only inside a group; no lazy quantifiers;
 * - at most two repeating quantifiers (`*`, `+`, `{n,m}`) and two optional
 *   groups, and only for strings of at most {@link MAX_FAST_LENGTH} UTF-16
 *   units: the backtracking is then polynomial and bounded (RE2's linear
 *   guarantee is what protects the server from hostile patterns).
 * @module
 */

/** Longest string the fast path takes. */
export const MAX_FAST_LENGTH = 512;

const LITERAL = /[A-Za-z0-9_:/@,=!%&~'"<># ;-]/;
const ESCAPABLE = new Set([..."\\.^$|?*+()[]{}/-"]);
const PERL: Record<string, string> = { d: "0-9", w: "0-9A-Za-z_", s: "\\t\\n\\f\\r " };

/** The equivalent RegExp of an RE2 `pattern`, or undefined when it has none (per the rules above). */
export function fastRegExp(pattern: string): RegExp | undefined {
  if (!pattern.startsWith("^")) return undefined;
  let out = "^";
  let i = 1;
  let depth = 0;
  let repeats = 0;
  let optionalGroups = 0;
  let atom = false; // whether the previous token can take a quantifier
  let branchEmpty = true; // whether the current alternative has no term yet
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === "$") {
      if (i !== n - 1 || depth !== 0) return undefined;
      out += "$";
      i++;
      atom = false;
      continue;
    }
    if (c === "(") {
      if (depth !== 0 || pattern[i + 1] === "?") return undefined;
      depth = 1;
      out += "(?:";
      i++;
      atom = false;
      branchEmpty = true;
      continue;
    }
    if (c === ")") {
      if (depth !== 1 || branchEmpty) return undefined;
      depth = 0;
      out += ")";
      i++;
      atom = false;
      branchEmpty = false;
      const q = pattern[i];
      if (q === "?") {
        if (pattern[i + 1] === "?") return undefined;
        optionalGroups++;
        out += "?";
        i++;
      } else if (q === "*" || q === "+" || q === "{") {
        return undefined;
      }
      continue;
    }
    if (c === "|") {
      if (depth !== 1 || branchEmpty) return undefined;
      out += "|";
      i++;
      atom = false;
      branchEmpty = true;
      continue;
    }
    if (c === "*" || c === "+" || c === "?" || c === "{") {
      if (!atom) return undefined;
      let q = c;
      if (c === "{") {
        const m = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(pattern.slice(i));
        if (!m) return undefined;
        q = m[0];
        const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
        if (max > 1) repeats++;
      } else if (c !== "?") {
        repeats++;
      }
      i += q.length;
      const next = pattern[i];
      if (next === "?" || next === "*" || next === "+" || next === "{") return undefined;
      out += q;
      atom = false;
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      let cls = "[";
      if (pattern[j] === "^") {
        cls += "^";
        j++;
      }
      if (pattern[j] === "]") return undefined;
      for (;;) {
        if (j >= n) return undefined;
        const d = pattern[j];
        if (d === "]") break;
        if (d === "[") return undefined;
        if (d === "\\") {
          const e = pattern[j + 1];
          // `[\d-z]` must not become the range `9-z`.
          if (e !== undefined && Object.hasOwn(PERL, e) && pattern[j - 1] !== "-" && pattern[j + 2] !== "-") cls += PERL[e];
          else if (e !== undefined && ESCAPABLE.has(e)) cls += `\\${e}`;
          else return undefined;
          j += 2;
          continue;
        }
        if (!LITERAL.test(d) && d !== "." && d !== "^" && d !== "$" && d !== "|" && d !== "*" && d !== "+" && d !== "?" && d !== "(" && d !== ")") return undefined;
        // Metacharacters are literal inside a class in both dialects; escape them for `u` mode.
        cls += LITERAL.test(d) ? d : `\\${d}`;
        j++;
      }
      out += `${cls}]`;
      i = j + 1;
      atom = true;
      branchEmpty = false;
      continue;
    }
    if (c === "\\") {
      const e = pattern[i + 1];
      if (e !== undefined && Object.hasOwn(PERL, e)) out += `[${PERL[e]}]`;
      else if (e === "-") out += "-";
      else if (e !== undefined && ESCAPABLE.has(e)) out += `\\${e}`;
      else return undefined;
      i += 2;
      atom = true;
      branchEmpty = false;
      continue;
    }
    if (c === ".") {
      out += "[^\\n]";
      i++;
      atom = true;
      branchEmpty = false;
      continue;
    }
    if (!LITERAL.test(c)) return undefined;
    out += c;
    i++;
    atom = true;
      branchEmpty = false;
  }
  if (depth !== 0 || repeats > 2 || optionalGroups > 2) return undefined;
  try {
    return new RegExp(out, "u");
  } catch {
    return undefined;
  }
}

/**
 * `X` when an RE2 `pattern` is `^X$` with both anchors at the top level (no
 * top-level `|`, the `$` not escaped): a search for `^X$` then succeeds
 * exactly when `(?:X)` matches the whole input, which RE2JS's `matches`
 * decides several times faster than `test` resolves the anchors. Undefined
 * otherwise (also for `\Q…\E`, whose quoting the scan does not follow).
 */
export function anchoredBody(pattern: string): string | undefined {
  const n = pattern.length;
  if (n < 2 || pattern[0] !== "^" || pattern[n - 1] !== "$" || pattern.includes("\\Q")) return undefined;
  const body = pattern.slice(1, n - 1);
  let depth = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === "\\") {
      // An escape takes the next character: `\$` at the end leaves the `$` escaped.
      if (i + 1 >= body.length) return undefined;
      i += 2;
    } else if (c === "[") {
      let j = i + 1;
      if (body[j] === "^") j++;
      if (body[j] === "]") j++;
      for (;;) {
        if (j >= body.length) return undefined;
        const d = body[j];
        if (d === "]") break;
        if (d === "\\") j += 2;
        else if (d === "[" && body[j + 1] === ":") {
          const end = body.indexOf(":]", j + 2);
          if (end < 0) return undefined;
          j = end + 2;
        } else j++;
      }
      i = j + 1;
    } else {
      if (c === "(") depth++;
      else if (c === ")") depth--;
      else if (c === "|" && depth === 0) return undefined;
      if (depth < 0) return undefined;
      i++;
    }
  }
  return depth === 0 ? body : undefined;
}
