/**
 * Characters that change how text looks without being seen: bidirectional controls (U+202E turns
 * `exe.txt` around), zero-width and other invisible format characters, and C0/C1 controls. The
 * engine refuses them in names it is given (uploads) and writes them as visible markers in text
 * reports; renderer/app/visible-text.ts does the same for the screen (the same list, checked by
 * test/renderer/visible-text.test.ts).
 */
export const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/u;

const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu');

/** `U+202E` style name of one character. */
export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The invisible characters a text holds, as labels (for messages). */
export function invisibleIn(text: string): string[] {
  return [...new Set(text.match(INVISIBLE_GLOBAL) ?? [])].map(codePointLabel);
}

/** Text with each invisible character written as a visible `⟦U+202E⟧` marker (tab, newline and CR are kept). */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_GLOBAL, (ch) => `⟦${codePointLabel(ch)}⟧`);
}
