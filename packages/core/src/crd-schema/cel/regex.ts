/**
 * The Kubernetes regex library (`string.find`, `string.findAll`) on RE2.
 * @bufbuild/re2 only answers whether a pattern matches, so match positions
 * come from a small Pike VM over its compiled program: linear in the input,
 * leftmost-first like Go's `regexp`, and stepping by code point so offsets
 * are UTF-16 indices on code point boundaries. Each search charges the active
 * budget a tenth of the thread steps it took, so repeated searches
 * (`findAll` with a pattern whose threads outlive each match, which is
 * quadratic in Go too) stay bounded by the cost budget.
 * @module
 */
import { RE2JS } from "@bufbuild/re2";
import { charge } from "./budget.js";

// Instruction opcodes of @bufbuild/re2's program (Inst.ts).
const ALT = 1;
const ALT_MATCH = 2;
const CAPTURE = 3;
const EMPTY_WIDTH = 4;
const MATCH = 6;
const NOP = 7;
const RUNE_ANY = 10;
const RUNE_ANY_NOT_NL = 11;

// Empty-width assertion flags (Utils.ts).
const BEGIN_LINE = 1;
const END_LINE = 2;
const BEGIN_TEXT = 4;
const END_TEXT = 8;
const WORD_BOUNDARY = 16;
const NO_WORD_BOUNDARY = 32;

interface Inst {
  op: number;
  out: number;
  arg: number;
  matchRune(r: number): boolean;
}

interface Prog {
  inst: Inst[];
  start: number;
}

const patterns = new Map<string, RE2JS>();

/** Compiles `pattern` with RE2, caching (bounded) compiled programs; throws on syntax errors. */
export function compilePattern(pattern: string): RE2JS {
  let re = patterns.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    if (patterns.size >= 1000) patterns.clear();
    patterns.set(pattern, re);
  }
  return re;
}

const isWord = (r: number) => (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;

function context(r1: number, r2: number): number {
  let flag = 0;
  if (r1 < 0) flag |= BEGIN_TEXT | BEGIN_LINE;
  if (r1 === 0x0a) flag |= BEGIN_LINE;
  if (r2 < 0) flag |= END_TEXT | END_LINE;
  if (r2 === 0x0a) flag |= END_LINE;
  flag |= isWord(r1) !== isWord(r2) ? WORD_BOUNDARY : NO_WORD_BOUNDARY;
  return flag;
}

const runeAt = (s: string, i: number): number => (i < s.length ? (s.codePointAt(i) as number) : -1);
const width = (r: number): number => (r > 0xffff ? 2 : 1);

/** The previous code point before UTF-16 index `i`, or -1 at the start. */
function runeBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return s.codePointAt(i - 2) as number;
  }
  return c;
}

/** Whether a queued (rune-consuming or failing) instruction accepts `r`. */
function step(inst: Inst, r: number): boolean {
  if (inst.op === RUNE_ANY) return true;
  if (inst.op === RUNE_ANY_NOT_NL) return r !== 0x0a;
  return inst.op >= 8 && inst.matchRune(r);
}

interface Thread {
  pc: number;
  start: number;
}

/** The leftmost-first match of `prog` in `s` at or after `from`, as [start, end), or undefined. */
function search(prog: Prog, s: string, from: number): [number, number] | undefined {
  let clist: Thread[] = [];
  let seen = new Set<number>();
  const add = (list: Thread[], visited: Set<number>, pc: number, start: number, flag: number): void => {
    if (visited.has(pc)) return;
    visited.add(pc);
    const inst = prog.inst[pc];
    switch (inst.op) {
      case ALT:
      case ALT_MATCH:
        add(list, visited, inst.out, start, flag);
        add(list, visited, inst.arg, start, flag);
        return;
      case NOP:
      case CAPTURE:
        add(list, visited, inst.out, start, flag);
        return;
      case EMPTY_WIDTH:
        if ((inst.arg & ~flag) === 0) add(list, visited, inst.out, start, flag);
        return;
      default:
        list.push({ pc, start });
    }
  };
  let match: [number, number] | undefined;
  let steps = 0;
  let pos = from;
  let r1 = runeBefore(s, pos);
  for (;;) {
    const r2 = runeAt(s, pos);
    if (match === undefined) add(clist, seen, prog.start, pos, context(r1, r2));
    if (clist.length === 0 && match !== undefined) break;
    const next = pos + (r2 < 0 ? 0 : width(r2));
    const nextFlag = context(r2, runeAt(s, next));
    const nlist: Thread[] = [];
    const nseen = new Set<number>();
    steps += clist.length;
    for (const t of clist) {
      const inst = prog.inst[t.pc];
      if (inst.op === MATCH) {
        match = [t.start, pos];
        break; // lower-priority threads are cut off
      }
      if (r2 >= 0 && step(inst, r2)) add(nlist, nseen, inst.out, t.start, nextFlag);
    }
    if (r2 < 0) break;
    clist = nlist;
    seen = nseen;
    r1 = r2;
    pos = next;
  }
  charge(steps / 10);
  return match;
}

function program(re: RE2JS): Prog {
  return (re.re2() as unknown as { prog: Prog }).prog;
}

/** Go's `FindString`: the first match, or "" when there is none. */
export function findString(re: RE2JS, s: string): string {
  const m = search(program(re), s, 0);
  return m === undefined ? "" : s.slice(m[0], m[1]);
}

/** Go's `FindAllString(s, n)`: up to `n` successive non-overlapping matches (all when n < 0). */
export function findAllString(re: RE2JS, s: string, n: number): string[] {
  const prog = program(re);
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    const m = search(prog, s, pos);
    if (m === undefined) break;
    let accept = true;
    if (m[1] === pos) {
      // An empty match right after the previous one is skipped.
      if (m[0] === prevEnd) accept = false;
      pos += pos < s.length ? width(runeAt(s, pos)) : 1;
    } else {
      pos = m[1];
    }
    prevEnd = m[1];
    if (accept) out.push(s.slice(m[0], m[1]));
  }
  return out;
}
