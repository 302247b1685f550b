import { diffLineArrays, splitLines, type Op } from './line-diff.ts';
import { pairLines } from './pair-lines.ts';
import { toDiffText, type DiffTextKind } from './stable-json.ts';

/**
 * The pure half of the diff view: values → texts → line operations → the rows a virtual list
 * shows (section headers, lines side by side or inline, folded unchanged regions). Nothing here
 * touches the DOM; everything on screen is React text built from these rows.
 */

/** One compared field (or the whole value, when it is not a record). */
export interface SectionInput {
  name: string;
  old: unknown;
  new: unknown;
}

export interface SectionText {
  name: string;
  a: string;
  b: string;
  kindA: DiffTextKind;
  kindB: DiffTextKind;
}

export interface Section extends SectionText {
  aLines: string[];
  bLines: string[];
  ops: Op[];
  added: number;
  removed: number;
  /** True when both sides print the same. */
  same: boolean;
  /** Set when the lines are equal but the texts are not (only the final line break differs). */
  note?: string;
}

export type DiffMode = 'side' | 'inline';

export type Row =
  | { t: 'section'; s: number }
  | { t: 'same'; names: string[] }
  | { t: 'note'; s: number; text: string }
  | { t: 'fold'; s: number; a: number; b: number; n: number }
  /** Side by side: a line index on each side (null for a blank cell); `change` pairs a deleted and an inserted line. */
  | { t: 'pair'; s: number; kind: 'equal' | 'change' | 'delete' | 'insert'; a: number | null; b: number | null }
  /** Inline: one line; `mate` is the paired line on the other side, for word highlights. */
  | { t: 'line'; s: number; kind: 'equal' | 'delete' | 'insert'; a: number | null; b: number | null; mate: number | null };

export const DEFAULT_CONTEXT = 3;
/** Fewer hidden lines than this are shown rather than folded: a fold row would save almost nothing. */
const MIN_FOLD = 4;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What to compare for two values: records field by field (sorted field names, so order does not
 * matter), anything else as one section.
 */
export function sectionInputs(a: unknown, b: unknown, name = 'value'): SectionInput[] {
  if (isRecord(a) && isRecord(b)) {
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return names.map((n) => ({ name: n, old: a[n], new: b[n] }));
  }
  return [{ name, old: a, new: b }];
}

export function sectionTexts(inputs: readonly SectionInput[]): SectionText[] {
  return inputs.map((i) => {
    const a = toDiffText(i.old);
    const b = toDiffText(i.new);
    return { name: i.name, a: a.text, b: b.text, kindA: a.kind, kindB: b.kind };
  });
}

/** Builds a section from its texts and line operations (computed here, or in the worker). */
export function toSection(t: SectionText, ops?: Op[]): Section {
  const aLines = splitLines(t.a);
  const bLines = splitLines(t.b);
  const same = t.a === t.b;
  const lineOps = same ? [{ kind: 'equal' as const, a: 0, b: 0, n: aLines.length }] : (ops ?? diffLineArrays(aLines, bLines));
  let added = 0;
  let removed = 0;
  for (const op of lineOps) {
    if (op.kind === 'insert') added += op.n;
    else if (op.kind === 'delete') removed += op.n;
  }
  const note = !same && added === 0 && removed === 0 ? 'Only the line break at the end differs.' : undefined;
  return { ...t, aLines, bLines, ops: lineOps, added, removed, same, ...(note ? { note } : {}) };
}

export function diffSections(inputs: readonly SectionInput[]): Section[] {
  return sectionTexts(inputs).map((t) => toSection(t));
}

export interface RowOptions {
  mode: DiffMode;
  context?: number;
  /** Folds the user opened, by `foldId`. */
  expanded?: ReadonlySet<string>;
  /** Show a header row per section even when there is only one. */
  headers?: boolean;
}

export function foldId(s: number, a: number): string {
  return `${s}:${a}`;
}

export interface Rows {
  rows: Row[];
  /** Row index of the first row of every change, for "next change". */
  changes: number[];
}

export function buildRows(sections: readonly Section[], opts: RowOptions): Rows {
  const context = opts.context ?? DEFAULT_CONTEXT;
  const rows: Row[] = [];
  const changes: number[] = [];
  const showHeaders = opts.headers ?? sections.length > 1;
  sections.forEach((sec, s) => {
    if (sec.same) return;
    if (showHeaders) rows.push({ t: 'section', s });
    if (sec.note) rows.push({ t: 'note', s, text: sec.note });
    const firstChange = sec.ops.findIndex((o) => o.kind !== 'equal');
    let lastChange = -1;
    sec.ops.forEach((o, i) => {
      if (o.kind !== 'equal') lastChange = i;
    });
    let i = 0;
    while (i < sec.ops.length) {
      const op = sec.ops[i] as Op;
      if (op.kind === 'equal') {
        equalRows(rows, s, op, i < firstChange || firstChange < 0 ? 0 : context, i > lastChange ? 0 : context, opts);
        i++;
        continue;
      }
      // A change: every delete and insert up to the next equal run, paired line by line.
      const dels: number[] = [];
      const ins: number[] = [];
      while (i < sec.ops.length && (sec.ops[i] as Op).kind !== 'equal') {
        const c = sec.ops[i] as Op;
        for (let k = 0; k < c.n; k++) (c.kind === 'delete' ? dels : ins).push(c.kind === 'delete' ? c.a + k : c.b + k);
        i++;
      }
      changes.push(rows.length);
      changeRows(rows, s, sec, dels, ins, opts.mode);
    }
  });
  const same = sections.filter((s) => s.same).map((s) => s.name);
  if (same.length > 0) rows.push({ t: 'same', names: same });
  return { rows, changes };
}

function equalRows(rows: Row[], s: number, op: Op, head: number, tail: number, opts: RowOptions): void {
  const hidden = op.n - head - tail;
  const fold = hidden >= MIN_FOLD && !opts.expanded?.has(foldId(s, op.a + head));
  const push = (k: number): void => {
    const a = op.a + k;
    const b = op.b + k;
    rows.push(opts.mode === 'side' ? { t: 'pair', s, kind: 'equal', a, b } : { t: 'line', s, kind: 'equal', a, b, mate: null });
  };
  if (!fold) {
    for (let k = 0; k < op.n; k++) push(k);
    return;
  }
  for (let k = 0; k < head; k++) push(k);
  rows.push({ t: 'fold', s, a: op.a + head, b: op.b + head, n: hidden });
  for (let k = op.n - tail; k < op.n; k++) push(k);
}

function changeRows(rows: Row[], s: number, sec: Section, dels: number[], ins: number[], mode: DiffMode): void {
  const pairs = pairLines(dels, ins, sec.aLines, sec.bLines);
  if (mode === 'side') {
    for (const [a, b] of pairs) {
      rows.push({ t: 'pair', s, kind: a !== null && b !== null ? 'change' : a !== null ? 'delete' : 'insert', a, b });
    }
    return;
  }
  // Inline, the old lines come first, then the new ones, as in a unified diff; mates keep the word highlights.
  const mateOfA = new Map<number, number>();
  const mateOfB = new Map<number, number>();
  for (const [a, b] of pairs) {
    if (a !== null && b !== null) {
      mateOfA.set(a, b);
      mateOfB.set(b, a);
    }
  }
  for (const a of dels) rows.push({ t: 'line', s, kind: 'delete', a, b: null, mate: mateOfA.get(a) ?? null });
  for (const b of ins) rows.push({ t: 'line', s, kind: 'insert', a: null, b, mate: mateOfB.get(b) ?? null });
}

/** `+12 −3` for headers and summaries. */
export function statText(added: number, removed: number): string {
  return `+${added} −${removed}`;
}

/** Sum of additions and removals over sections. */
export function totals(sections: readonly Section[]): { added: number; removed: number; changed: number } {
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const s of sections) {
    added += s.added;
    removed += s.removed;
    if (!s.same) changed++;
  }
  return { added, removed, changed };
}
