import { diffArrays } from 'diff';

/**
 * Line diff that stays fast on large, very different texts. jsdiff's Myers diff costs
 * (lines × edits): two 1 MB sources with every third line changed take seconds, two unrelated ones
 * half a minute. So, like git's patience diff, lines that occur exactly once on both sides anchor
 * the texts (longest increasing run of them), and Myers (jsdiff) only runs between anchors, where
 * regions are small; a region too large and too different for it is shown as replaced.
 */

export type OpKind = 'equal' | 'delete' | 'insert';

/** `n` lines starting at line `a` of the old text and `b` of the new (0-based). */
export interface Op {
  kind: OpKind;
  a: number;
  b: number;
  n: number;
}

/** Lines of a text; a final line break ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Myers between anchors gives up past this much work ((lines) × (edits)) and calls the region replaced. */
const MYERS_BUDGET = 20_000_000;
/** Deeper than this, the anchoring recursion stops looking for anchors. */
const MAX_DEPTH = 48;

class OpList {
  readonly ops: Op[] = [];
  push(kind: OpKind, a: number, b: number, n: number): void {
    if (n <= 0) return;
    const last = this.ops[this.ops.length - 1];
    if (last && last.kind === kind && last.a + (kind === 'insert' ? 0 : last.n) === a && last.b + (kind === 'delete' ? 0 : last.n) === b) {
      last.n += n;
      return;
    }
    this.ops.push({ kind, a, b, n });
  }
}

export function diffLineArrays(a: readonly string[], b: readonly string[]): Op[] {
  const out = new OpList();
  region(a, b, 0, a.length, 0, b.length, out, 0);
  return out.ops;
}

function region(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, out: OpList, depth: number): void {
  // Common prefix and suffix first: the usual case (a few edits in a long text) ends here.
  let pre = 0;
  while (a0 + pre < a1 && b0 + pre < b1 && a[a0 + pre] === b[b0 + pre]) pre++;
  let suf = 0;
  while (a1 - suf > a0 + pre && b1 - suf > b0 + pre && a[a1 - suf - 1] === b[b1 - suf - 1]) suf++;
  out.push('equal', a0, b0, pre);
  const [ma0, ma1, mb0, mb1] = [a0 + pre, a1 - suf, b0 + pre, b1 - suf];
  middle(a, b, ma0, ma1, mb0, mb1, out, depth);
  out.push('equal', ma1, mb1, suf);
}

function middle(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, out: OpList, depth: number): void {
  if (a0 === a1 || b0 === b1) {
    out.push('delete', a0, b0, a1 - a0);
    out.push('insert', a1, b0, b1 - b0);
    return;
  }
  const anchors = depth < MAX_DEPTH ? uniqueAnchors(a, b, a0, a1, b0, b1) : [];
  if (anchors.length === 0) {
    myers(a, b, a0, a1, b0, b1, out);
    return;
  }
  let pa = a0;
  let pb = b0;
  for (const [ia, ib] of anchors) {
    region(a, b, pa, ia, pb, ib, out, depth + 1);
    out.push('equal', ia, ib, 1);
    pa = ia + 1;
    pb = ib + 1;
  }
  region(a, b, pa, a1, pb, b1, out, depth + 1);
}

/** Lines found exactly once in each range, paired, then the longest run in order on both sides. */
function uniqueAnchors(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const seen = new Map<string, { ca: number; cb: number; ia: number; ib: number }>();
  for (let i = a0; i < a1; i++) {
    const line = a[i] as string;
    const s = seen.get(line);
    if (s) s.ca++;
    else seen.set(line, { ca: 1, cb: 0, ia: i, ib: -1 });
  }
  for (let j = b0; j < b1; j++) {
    const s = seen.get(b[j] as string);
    if (s) {
      s.cb++;
      s.ib = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const s of seen.values()) if (s.ca === 1 && s.cb === 1) pairs.push([s.ia, s.ib]);
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** Patience sorting: the longest subsequence of pairs whose second members increase. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const v = (pairs[i] as [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k >= 0; k = prev[k] as number) out.push(pairs[k] as [number, number]);
  return out.reverse();
}

function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, out: OpList): void {
  const n = a1 - a0 + (b1 - b0);
  const changes = diffArrays(a.slice(a0, a1), b.slice(b0, b1), { maxEditLength: Math.max(64, Math.floor(MYERS_BUDGET / n)) });
  if (!changes) {
    out.push('delete', a0, b0, a1 - a0);
    out.push('insert', a1, b0, b1 - b0);
    return;
  }
  let i = a0;
  let j = b0;
  for (const c of changes) {
    const count = c.count ?? c.value.length;
    if (c.added) {
      out.push('insert', i, j, count);
      j += count;
    } else if (c.removed) {
      out.push('delete', i, j, count);
      i += count;
    } else {
      out.push('equal', i, j, count);
      i += count;
      j += count;
    }
  }
}
