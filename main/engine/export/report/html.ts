import type { AnnotatedEvent, BatchRow, CustodyEntry, TagColor } from '../../../../preload/api.ts';
import { maskText } from '../mask.ts';
import { changeHtml } from './diff.ts';
import { bounded, esc } from './escape.ts';
import { timelineSvg, VENDOR_COLORS } from './figure.ts';
import type { ReportData } from './gather.ts';
import { REPORT_CSS } from './style.ts';

/**
 * The report as one HTML document with nothing outside it: styles inline, the figure as SVG, no
 * script, and a Content-Security-Policy that forbids any (so even a value that escaped escaping
 * could not run). Every value passes through esc(); the page prints on A4.
 */

const TAG_HEX: Record<TagColor, string> = {
  red: '#dc2626',
  orange: '#ea580c',
  yellow: '#ca8a04',
  green: '#16a34a',
  teal: '#0d9488',
  blue: '#2563eb',
  purple: '#7c3aed',
  gray: '#6b7280',
};

const RAW_CHARS = 2000;
const DETAIL_CHARS = 400;

const time = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace('Z', ' UTC') : 'no time');
const count = (n: number): string => n.toLocaleString('en-US');

function field(label: string, value: string | null | undefined, cls = ''): string {
  if (value === null || value === undefined || value === '') return '';
  return `<div class="kv ${cls}"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
}

function eventCard(a: AnnotatedEvent, n: number, d: ReportData, tagColor: Map<string, TagColor>, batches: Map<number, BatchRow>): string {
  const e = a.event;
  const mask = (s: string | null): string | null => (s === null ? null : d.masked ? maskText(s) : s);
  const b = batches.get(e.batch_id);
  const tags = a.annotations.tags
    .map((t) => `<span class="tag" style="--tag:${TAG_HEX[tagColor.get(t.name) ?? 'gray']}">${esc(t.name)}</span>`)
    .join('');
  const note = a.annotations.note
    ? `<div class="note"><div class="note-head">Note · ${esc(a.annotations.note.author ?? 'unknown')} · ${esc(time(a.annotations.note.at))}</div><div class="note-text">${esc(mask(a.annotations.note.text))}</div></div>`
    : '';
  const changes = (e.changes ?? []).map((c) => `<div class="chg">${changeHtml(c, d.masked)}</div>`).join('');
  const raw = bounded(mask(e.raw) ?? '', RAW_CHARS);
  const target = [e.target_type, e.target_name ?? e.target_id].filter(Boolean).join(' ');
  // A card with a long diff may break across pages; a short one stays whole.
  const long = changes.includes('class="chg-diff"');
  return `<article class="event${long ? ' long' : ''}" id="event-${n}">
  <header><span class="n">#${n}</span><span class="when">${esc(time(e.event_time))}</span>
    <span class="vendor">${esc(e.vendor)}</span><span class="outcome o-${e.outcome === 'success' || e.outcome === 'failure' ? e.outcome : 'unknown'}">${esc(e.outcome ?? 'unknown')}</span>
    ${a.annotations.bookmark ? '<span class="star" title="bookmarked">★</span>' : ''}</header>
  <h3>${esc(e.actor ?? '(no actor)')} · ${esc(e.action ?? '(no action)')}${target ? ` · ${esc(target)}` : ''}</h3>
  ${tags ? `<div class="tags">${tags}</div>` : ''}
  ${note}
  <dl class="fields">${field('Description', mask(e.description), 'wide')}${field('User agent', e.user_agent, 'wide')}${field('IP', e.src_ip)}${field('Service', e.service)}${field('Target ID', e.target_id)}${field('Time logged', e.time_raw)}${field('Assumed zone', e.time_assumed_tz)}</dl>
  ${changes ? `<section class="changes"><h4>Changes (${e.changes?.length ?? 0})</h4>${changes}</section>` : ''}
  <dl class="prov">${field('Source', b ? `${b.method === 'api' ? 'API request' : 'file'} ${b.origin}` : `batch ${e.batch_id}`, 'wide')}${field('SHA-256', b?.sha256, 'mono wide')}${field('Locator', e.locator, 'mono wide')}${field('Batch', String(e.batch_id))}${field('Event ID', e.event_id, 'mono')}</dl>
  <details class="raw"><summary>Raw record${raw.omitted ? ` (first ${count(RAW_CHARS)} characters)` : ''}</summary><pre>${esc(raw.text)}${raw.omitted ? `\n… ${count(raw.omitted)} more characters in the case` : ''}</pre></details>
</article>`;
}

function sourcesList(batches: BatchRow[]): string {
  return batches
    .map(
      (b) => `<div class="source"><div class="source-head"><span class="n">#${b.id}</span> ${esc(b.vendor)} · ${b.method === 'api' ? 'API pull' : 'file'} · ${count(b.events)} events · ${count(b.bytes)} bytes · ${count(b.rejects)} rejects · imported ${esc(time(b.finished_at))}</div>
      <dl>${field(b.method === 'api' ? 'Request' : 'File', b.origin)}${field('SHA-256', b.sha256, 'mono')}${field('Format', `${b.format}, ${b.pack} pack v${b.pack_version}, times without offset read as ${b.assumed_tz}`)}</dl></div>`,
    )
    .join('');
}

/** An entry's details as `key value` lines: readable in print, each value bounded. */
function details(v: unknown, masked: boolean): string {
  const entries = typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.entries(v) : [['', v] as [string, unknown]];
  return entries
    .filter(([, x]) => x !== null && x !== undefined)
    .map(([k, x]) => {
      const raw = bounded(typeof x === 'string' ? x : (JSON.stringify(x) ?? ''), DETAIL_CHARS);
      const text = masked ? maskText(raw.text) : raw.text;
      return `<div class="d"><span class="dk">${esc(k)}</span> ${esc(text)}${raw.omitted ? ' …' : ''}</div>`;
    })
    .join('');
}

function custodyTable(entries: CustodyEntry[], masked: boolean): string {
  const rows = entries
    .map((c) => `<tr><td class="num">${c.id}</td><td>${esc(time(c.at).replace(' UTC', ''))}</td><td>${esc(c.action)}</td><td>${esc(c.actor ?? '')}</td><td class="details">${details(c.details, masked)}</td></tr>`)
    .join('');
  return `<table class="grid custody"><thead><tr><th>#</th><th>When (UTC)</th><th>Action</th><th>Who</th><th>Details</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function reportHtml(d: ReportData): string {
  const tagColor = new Map(d.tags.map((t) => [t.name, t.color]));
  const batches = new Map(d.batches.map((b) => [b.id, b]));
  const vendors = d.info.byVendor.map((v) => v.vendor);
  const subject = d.subject.kind === 'tag' ? `events tagged “${esc(d.subject.tag)}”` : 'bookmarked events';
  const cards = d.events.map((a, i) => eventCard(a, i + 1, d, tagColor, batches)).join('\n');
  const legend = vendors
    .filter((v) => d.events.some((a) => a.event.vendor === v))
    .map((v) => `<span class="legend"><span class="dot" style="background:${VENDOR_COLORS[vendors.indexOf(v) % VENDOR_COLORS.length]}"></span>${esc(v)}</span>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="AuditLens">
<title>${esc(d.title)} · AuditLens report</title>
<style>${REPORT_CSS}</style></head>
<body>
<header class="title">
  <div class="brand">AuditLens · case report</div>
  <h1>${esc(d.title)}</h1>
  <dl class="meta">
    ${field('Case file', d.info.path, 'mono')}
    ${field('Reported', `${count(d.events.length)} ${subject}${d.omittedEvents ? ` (the first ${count(d.events.length)}; ${count(d.omittedEvents)} more in the case)` : ''}`)}
    ${field('Case holds', `${count(d.info.events)} events from ${count(d.info.sources)} sources in ${count(d.info.batches)} batches, ${count(d.info.rejects)} rejected records`)}
    ${field('Evidence time range', d.info.timeMin && d.info.timeMax ? `${time(d.info.timeMin)} → ${time(d.info.timeMax)}` : null)}
    ${field('Generated', `${time(d.generatedAt)} by ${d.author}`)}
    ${field('Secrets', d.masked ? 'masked ([MASKED] marks credentials, tokens and keys)' : 'kept as recorded (this report holds credentials: handle it as evidence)')}
  </dl>
</header>
<section class="figure-section"><h2>Timeline</h2>${timelineSvg(d.events, vendors)}<div class="legends">${legend}</div></section>
<section><h2>Events (${count(d.events.length)})</h2>${cards || '<p class="muted">No events to report: bookmark events in the viewer first.</p>'}</section>
<section class="page"><h2>Sources</h2><p>Every file and API page the case was built from, with the SHA-256 of its bytes as stored.</p>${sourcesList(d.batches)}</section>
<section class="page"><h2>Custody log</h2><p>What was done to the case, oldest first${d.omittedCustody ? ` (the first ${count(d.custody.length)} entries; ${count(d.omittedCustody)} more in the case)` : ''}.</p>${custodyTable(d.custody, d.masked)}</section>
<footer>Generated by AuditLens. Values are shown as recorded; characters that hide or reorder text are shown as ⟨U+XXXX⟩.</footer>
</body></html>
`;
}
