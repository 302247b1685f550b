/**
 * Characters that change how a value looks without being seen (bidirectional controls such as
 * U+202E, zero-width and other invisible format characters, C0/C1 controls) shown as a visible
 * `⟦U+202E⟧` marker wherever a log value is displayed: `admin\u202Egnp.exe` must not read as
 * `adminexe.png`. Copying a value still copies it as recorded. The same list as the engine's
 * (main/engine/visible-text.ts; test/renderer/visible-text.test.ts keeps them equal).
 */
export const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/u;

const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu');

/** Text with each invisible character written as `⟦U+XXXX⟧` (tab, newline and CR are kept). */
export function visibleText(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  return text.replace(INVISIBLE_GLOBAL, (ch) => `⟦U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}
