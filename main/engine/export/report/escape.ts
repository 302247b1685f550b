/**
 * The report is HTML built as text, so every value from the evidence (and from the investigator)
 * passes through `esc` on its way in: the five characters that mean something in markup become
 * entities, in text and in attribute values alike. Characters that reorder or hide text (bidi
 * overrides, zero-width characters) are shown as visible markers (`⟨U+202E⟩`), so a file name
 * cannot pose as another in print; `test/engine/report.test.ts` checks hostile values end to end.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const HIDDEN = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function visible(s: string): string {
  return s.replace(HIDDEN, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export function esc(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
  return visible(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** At most `max` characters, and how many were left out. */
export function bounded(s: string, max: number): { text: string; omitted: number } {
  if (s.length <= max) return { text: s, omitted: 0 };
  return { text: s.slice(0, max), omitted: s.length - max };
}
