import { describe, expect, it } from 'vitest';
import {
  commandForKey,
  INITIAL_NAV,
  navReduce,
  SHORTCUTS,
  type KeyLike,
  type NavCommand,
  type NavState,
} from '../../renderer/app/keyboard.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const ctx = { pageRows: 20, hasTextSelection: false };

/** Feeds keys through both halves, as the window listener does. */
function press(state: NavState, keys: string[], total: number): NavState {
  return keys.reduce((s, k) => {
    const cmd = commandForKey(key(k), ctx);
    return cmd ? navReduce(s, cmd, total) : s;
  }, state);
}

describe('keyboard commands', () => {
  it.each([
    ['j', { type: 'move', delta: 1 }],
    ['ArrowDown', { type: 'move', delta: 1 }],
    ['k', { type: 'move', delta: -1 }],
    ['ArrowUp', { type: 'move', delta: -1 }],
    ['PageDown', { type: 'move', delta: 20 }],
    ['PageUp', { type: 'move', delta: -20 }],
    ['Home', { type: 'first' }],
    ['End', { type: 'last' }],
    ['Enter', { type: 'open' }],
    ['Escape', { type: 'close' }],
    ['?', { type: 'toggle-shortcuts' }],
    ['/', { type: 'focus-search' }],
  ] satisfies [string, NavCommand][])('%s means %o', (k, cmd) => {
    expect(commandForKey(key(k), ctx)).toEqual(cmd);
  });

  it('leaves modified keys and unknown keys to the browser', () => {
    expect(commandForKey(key('j', { ctrlKey: true }), ctx)).toBeNull();
    expect(commandForKey(key('ArrowDown', { altKey: true }), ctx)).toBeNull();
    expect(commandForKey(key('x'), ctx)).toBeNull();
  });

  it('copies the row on Ctrl+C or Cmd+C, unless text is selected', () => {
    expect(commandForKey(key('c', { ctrlKey: true }), ctx)).toEqual({ type: 'copy-row' });
    expect(commandForKey(key('C', { metaKey: true }), ctx)).toEqual({ type: 'copy-row' });
    expect(commandForKey(key('c', { ctrlKey: true }), { ...ctx, hasTextSelection: true })).toBeNull();
  });

  it('never pages by zero rows', () => {
    expect(commandForKey(key('PageDown'), { ...ctx, pageRows: 0 })).toEqual({ type: 'move', delta: 1 });
  });

  it('documents every key it handles', () => {
    const documented = SHORTCUTS.flatMap((s) => s.keys).join(' ');
    for (const k of ['j', 'k', 'PgDn', 'PgUp', 'Home', 'End', 'Enter', 'Esc', '/', '?'])
      expect(documented).toContain(k);
  });
});

describe('keyboard navigation state', () => {
  it('selects the first row on the first move, then walks and clamps', () => {
    expect(press(INITIAL_NAV, ['j'], 10).selected).toBe(0);
    expect(press(INITIAL_NAV, ['k'], 10).selected).toBe(0);
    expect(press(INITIAL_NAV, ['j', 'j', 'j', 'k'], 10).selected).toBe(1);
    expect(press(INITIAL_NAV, ['j', 'k', 'k'], 10).selected).toBe(0);
    expect(press(INITIAL_NAV, ['End', 'j'], 10).selected).toBe(9);
    expect(press(INITIAL_NAV, ['End', 'Home'], 10).selected).toBe(0);
  });

  it('pages by a screen, clamped to the result', () => {
    expect(press(INITIAL_NAV, ['j', 'PageDown'], 100).selected).toBe(20);
    expect(press(INITIAL_NAV, ['j', 'PageDown', 'PageDown', 'PageUp'], 100).selected).toBe(20);
    expect(press(INITIAL_NAV, ['j', 'PageDown'], 5).selected).toBe(4);
    expect(press(INITIAL_NAV, ['j', 'PageUp'], 100).selected).toBe(0);
  });

  it('opens the detail pane on Enter and keeps it open while moving', () => {
    const s = press(INITIAL_NAV, ['j', 'j', 'Enter', 'j'], 10);
    expect(s).toEqual({ selected: 2, detailOpen: true, shortcutsOpen: false });
    expect(press(INITIAL_NAV, ['Enter'], 10)).toMatchObject({ selected: 0, detailOpen: true });
  });

  it('closes one layer per Escape: the shortcut list first, then the detail pane', () => {
    let s = press(INITIAL_NAV, ['j', 'Enter', '?'], 10);
    expect(s.shortcutsOpen).toBe(true);
    s = press(s, ['Escape'], 10);
    expect(s).toMatchObject({ shortcutsOpen: false, detailOpen: true });
    s = press(s, ['Escape'], 10);
    expect(s).toMatchObject({ detailOpen: false, selected: 0 });
    expect(press(s, ['Escape'], 10)).toBe(s);
  });

  it('closes the detail pane or the shortcut list on their own close buttons', () => {
    const s = press(INITIAL_NAV, ['j', 'Enter', '?'], 10);
    expect(navReduce(s, { type: 'close-detail' }, 10)).toMatchObject({ detailOpen: false, shortcutsOpen: true });
    expect(navReduce(s, { type: 'close-shortcuts' }, 10)).toMatchObject({ detailOpen: true, shortcutsOpen: false });
  });

  it('toggles the shortcut list on ?', () => {
    expect(press(INITIAL_NAV, ['?', '?'], 10).shortcutsOpen).toBe(false);
  });

  it('selects on click, opening the detail pane only when asked', () => {
    const s = navReduce(INITIAL_NAV, { type: 'select', index: 4, open: false }, 10);
    expect(s).toMatchObject({ selected: 4, detailOpen: false });
    expect(navReduce(s, { type: 'select', index: 7, open: true }, 10)).toMatchObject({ selected: 7, detailOpen: true });
    expect(navReduce(INITIAL_NAV, { type: 'select', index: 50, open: false }, 10).selected).toBe(9);
  });

  it('drops the selection when the result changes or is empty', () => {
    const s = press(INITIAL_NAV, ['j', 'Enter'], 10);
    expect(navReduce(s, { type: 'reset' }, 10)).toMatchObject({ selected: null, detailOpen: false });
    expect(press(s, ['j'], 0)).toMatchObject({ selected: null, detailOpen: false });
    expect(press(INITIAL_NAV, ['j', 'Enter'], 0)).toBe(INITIAL_NAV);
  });

  it('leaves the state alone for commands that act elsewhere', () => {
    const s = press(INITIAL_NAV, ['j'], 10);
    expect(navReduce(s, { type: 'focus-search' }, 10)).toBe(s);
    expect(navReduce(s, { type: 'copy-row' }, 10)).toBe(s);
  });
});
