import { describe, expect, it } from 'vitest';
import { editOf, problemColumn, rowOf, rowsOf, specOf, withPicked } from '../../renderer/features/mapping/mapping-model.ts';

describe('mapping editor rows', () => {
  it('shows path specs as text and everything else as its JSON, and reads both back unchanged', () => {
    const specs = {
      time: 'ts',
      actor: ['who.email', 'who.name'],
      src_ip: { path: 'ip', transform: 'ip' },
      outcome: { path: 'result', map: { ok: 'success', '*': 'failure' } },
      action: { template: '{a}:{b}' },
    };
    const rows = rowsOf(['time', 'actor', 'src_ip', 'outcome', 'action', 'tenant'], { fields: specs, changes: [] });
    expect(rows.map((r) => [r.column, r.source, r.transform])).toEqual([
      ['time', 'ts', ''],
      ['actor', 'who.email | who.name', ''],
      ['src_ip', 'ip', 'ip'],
      ['outcome', '{"path":"result","map":{"ok":"success","*":"failure"}}', ''],
      ['action', '{"template":"{a}:{b}"}', ''],
      ['tenant', '', ''],
    ]);
    expect(editOf(rows, [])).toEqual({ edit: { fields: specs, changes: [] }, errors: [] });
  });

  it('keeps | inside quoted segments, and names rows that make no spec', () => {
    expect(specOf({ column: 'actor', source: '"a|b" | c', transform: 'lower' })).toEqual({ spec: { path: ['"a|b"', 'c'], transform: 'lower' } });
    expect(specOf({ column: 'actor', source: 'a ||b', transform: '' }).error).toEqual({ field: 'fields.actor', message: 'an empty path between |' });
    expect(specOf({ column: 'actor', source: '{"path":', transform: '' }).error?.message).toMatch(/^not valid JSON/);
    expect(specOf({ column: 'actor', source: '', transform: 'ip' }).error?.message).toBe('a transform needs a path to read');
    expect(editOf([rowOf('actor', 'a'), { column: 'time', source: '{', transform: '' }], []).errors.map((e) => e.field)).toEqual(['fields.time']);
    expect(problemColumn({ field: 'fields.actor.regex', message: '' })).toBe('actor');
    expect(problemColumn({ field: 'changes[0].path', message: '' })).toBeNull();
  });

  it('puts a picked field in the box, or after the paths already there as a fallback', () => {
    const row = rowOf('actor', 'who.email');
    expect(withPicked(row, 'who.name', false).source).toBe('who.name');
    expect(withPicked(row, 'who.name', true).source).toBe('who.email | who.name');
    expect(withPicked(row, 'who.email', true).source).toBe('who.email');
    expect(withPicked(rowOf('actor', { template: '{x}' }), 'who.name', true).source).toBe('who.name');
  });
});
