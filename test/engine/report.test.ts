import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { hashFile } from '../../main/engine/output-file.ts';
import type { Result } from '../../preload/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/**
 * The HTML report: self-contained, every value from the evidence and the investigator escaped,
 * hidden characters made visible, secrets masked unless kept, bounded whatever a record holds.
 */

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const BIDI = 'invoice\u202Egpj.exe';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYW5hIn0.c2lnbmF0dXJl';

/** JSON text nested n levels deep, built as text (JSON.stringify of such a value overflows the stack). */
const deepJson = (n: number): string => `${'{"d":'.repeat(n)}"bottom"${'}'.repeat(n)}`;

const records = [
  { id: 'r1', time: '2025-03-04T01:00:00Z', user: XSS, action: 'UPDATED', target: BIDI, headers: { authorization: `Bearer ${TOKEN}` } },
  { id: 'r2', time: '2025-03-04T02:00:00Z', user: 'dana', action: 'DELETED', target: 'doc' },
  { id: 'r3', time: '2025-03-04T03:00:00Z', user: 'eve', action: 'READ', target: 'doc' },
];

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Tags and attributes the generator itself writes; anything else in the markup came from a value. */
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'div', 'h1', 'h2', 'h3', 'h4', 'dl', 'dt', 'dd', 'section', 'svg', 'rect', 'text', 'line', 'circle', 'p', 'span', 'article', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'pre', 'footer']);
const ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'style', 'title', 'viewbox', 'role', 'aria-label', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'text-anchor', 'cx', 'cy', 'r', 'fill']);

function markup(html: string): { tags: Set<string>; attrs: Set<string> } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  for (const m of body.matchAll(/<(!?[a-zA-Z][\w-]*)([^>]*)>/g)) {
    tags.add((m[1] as string).toLowerCase());
    for (const a of (m[2] as string).matchAll(/([a-zA-Z][\w-]*)=("[^"]*"|'[^']*'|[^\s>]+)/g)) attrs.add((a[1] as string).toLowerCase());
  }
  return { tags, attrs };
}

describe('HTML report', () => {
  const t = useTempDir();

  async function engine(): Promise<EngineHost> {
    const dir = t.dir();
    const e = await createEngine({ casePath: join(dir, 'case.duckdb'), create: true, dataDir: join(dir, 'home') });
    ok(await e.setAuthor('dana'));
    ok(await e.importFiles({ paths: [t.file('in.ndjson', records.map((r) => JSON.stringify(r)).join('\n'))] }));
    const changes = [
      { field: 'code', old: 'line 1\nline 2\nold 3\n', new: 'line 1\nline 2\nnew 3\n' },
      { field: `<b>${XSS}</b>`, old: null, new: { html: XSS } },
      { field: 'password', old: 'old-pw', new: 'new-pw' },
    ];
    // As a vendor with old and new values would have it (the generic pack does not pair fields).
    await e.current?.db.run("UPDATE events SET changes = CAST($c AS JSON) WHERE action = 'UPDATED'", { c: JSON.stringify(changes) });
    for (const r of ok(await e.getEvents({})).rows) {
      if (r.action === 'READ') continue;
      ok(await e.setBookmark({ eventId: r.event_id, on: true }));
      ok(await e.addTag({ eventId: r.event_id, tag: r.action === 'UPDATED' ? XSS.slice(0, 60) : 'exfil' }));
      ok(await e.setNote({ eventId: r.event_id, text: r.action === 'UPDATED' ? `${XSS}\nsecond line ${TOKEN}` : 'deleted the doc' }));
    }
    return e;
  }

  it('reports the bookmarked events with notes, tags, diffs, sources and custody log, all escaped', async () => {
    const e = await engine();
    const path = join(t.dir(), 'report.html');
    const s = ok(await e.writeReport({ path, title: `Case ${XSS}` }));
    const html = readFileSync(path, 'utf8');
    expect(s.events).toBe(2);
    expect((await hashFile(path)).sha256).toBe(s.sha256);
    // Only the generator's own markup; evidence and notes are text.
    const m = markup(html);
    expect([...m.tags].filter((x) => !TAGS.has(x))).toEqual([]);
    expect([...m.attrs].filter((x) => !ATTRS.has(x))).toEqual([]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain("default-src 'none'");
    // The override character is shown, not obeyed.
    expect(html).toContain('invoice⟨U+202E⟩gpj.exe');
    expect(html).not.toContain('\u202E');
    // Notes, tags, the diff of the change, provenance, sources and custody entries.
    expect(html).toContain('deleted the doc');
    expect(html).toContain('>exfil</span>');
    expect(html).toMatch(/<tr class="del"><td class="mark">−<\/td><td>old 3<\/td><\/tr>/);
    expect(html).toMatch(/<tr class="add"><td class="mark">\+<\/td><td>new 3<\/td><\/tr>/);
    const batch = ok(await e.listBatches())[0];
    expect(html).toContain(batch?.sha256 as string);
    expect(html).toContain('in.ndjson:1');
    expect(html).toContain('>annotation<');
    // Secrets masked by default, in the raw record and in the note.
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain('new-pw');
    expect(html).toContain('[MASKED]');
    const log = ok(await e.listCustody({ actions: ['report'] })).rows;
    expect(log[0]?.details).toMatchObject({ path, events: 2, sha256: s.sha256, secrets: 'masked' });
    await e.dispose();
  });

  it('keeps secrets only when asked, reports a tag instead of bookmarks, and refuses a taken path', async () => {
    const e = await engine();
    const kept = join(t.dir(), 'kept.html');
    ok(await e.writeReport({ path: kept, keepSecrets: true }));
    expect(readFileSync(kept, 'utf8')).toContain(TOKEN);
    const tagged = join(t.dir(), 'tagged.html');
    expect(ok(await e.writeReport({ path: tagged, tag: 'EXFIL' })).events).toBe(1);
    expect(readFileSync(tagged, 'utf8')).toContain('events tagged “EXFIL”');
    const again = await e.writeReport({ path: kept });
    expect(!again.ok && again.error.message).toMatch(/exists already/);
    await e.dispose();
  });

  it('stays bounded for a change nested 20,000 levels deep and a 60,000-character note', async () => {
    const dir = t.dir();
    const e = await createEngine({ casePath: join(dir, 'deep.duckdb'), create: true, dataDir: join(dir, 'home') });
    const rec = { id: 'd', time: '2025-01-01T00:00:00Z', user: 'u', action: 'UPDATED', old_cfg: 'a', cfg: 'b' };
    ok(await e.importFiles({ paths: [t.file('deep.ndjson', JSON.stringify(rec))] }));
    const id = ok(await e.getEvents({})).rows[0]?.event_id as string;
    // Put the deep value straight into the case, as another tool could.
    await e.current?.db.run('UPDATE events SET changes = CAST($c AS JSON) WHERE event_id = $id', { c: `[{"field":"cfg","old":${deepJson(20_000)},"new":"x"}]`, id });
    ok(await e.setBookmark({ eventId: id, on: true }));
    ok(await e.setNote({ eventId: id, text: 'n'.repeat(60_000) }));
    const path = join(dir, 'deep.html');
    const s = ok(await e.writeReport({ path }));
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('nesting deeper than 40 levels not shown');
    expect(s.bytes).toBeLessThan(1_000_000);
    await e.dispose();
  });
});
