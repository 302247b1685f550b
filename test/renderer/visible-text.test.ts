import { describe, expect, it } from 'vitest';
import { formatEvents } from '../../main/cli-format.ts';
import { printable } from '../../main/cli/common.ts';
import { INVISIBLE as ENGINE_INVISIBLE, invisibleIn, visibleText as engineVisible } from '../../main/engine/visible-text.ts';
import type { EventRow } from '../../preload/api.ts';
import { INVISIBLE, visibleText } from '../../renderer/app/visible-text.ts';
import { visible } from '../../renderer/features/diff/word-diff.ts';

const SPOOF = 'invoice\u202Efdp.exe';

describe('bidi controls and invisible characters are shown, never applied', () => {
  it('the viewer and the engine mark the same characters', () => {
    expect(INVISIBLE.source).toBe(ENGINE_INVISIBLE.source);
    const differ: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      if (visibleText(ch) !== engineVisible(ch)) differ.push(`U+${cp.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });

  it('writes U+202E and friends as markers, keeps tab and newline, leaves plain text alone', () => {
    expect(visibleText(SPOOF)).toBe('invoice⟦U+202E⟧fdp.exe');
    expect(visibleText('a\u200Bb\u2066c\u2069d\uFEFFe\u061Cf')).toBe('a⟦U+200B⟧b⟦U+2066⟧c⟦U+2069⟧d⟦U+FEFF⟧e⟦U+061C⟧f');
    expect(visibleText('line one\n\tline two\r\n')).toBe('line one\n\tline two\r\n');
    expect(visibleText('Zoë 日本 🙂 مرحبا')).toBe('Zoë 日本 🙂 مرحبا');
    expect(invisibleIn(SPOOF)).toEqual(['U+202E']);
  });

  it('diff lines, CLI tables and CLI text show them too', () => {
    expect(visible(`a\u001b[31m${SPOOF}`)).toBe('a␛[31minvoice⟦U+202E⟧fdp.exe');
    expect(printable(SPOOF)).toBe('invoice⟦U+202E⟧fdp.exe');
    const row = { event_time: '2025-03-01T10:00:00.000Z', vendor: 'generic', actor: SPOOF, action: 'x\u200By' } as unknown as EventRow;
    const table = formatEvents([row], 'table');
    expect(table).toContain('invoice⟦U+202E⟧fdp.exe');
    expect(table).toContain('x⟦U+200B⟧y');
    expect(table).not.toMatch(/[\u202E\u200B]/);
    // Machine-readable exports keep the value as recorded.
    expect(JSON.parse(formatEvents([row], 'ndjson')) as { actor: string }).toMatchObject({ actor: SPOOF });
  });
});
