/**
 * The investigator's keyboard, as pure data: which key means which command, and what a command
 * does to the selection and the open panes. The DOM side (use-keyboard.ts) only feeds keys in and
 * carries out the effects, so all of the behaviour is testable without a window.
 */

export interface NavState {
  /** Row index in the current result, or null. */
  selected: number | null;
  detailOpen: boolean;
  shortcutsOpen: boolean;
}

export type NavCommand =
  | { type: 'move'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'close-detail' }
  | { type: 'toggle-shortcuts' }
  | { type: 'close-shortcuts' }
  | { type: 'focus-search' }
  | { type: 'copy-row' }
  /** b, t, n on the selected event: bookmark, tag, note. */
  | { type: 'annotate'; what: 'bookmark' | 'tag' | 'note' }
  /** A click (or right-click) on a row; `open` also shows the detail pane. */
  | { type: 'select'; index: number; open: boolean }
  /** The result changed under the selection (new filter, new case). */
  | { type: 'reset' };

export const INITIAL_NAV: NavState = { selected: null, detailOpen: false, shortcutsOpen: false };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyContext {
  /** Rows that fit in the table's viewport: PgUp/PgDn move by this. */
  pageRows: number;
  /** Text is selected on the page: Ctrl/Cmd+C then copies that, as everywhere else. */
  hasTextSelection: boolean;
}

/** The shortcut list shown on `?`; the same table drives the overlay and this function. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['↓', 'j'], what: 'Next event' },
  { keys: ['↑', 'k'], what: 'Previous event' },
  { keys: ['PgDn', 'PgUp'], what: 'One screen down / up' },
  { keys: ['Home', 'End'], what: 'First / last event' },
  { keys: ['Enter'], what: 'Open the selected event' },
  { keys: ['Esc'], what: 'Close the detail pane or a dialog' },
  { keys: ['/'], what: 'Search' },
  { keys: ['b'], what: 'Bookmark the selected event (again to remove)' },
  { keys: ['t'], what: 'Tag the selected event' },
  { keys: ['n'], what: 'Write a note on the selected event' },
  { keys: ['Ctrl C', '⌘ C'], what: 'Copy the selected event as JSON' },
  { keys: ['Right-click'], what: 'Copy a cell, filter in or out on it' },
  { keys: ['?'], what: 'This list' },
];

export function commandForKey(e: KeyLike, ctx: KeyContext): NavCommand | null {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'c') {
    return ctx.hasTextSelection ? null : { type: 'copy-row' };
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return null; // leave browser and OS shortcuts alone
  const page = Math.max(1, ctx.pageRows);
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return { type: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'move', delta: page };
    case 'PageUp':
      return { type: 'move', delta: -page };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return { type: 'open' };
    case 'Escape':
      return { type: 'close' };
    case '?':
      return { type: 'toggle-shortcuts' };
    case '/':
      return { type: 'focus-search' };
    case 'b':
      return { type: 'annotate', what: 'bookmark' };
    case 't':
      return { type: 'annotate', what: 'tag' };
    case 'n':
      return { type: 'annotate', what: 'note' };
    default:
      return null;
  }
}

const clampIndex = (i: number, total: number): number => Math.max(0, Math.min(total - 1, i));

/** The next state; commands that act outside the state (focus, copy) leave it as it is. */
export function navReduce(state: NavState, cmd: NavCommand, total: number): NavState {
  if (cmd.type === 'reset') return { ...state, selected: null, detailOpen: false };
  if (cmd.type === 'toggle-shortcuts') return { ...state, shortcutsOpen: !state.shortcutsOpen };
  if (cmd.type === 'close-shortcuts') return state.shortcutsOpen ? { ...state, shortcutsOpen: false } : state;
  if (cmd.type === 'close-detail') return state.detailOpen ? { ...state, detailOpen: false } : state;
  if (cmd.type === 'close') {
    // One layer per press, the top one first.
    if (state.shortcutsOpen) return { ...state, shortcutsOpen: false };
    if (state.detailOpen) return { ...state, detailOpen: false };
    return state;
  }
  if (total <= 0) return state.selected === null ? state : { ...state, selected: null, detailOpen: false };
  switch (cmd.type) {
    case 'move':
      // Nothing selected yet: the first press lands on the first row, whichever direction.
      return { ...state, selected: state.selected === null ? 0 : clampIndex(state.selected + cmd.delta, total) };
    case 'first':
      return { ...state, selected: 0 };
    case 'last':
      return { ...state, selected: total - 1 };
    case 'open':
      return { ...state, selected: state.selected ?? 0, detailOpen: true };
    case 'select':
      return { ...state, selected: clampIndex(cmd.index, total), detailOpen: state.detailOpen || cmd.open };
    default:
      return state;
  }
}
