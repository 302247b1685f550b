import { describe, expect, it } from 'vitest';
import { buildRows, diffSections, foldId, sectionInputs, type Row } from '../../renderer/features/diff/diff-model.ts';
import { diffLineArrays, splitLines, type Op } from '../../renderer/features/diff/line-diff.ts';
import { pairLines } from '../../renderer/features/diff/pair-lines.ts';
import { visible, wordParts } from '../../renderer/features/diff/word-diff.ts';

/** Replays ops: the old side must give back a, the new side b, line for line. */
function replay(ops: Op[], a: string[], b: string[]): { a: string[]; b: string[] } {
  const outA: string[] = [];
  const outB: string[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op.kind !== 'insert') expect(op.a).toBe(i);
    if (op.kind !== 'delete') expect(op.b).toBe(j);
    for (let k = 0; k < op.n; k++) {
      if (op.kind === 'equal') {
        expect(a[i]).toBe(b[j]);
        outA.push(a[i++] as string);
        outB.push(b[j++] as string);
      } else if (op.kind === 'delete') outA.push(a[i++] as string);
      else outB.push(b[j++] as string);
    }
  }
  return { a: outA, b: outB };
}

function lines(n: number, f: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

describe('line diff', () => {
  it('splits lines; a final line break does not make an empty last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
  });

  it('finds a changed line among equal ones', () => {
    const a = ['one', 'two', 'three', 'four'];
    const b = ['one', 'TWO', 'three', 'four', 'five'];
    const ops = diffLineArrays(a, b);
    expect(ops).toEqual([
      { kind: 'equal', a: 0, b: 0, n: 1 },
      { kind: 'delete', a: 1, b: 1, n: 1 },
      { kind: 'insert', a: 2, b: 1, n: 1 },
      { kind: 'equal', a: 2, b: 2, n: 2 },
      { kind: 'insert', a: 4, b: 4, n: 1 },
    ]);
    expect(replay(ops, a, b)).toEqual({ a, b });
  });

  it('reproduces both sides exactly for texts full of diff syntax, repeats and markup', () => {
    const a = ['--- a/x', '+++ b/x', '@@ -1 +1 @@', '}', '}', '\\ No newline at end of file', '<script>1</script>', 'x\ry', '}'];
    const b = ['}', '--- a/x', '@@ -1 +1 @@', '}', '+++ b/x', 'x\ry', '</div>&lt;', '}', '}'];
    expect(replay(diffLineArrays(a, b), a, b)).toEqual({ a, b });
  });

  // Speed is measured by test/bench/diff-browser.ts, not here; these check exactness on inputs
  // where unanchored Myers would search for minutes (the timeout guards against that path).
  it('is exact on 1 MB sources with every third line changed', { timeout: 30_000 }, () => {
    const a = lines(30_000, (i) => `  const value${i} = compute(${i}, "xxxxxxxxxxxxxxxxxxxx");`);
    const b = a.map((l, i) => (i % 3 === 0 ? `${l} // changed` : l));
    const ops = diffLineArrays(a, b);
    expect(replay(ops, a, b)).toEqual({ a, b });
    expect(ops.filter((o) => o.kind === 'delete').reduce((n, o) => n + o.n, 0)).toBe(10_000);
  });

  it('calls two unrelated large texts replaced instead of searching for half a minute', { timeout: 30_000 }, () => {
    const a = lines(20_000, (i) => `alpha ${i % 7}`);
    const b = lines(20_000, (i) => `beta ${i % 5}`);
    const ops = diffLineArrays(a, b);
    expect(replay(ops, a, b)).toEqual({ a, b });
    expect(ops.some((o) => o.kind === 'equal')).toBe(false);
  });
});

describe('diff rows', () => {
  const code = (n: number, changeAt: number[]): string =>
    lines(n, (i) => (changeAt.includes(i) ? `line ${i} CHANGED` : `line ${i}`)).join('\n') + '\n';

  it('folds unchanged regions beyond three lines of context, and unfolds one on request', () => {
    const [sec] = diffSections([{ name: 'code', old: code(100, []), new: code(100, [50]) }]);
    const { rows, changes } = buildRows([sec!], { mode: 'side' });
    const kinds = rows.map((r) => (r.t === 'pair' ? r.kind : r.t));
    expect(kinds).toEqual(['fold', 'equal', 'equal', 'equal', 'change', 'equal', 'equal', 'equal', 'fold']);
    expect(rows[0]).toEqual({ t: 'fold', s: 0, a: 0, b: 0, n: 47 });
    expect(changes).toEqual([4]);
    const open = buildRows([sec!], { mode: 'side', expanded: new Set([foldId(0, 0)]) });
    expect(open.rows.filter((r) => r.t === 'fold')).toHaveLength(1);
    expect(open.rows).toHaveLength(rows.length - 1 + 47);
    const all = buildRows([sec!], { mode: 'side', context: Number.MAX_SAFE_INTEGER });
    expect(all.rows).toHaveLength(100);
  });

  it('pairs deleted and inserted lines side by side, and lists them one after the other inline', () => {
    const [sec] = diffSections([{ name: 'v', old: 'a\nb\nc\n', new: 'a\nB\nB2\nc\n' }]);
    const side = buildRows([sec!], { mode: 'side' }).rows as Extract<Row, { t: 'pair' }>[];
    expect(side.map((r) => [r.kind, r.a, r.b])).toEqual([
      ['equal', 0, 0],
      ['change', 1, 1],
      ['insert', null, 2],
      ['equal', 2, 3],
    ]);
    const inline = buildRows([sec!], { mode: 'inline' }).rows as Extract<Row, { t: 'line' }>[];
    expect(inline.map((r) => [r.kind, r.a, r.b, r.mate])).toEqual([
      ['equal', 0, 0, null],
      ['delete', 1, null, 1],
      ['insert', null, 1, 1],
      ['insert', null, 2, null],
      ['equal', 2, 3, null],
    ]);
  });

  it('compares records field by field, in sorted order, and lists unchanged fields', () => {
    const inputs = sectionInputs({ name: 'x', code: 'a\nb\n', cron: '* * * * *' }, { code: 'a\nc\n', cron: '* * * * *', name: 'x' });
    expect(inputs.map((i) => i.name)).toEqual(['code', 'cron', 'name']);
    const sections = diffSections(inputs);
    expect(sections.map((s) => [s.name, s.same, s.added, s.removed])).toEqual([
      ['code', false, 1, 1],
      ['cron', true, 0, 0],
      ['name', true, 0, 0],
    ]);
    const { rows } = buildRows(sections, { mode: 'side' });
    expect(rows[0]).toEqual({ t: 'section', s: 0 });
    expect(rows[rows.length - 1]).toEqual({ t: 'same', names: ['cron', 'name'] });
  });

  it('does not report moved JSON keys as changes', () => {
    const sections = diffSections([{ name: 'detail', old: '{"a":1,"b":{"c":2,"d":3}}', new: '{"b":{"d":3,"c":2},"a":1}' }]);
    expect(sections[0]?.same).toBe(true);
  });

  it('says so when only the final line break differs', () => {
    const [sec] = diffSections([{ name: 'v', old: 'a\nb', new: 'a\nb\n' }]);
    expect(sec?.same).toBe(false);
    expect(sec?.note).toMatch(/line break/);
  });

  it('treats a value that appears or disappears as all added or all removed', () => {
    const [sec] = diffSections([{ name: 'v', old: undefined, new: 'x\ny' }]);
    expect([sec?.added, sec?.removed, sec?.kindA, sec?.kindB]).toEqual([2, 0, 'none', 'text']);
  });
});

describe('word highlights', () => {
  it('marks the changed words of a paired line', () => {
    const p = wordParts('const url = "https://erp.example/v1";', 'const url = "https://erp.example/v2";');
    expect(p?.a.filter((x) => x.changed).map((x) => x.text)).toEqual(['v1']);
    expect(p?.b.filter((x) => x.changed).map((x) => x.text)).toEqual(['v2']);
    expect(p?.a.map((x) => x.text).join('')).toBe('const url = "https://erp.example/v1";');
  });

  it('leaves lines that changed almost entirely, or are very long, to the line colour', () => {
    expect(wordParts('alpha beta gamma', 'one two three')).toBeNull();
    expect(wordParts('x'.repeat(5000), 'y'.repeat(5000))).toBeNull();
  });

  it('shows control characters instead of hiding them', () => {
    expect(visible('a\rb\u001bc\td')).toBe('a\u240db\u241bc\td');
  });
});

describe('pairing replaced lines', () => {
  it('puts an edited line next to the line it replaced, not next to an added one', () => {
    const a = ['  await fetch("https://paste.example.net/u/8f3k", {'];
    const b = ['  // telemetry', '  const t = Buffer.from("aHR0cHM6", "base64").toString();', '  await fetch(t, {'];
    expect(pairLines([0], [0, 1, 2], a, b)).toEqual([
      [null, 0],
      [null, 1],
      [0, 2],
    ]);
  });

  it('shares rows by position between matches, and falls back to position for huge changes', () => {
    const a = ['alpha', 'xxxx', 'return value;'];
    const b = ['zzzz', 'return value + 1;'];
    expect(pairLines([0, 1, 2], [0, 1], a, b)).toEqual([
      [0, 0],
      [1, null],
      [2, 1],
    ]);
    const many = Array.from({ length: 100 }, (_, i) => i);
    expect(pairLines(many, many, many.map(String), many.map(String))).toHaveLength(100);
  });

  it('gives an edited line its mate inline as well', () => {
    const [sec] = diffSections([{ name: 'v', old: 'a\nkeep this line\nz\n', new: 'a\nnew line\nkeep this line!\nz\n' }]);
    const inline = buildRows([sec!], { mode: 'inline' }).rows as Extract<Row, { t: 'line' }>[];
    expect(inline.map((r) => [r.kind, r.a, r.b, r.mate])).toEqual([
      ['equal', 0, 0, null],
      ['delete', 1, null, 2],
      ['insert', null, 1, null],
      ['insert', null, 2, 1],
      ['equal', 2, 3, null],
    ]);
  });
});
