import { describe, expect, it } from 'vitest';
import { chipExpression, composeFilter, replaceAt, toEventScope, type Chip } from '../../renderer/app/scope.tsx';
import { chipText, columnLabel, toggleChip } from '../../renderer/features/filters/chips.ts';

const alice: Chip = { column: 'actor', value: 'alice', exclude: false };
const notOkta: Chip = { column: 'vendor', value: 'okta', exclude: true };

describe('chip composition', () => {
  it('turns chips into filter-language text with quotes doubled', () => {
    expect(chipExpression(alice)).toBe("actor = 'alice'");
    expect(chipExpression({ column: 'actor', value: "o'brien", exclude: false })).toBe("actor = 'o''brien'");
    // Excluding a value keeps the events that have no value at all.
    expect(chipExpression(notOkta)).toBe("(vendor IS NULL OR vendor <> 'okta')");
    expect(chipExpression({ column: 'src_ip', value: null, exclude: false })).toBe('src_ip IS NULL');
    expect(chipExpression({ column: 'src_ip', value: null, exclude: true })).toBe('src_ip IS NOT NULL');
  });

  it('ANDs chips onto the typed expression, which is parenthesised', () => {
    expect(composeFilter('', [])).toBe('');
    expect(composeFilter("a = 1 OR b = 2", [])).toBe('(a = 1 OR b = 2)');
    expect(composeFilter('  ', [alice])).toBe("actor = 'alice'");
    expect(composeFilter('x OR y', [alice, notOkta])).toBe("(x OR y) AND actor = 'alice' AND (vendor IS NULL OR vendor <> 'okta')");
  });

  it('keeps hostile values inside one literal', () => {
    const chip: Chip = { column: 'actor', value: "x' OR 1=1 --", exclude: false };
    expect(chipExpression(chip)).toBe("actor = 'x'' OR 1=1 --'");
  });

  it('builds the EventScope with empty parts left out', () => {
    expect(toEventScope({ filter: '', chips: [], search: '  ', timeRange: {} })).toEqual({});
    expect(toEventScope({ filter: '', chips: [], search: '', timeRange: { from: '', to: '' } })).toEqual({});
    expect(
      toEventScope({ filter: 'a = 1', chips: [alice], search: ' dana ', timeRange: { from: '2025-01-01T00:00:00.000Z' } }),
    ).toEqual({ filter: "(a = 1) AND actor = 'alice'", search: 'dana', timeRange: { from: '2025-01-01T00:00:00.000Z' } });
  });

  it('replaces a chip, and drops it when the replacement already exists', () => {
    const excluded = toggleChip(alice);
    expect(replaceAt([alice, notOkta], 0, excluded)).toEqual([excluded, notOkta]);
    expect(replaceAt([alice, excluded], 0, excluded)).toEqual([excluded]);
  });
});

describe('chip display', () => {
  it('reads as column, operator, value with short column names', () => {
    expect(chipText(alice)).toEqual({ column: 'actor', op: '=', value: 'alice' });
    expect(chipText(notOkta)).toEqual({ column: 'source', op: '≠', value: 'okta' });
    expect(chipText({ column: 'src_ip', value: null, exclude: false })).toEqual({ column: 'IP', op: 'is', value: 'empty' });
    expect(columnLabel('target')).toBe('target');
    expect(columnLabel('target_name')).toBe('target name');
    expect(columnLabel('service')).toBe('service');
  });

  it('toggles include and exclude', () => {
    expect(toggleChip(alice)).toEqual({ ...alice, exclude: true });
    expect(toggleChip(toggleChip(alice))).toEqual(alice);
  });
});
