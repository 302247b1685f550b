import { describe, expect, it } from 'vitest';
import type { ViewColumn } from '../../preload/api.ts';
import {
  defaultLayout,
  dropOn,
  effectiveSort,
  MAX_WIDTH,
  MIN_WIDTH,
  moveColumn,
  moveVisibleBy,
  parseLayout,
  resizeColumn,
  setVisible,
  toggleSort,
  visibleColumns,
  type TableLayout,
} from '../../renderer/features/table/column-layout.ts';
import { COLUMN_DEFS } from '../../renderer/features/table/columns.ts';

const ids = (l: TableLayout): ViewColumn[] => visibleColumns(l).map((c) => c.id);

describe('table column layout', () => {
  it('starts with the default columns in their default order, sorted by time', () => {
    const l = defaultLayout();
    expect(ids(l)).toEqual([
      'event_time',
      'vendor',
      'actor',
      'action',
      'target',
      'outcome',
      'src_ip',
      'description',
    ]);
    expect(l.columns).toHaveLength(COLUMN_DEFS.length);
    expect(effectiveSort(l)).toEqual({ column: 'event_time', dir: 'asc' });
  });

  it('hides and shows columns, but never the last visible one', () => {
    let l = setVisible(defaultLayout(), 'vendor', false);
    expect(ids(l)).not.toContain('vendor');
    l = setVisible(l, 'tenant', true);
    expect(ids(l).at(-1)).toBe('tenant');
    for (const id of ids(l)) l = setVisible(l, id, false);
    expect(ids(l)).toEqual(['tenant']);
  });

  it('moves a column among the visible ones, skipping hidden columns in between', () => {
    const l = defaultLayout();
    // target_type (hidden) sits between action and target.
    const moved = moveVisibleBy(l, 'target', -1);
    expect(ids(moved)).toEqual([
      'event_time',
      'vendor',
      'actor',
      'target',
      'action',
      'outcome',
      'src_ip',
      'description',
    ]);
    expect(moveVisibleBy(l, 'event_time', -1)).toBe(l);
    expect(moveVisibleBy(l, 'description', 1)).toBe(l);
  });

  it('drops a dragged header before or after its target', () => {
    const l = defaultLayout();
    expect(ids(dropOn(l, 'outcome', 'vendor', 'before')).slice(0, 3)).toEqual(['event_time', 'outcome', 'vendor']);
    expect(ids(dropOn(l, 'event_time', 'actor', 'after')).slice(0, 3)).toEqual(['vendor', 'actor', 'event_time']);
    expect(dropOn(l, 'actor', 'actor', 'after')).toBe(l);
  });

  it('moves by absolute index in the full order, clamped', () => {
    const l = moveColumn(defaultLayout(), 'description', 0);
    expect(l.columns[0]?.id).toBe('description');
    expect(moveColumn(l, 'description', -5).columns[0]?.id).toBe('description');
    expect(moveColumn(l, 'description', 999).columns.at(-1)?.id).toBe('description');
  });

  it('resizes within sane bounds', () => {
    const l = defaultLayout();
    expect(resizeColumn(l, 'actor', 5).columns.find((c) => c.id === 'actor')?.width).toBe(MIN_WIDTH);
    expect(resizeColumn(l, 'actor', 1e9).columns.find((c) => c.id === 'actor')?.width).toBe(MAX_WIDTH);
    expect(resizeColumn(l, 'actor', 333.4).columns.find((c) => c.id === 'actor')?.width).toBe(333);
  });

  it('sorts a new column ascending and flips the same column', () => {
    let l = toggleSort(defaultLayout(), 'event_time');
    expect(l.sort).toEqual({ column: 'event_time', dir: 'desc' });
    l = toggleSort(l, 'event_time');
    expect(l.sort).toEqual({ column: 'event_time', dir: 'asc' });
    l = toggleSort(l, 'actor');
    expect(l.sort).toEqual({ column: 'actor', dir: 'asc' });
  });

  it('round-trips through the session store', () => {
    let l = setVisible(defaultLayout(), 'vendor', false);
    l = moveVisibleBy(l, 'actor', -1);
    l = resizeColumn(l, 'action', 321);
    l = toggleSort(l, 'actor');
    expect(parseLayout(JSON.parse(JSON.stringify(l)))).toEqual(l);
  });

  it('repairs whatever it finds in the session store', () => {
    expect(parseLayout(null)).toEqual(defaultLayout());
    expect(parseLayout('columns')).toEqual(defaultLayout());
    expect(parseLayout({ columns: 'x' })).toEqual(defaultLayout());
    const repaired = parseLayout({
      columns: [
        { id: 'actor', visible: true, width: 'wide' },
        { id: 'no_such_column', visible: true, width: 100 },
        { id: 'actor', visible: false, width: 10 },
        { id: '__proto__', visible: true },
        'garbage',
      ],
      sort: { column: 'raw', dir: 'sideways' },
    });
    expect(repaired.columns[0]).toEqual({ id: 'actor', visible: true, width: 200 });
    expect(repaired.columns).toHaveLength(COLUMN_DEFS.length);
    expect(new Set(repaired.columns.map((c) => c.id)).size).toBe(COLUMN_DEFS.length);
    expect(repaired.sort).toBeNull();
    // Nothing visible is not a layout anyone chose; back to the defaults.
    expect(parseLayout({ columns: COLUMN_DEFS.map((c) => ({ id: c.id, visible: false, width: 100 })) })).toEqual(
      defaultLayout(),
    );
  });

  it('puts the derived Target where a layout from before kept the target name', () => {
    const old = {
      version: 1,
      columns: [
        { id: 'event_time', visible: true, width: 180 },
        { id: 'target_name', visible: true, width: 260 },
        { id: 'actor', visible: true, width: 150 },
      ],
      sort: null,
    };
    const l = parseLayout(old);
    expect(ids(l).slice(0, 3)).toEqual(['event_time', 'target', 'actor']);
    expect(l.columns.find((c) => c.id === 'target')?.width).toBe(260);
    expect(l.columns.find((c) => c.id === 'target_name')?.visible).toBe(false);
  });
});
