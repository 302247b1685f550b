import { Fragment, memo, useMemo, type Ref } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { formatCount } from '../../app/format.ts';
import { foldId, type Row, type Section } from './diff-model.ts';
import { MAX_SHOWN_LINE, visible, wordParts, type Part } from './word-diff.ts';

export interface DiffRowsProps {
  sections: readonly Section[];
  rows: readonly Row[];
  onExpand(id: string): void;
  /** Notes per section name (e.g. "old value inferred from the previous version"). */
  notes?: Readonly<Record<string, string>>;
  listRef?: Ref<VirtuosoHandle>;
  /** Fixed height in px; without it the list fills its (flex) parent. */
  height?: number;
}

/**
 * The diff rows in a virtual list: only what is on screen is in the DOM, so a 1 MB source with
 * thousands of changed lines scrolls like a short one. Every value is React text.
 */
export function DiffRows({ sections, rows, onExpand, notes, listRef, height }: DiffRowsProps): React.JSX.Element {
  return (
    <Virtuoso
      ref={listRef}
      className="diff-rows"
      data-testid="diff-rows"
      style={height !== undefined ? { height } : { flex: 1, minHeight: 0 }}
      data={rows}
      increaseViewportBy={400}
      computeItemKey={(i, r) => rowKey(r, i)}
      itemContent={(_i, r) => <RowView row={r} sections={sections} onExpand={onExpand} notes={notes} />}
    />
  );
}

function rowKey(r: Row, i: number): string {
  switch (r.t) {
    case 'section':
      return `s${r.s}`;
    case 'same':
      return 'same';
    case 'note':
      return `n${r.s}`;
    case 'fold':
      return `f${r.s}:${r.a}`;
    default:
      return `${r.t}${r.s}:${r.a ?? '-'}:${r.b ?? '-'}:${i}`;
  }
}

const SIGN = { equal: ' ', delete: '−', insert: '+', change: '' } as const;

interface RowViewProps {
  row: Row;
  sections: readonly Section[];
  onExpand(id: string): void;
  notes: Readonly<Record<string, string>> | undefined;
}

const RowView = memo(function RowView({ row, sections, onExpand, notes }: RowViewProps): React.JSX.Element {
  switch (row.t) {
    case 'section': {
      const sec = sections[row.s] as Section;
      const kind = sec.kindA === sec.kindB || sec.kindA === 'none' ? sec.kindB : sec.kindB === 'none' ? sec.kindA : `${sec.kindA} → ${sec.kindB}`;
      const note = notes?.[sec.name];
      return (
        <div className="diff-section" data-testid="diff-section" data-name={sec.name}>
          <span className="diff-section-name">{sec.name}</span>
          <span className="diff-kind">{kind === 'none' ? '' : kind}</span>
          <span className="diff-stat">
            <span className="added">+{formatCount(sec.added)}</span> <span className="removed">−{formatCount(sec.removed)}</span>
          </span>
          {note && <span className="diff-section-note">{note}</span>}
        </div>
      );
    }
    case 'same':
      return (
        <div className="diff-same" data-testid="diff-same">
          {row.names.length === 1 && sections.length === 1 ? 'Both sides are identical.' : `Unchanged: ${row.names.join(', ')}`}
        </div>
      );
    case 'note':
      return <div className="diff-note">{row.text}</div>;
    case 'fold':
      return (
        <button type="button" className="diff-fold" data-testid="diff-fold" onClick={() => onExpand(foldId(row.s, row.a))}>
          ⋯ {formatCount(row.n)} unchanged {row.n === 1 ? 'line' : 'lines'} (from line {formatCount(row.a + 1)}) · show
        </button>
      );
    case 'pair':
      return <PairRow row={row} sec={sections[row.s] as Section} />;
    case 'line':
      return <InlineRow row={row} sec={sections[row.s] as Section} />;
  }
});

function PairRow({ row, sec }: { row: Extract<Row, { t: 'pair' }>; sec: Section }): React.JSX.Element {
  const a = row.a !== null ? (sec.aLines[row.a] as string) : null;
  const b = row.b !== null ? (sec.bLines[row.b] as string) : null;
  const parts = useMemo(() => (row.kind === 'change' && a !== null && b !== null ? wordParts(a, b) : null), [row.kind, a, b]);
  const left = row.kind === 'equal' ? 'equal' : a !== null ? 'delete' : 'empty';
  const right = row.kind === 'equal' ? 'equal' : b !== null ? 'insert' : 'empty';
  return (
    <div className={`diff-line side ${row.kind}`} data-testid="diff-line" data-kind={row.kind}>
      <span className={`num ${left}`}>{row.a !== null ? row.a + 1 : ''}</span>
      <span className={`sign ${left}`}>{left === 'delete' ? SIGN.delete : ''}</span>
      <LineText className={`text ${left}`} text={a} parts={parts?.a ?? null} side="old" />
      <span className={`num ${right}`}>{row.b !== null ? row.b + 1 : ''}</span>
      <span className={`sign ${right}`}>{right === 'insert' ? SIGN.insert : ''}</span>
      <LineText className={`text ${right}`} text={b} parts={parts?.b ?? null} side="new" />
    </div>
  );
}

function InlineRow({ row, sec }: { row: Extract<Row, { t: 'line' }>; sec: Section }): React.JSX.Element {
  const text = row.kind === 'insert' ? (sec.bLines[row.b as number] as string) : (sec.aLines[row.a as number] as string);
  const mate = row.mate === null ? null : row.kind === 'delete' ? (sec.bLines[row.mate] as string) : (sec.aLines[row.mate] as string);
  const parts = useMemo(() => {
    if (mate === null) return null;
    const p = row.kind === 'delete' ? wordParts(text, mate) : wordParts(mate, text);
    return p ? (row.kind === 'delete' ? p.a : p.b) : null;
  }, [row.kind, text, mate]);
  return (
    <div className={`diff-line inline ${row.kind}`} data-testid="diff-line" data-kind={row.kind}>
      <span className="num">{row.a !== null ? row.a + 1 : ''}</span>
      <span className="num">{row.b !== null ? row.b + 1 : ''}</span>
      <span className="sign">{SIGN[row.kind]}</span>
      <LineText className="text" text={text} parts={parts} side={row.kind === 'insert' ? 'new' : 'old'} />
    </div>
  );
}

function LineText(props: { className: string; text: string | null; parts: Part[] | null; side: 'old' | 'new' }): React.JSX.Element {
  const { className, text, parts, side } = props;
  if (text === null) return <span className={className} />;
  const cut = text.length > MAX_SHOWN_LINE;
  return (
    <span className={className}>
      {parts && !cut
        ? parts.map((p, i) =>
            p.changed ? (
              <span key={i} className={side === 'old' ? 'word removed' : 'word added'}>
                {visible(p.text)}
              </span>
            ) : (
              <Fragment key={i}>{visible(p.text)}</Fragment>
            ),
          )
        : visible(cut ? text.slice(0, MAX_SHOWN_LINE) : text)}
      {cut && <span className="diff-cut"> … {formatCount(text.length - MAX_SHOWN_LINE)} more characters on this line</span>}
    </span>
  );
}
