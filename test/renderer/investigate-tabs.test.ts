import { describe, expect, it } from 'vitest';
import { closeTab, MAX_TABS, NO_TABS, openTab, settleHistoryTab, showBeside, showTab } from '../../renderer/app/investigate-tabs.ts';

describe('investigation tabs', () => {
  it('opens a tab and shows it; opening the same entity again brings it forward', () => {
    let s = openTab(NO_TABS, { kind: 'timeline', entity: { kind: 'actor', value: 'dana@acme.example' } });
    s = openTab(s, { kind: 'history', target: { type: 'PROCESS', id: 'prc_7Hq2LmN4' } });
    expect(s.tabs.map((t) => t.title)).toEqual(['actor: dana@acme.example', 'history: prc_7Hq2LmN4']);
    s = openTab(s, { kind: 'timeline', entity: { kind: 'actor', value: 'dana@acme.example' } });
    expect(s.tabs).toHaveLength(2);
    expect(s.active).toBe('timeline:actor:dana@acme.example');
  });

  it('opens every diff as its own tab', () => {
    const side = { label: 'a', value: 1 };
    let s = openTab(NO_TABS, { kind: 'diff', a: side, b: side });
    s = openTab(s, { kind: 'diff', a: side, b: side });
    expect(s.tabs).toHaveLength(2);
  });

  it('closing the active tab shows its neighbour, or the tab beside it', () => {
    let s = NO_TABS;
    for (const v of ['a', 'b', 'c']) s = openTab(s, { kind: 'context', eventId: v });
    s = showTab(s, 'context:b');
    s = closeTab(s, 'context:b');
    expect(s.active).toBe('context:c');
    s = showBeside(s, 'context:a');
    s = closeTab(s, 'context:c');
    expect([s.active, s.beside]).toEqual(['context:a', null]);
    s = closeTab(s, 'context:a');
    expect(s).toEqual({ tabs: [], active: null, beside: null });
  });

  it('does not put a tab beside itself', () => {
    let s = openTab(NO_TABS, { kind: 'context', eventId: 'a' });
    s = showBeside(s, 'context:a');
    expect(s.beside).toBeNull();
  });

  it('keeps at most MAX_TABS tabs, dropping the oldest but never the one shown beside', () => {
    let s = openTab(NO_TABS, { kind: 'context', eventId: 'first' });
    s = openTab(s, { kind: 'context', eventId: 'second' });
    s = showBeside(s, 'context:first');
    for (let i = 0; i < MAX_TABS + 3; i++) s = openTab(s, { kind: 'context', eventId: `e${i}` });
    expect(s.tabs).toHaveLength(MAX_TABS);
    expect(s.tabs.some((t) => t.id === 'context:first')).toBe(true);
    expect(s.tabs.some((t) => t.id === 'context:second')).toBe(false);
  });

  it('one history tab per object: a tab opened by name becomes the id tab, or gives way to it', () => {
    let s = openTab(NO_TABS, { kind: 'history', target: { id: 'invoice-sync' } });
    s = settleHistoryTab(s, 'history::invoice-sync', { id: 'prc_7Hq2LmN4', name: 'invoice-sync' });
    expect(s.tabs.map((t) => [t.id, t.title])).toEqual([['history::prc_7Hq2LmN4', 'history: invoice-sync']]);
    expect(s.active).toBe('history::prc_7Hq2LmN4');
    s = openTab(s, { kind: 'timeline', entity: { kind: 'actor', value: 'a' } });
    s = openTab(s, { kind: 'history', target: { id: 'invoice-sync' } });
    s = settleHistoryTab(s, 'history::invoice-sync', { id: 'prc_7Hq2LmN4' });
    expect(s.tabs.map((t) => t.id)).toEqual(['history::prc_7Hq2LmN4', 'timeline:actor:a']);
    expect(s.active).toBe('history::prc_7Hq2LmN4');
  });
});
