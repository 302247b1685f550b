import { diffWordsWithSpace } from 'diff';
import { visibleText } from '../../app/visible-text.ts';

/** A piece of a changed line; `changed` pieces are highlighted. */
export interface Part {
  text: string;
  changed: boolean;
}

/** Word highlights cost time on long lines and say little there: the whole line is marked instead. */
const MAX_LINE = 2000;
/** When most of a line changed, marking words is noise: the line's own colour says it. */
const MAX_CHANGED_SHARE = 0.6;

/**
 * Word-level highlights for a deleted line and the inserted line paired with it, or null when the
 * lines are too long or too different for them to help.
 */
export function wordParts(oldLine: string, newLine: string): { a: Part[]; b: Part[] } | null {
  if (oldLine.length > MAX_LINE || newLine.length > MAX_LINE) return null;
  const changes = diffWordsWithSpace(oldLine, newLine);
  const a: Part[] = [];
  const b: Part[] = [];
  let same = 0;
  for (const c of changes) {
    if (c.added) b.push({ text: c.value, changed: true });
    else if (c.removed) a.push({ text: c.value, changed: true });
    else {
      a.push({ text: c.value, changed: false });
      b.push({ text: c.value, changed: false });
      same += c.value.trim().length;
    }
  }
  const longest = Math.max(oldLine.trim().length, newLine.trim().length);
  if (longest > 0 && 1 - same / longest > MAX_CHANGED_SHARE) return null;
  return { a, b };
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Control characters made visible (a carriage return as ␍, escape as ␛): in evidence a stray
 * control character matters, and an invisible one would make two different lines look equal.
 * Bidirectional and other invisible format characters get a `⟦U+202E⟧` marker.
 */
export function visible(text: string): string {
  return visibleText(text.replace(CONTROL, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)))));
}

/** Longer lines are cut on screen (with a note); a 1 MB minified line would stall layout. */
export const MAX_SHOWN_LINE = 10_000;
