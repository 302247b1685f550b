/**
 * Which deleted line a inserted line replaced, inside one change. Pairing them by position puts
 * `await fetch(url, {` next to an unrelated comment whenever a line was added above it; pairing
 * by similarity (an order-keeping alignment that maximizes it, as a reviewer would read the
 * change) puts it next to `await fetch(t, {`, and only then are word highlights meaningful.
 */

/** Lines less alike than this are not the same line edited. */
const MIN_SIMILARITY = 0.3;
/** Past this many candidate pairs the alignment costs more than it helps; lines pair by position. */
const MAX_CELLS = 4000;
/** Only the first characters are compared: enough to recognise a line, cheap on minified code. */
const MAX_COMPARED = 400;

function bigrams(s: string): Map<string, number> {
  const t = s.trim().slice(0, MAX_COMPARED);
  const m = new Map<string, number>();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character pairs: 1 for equal lines, 0 for lines with nothing in common. */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let common = 0;
  for (const v of a.values()) na += v;
  for (const [g, v] of b) {
    nb += v;
    common += Math.min(v, a.get(g) ?? 0);
  }
  return na + nb === 0 ? 1 : (2 * common) / (na + nb);
}

/** One row of a change: a deleted line, an inserted line, or both when one replaced the other. */
export type Pair = [number | null, number | null];

/**
 * Aligns the deleted lines `dels` (indexes into `a`) with the inserted lines `ins` (into `b`):
 * matched lines share a row; unmatched ones between the same matches share rows by position
 * (compact, and their own colours say they differ), the rest stand alone.
 */
export function pairLines(dels: readonly number[], ins: readonly number[], a: readonly string[], b: readonly string[]): Pair[] {
  const n = dels.length;
  const m = ins.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return byPosition(dels, ins);
  const ga = dels.map((i) => bigrams(a[i] as string));
  const gb = ins.map((j) => bigrams(b[j] as string));
  const sim = ga.map((x) => gb.map((y) => similarity(x, y)));
  // score[i][j]: best total similarity aligning the first i deleted with the first j inserted lines.
  const score = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = (sim[i - 1] as number[])[j - 1] as number;
      const row = score[i] as Float64Array;
      const up = score[i - 1] as Float64Array;
      row[j] = Math.max(up[j] as number, row[j - 1] as number, s >= MIN_SIMILARITY ? (up[j - 1] as number) + s : -1);
    }
  }
  const matches: [number, number][] = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const here = (score[i] as Float64Array)[j] as number;
    const s = (sim[i - 1] as number[])[j - 1] as number;
    if (s >= MIN_SIMILARITY && here === ((score[i - 1] as Float64Array)[j - 1] as number) + s) {
      matches.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (here === ((score[i - 1] as Float64Array)[j] as number)) i--;
    else j--;
  }
  matches.reverse();
  const out: Pair[] = [];
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...matches, [n, m] as [number, number]]) {
    out.push(...byPosition(dels.slice(pi, i), ins.slice(pj, j)));
    if (i < n && j < m) out.push([dels[i] as number, ins[j] as number]);
    pi = i + 1;
    pj = j + 1;
  }
  return out;
}

function byPosition(dels: readonly number[], ins: readonly number[]): Pair[] {
  return Array.from({ length: Math.max(dels.length, ins.length) }, (_, k): Pair => [dels[k] ?? null, ins[k] ?? null]);
}
