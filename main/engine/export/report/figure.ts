import type { AnnotatedEvent } from '../../../../preload/api.ts';
import { esc } from './escape.ts';

/**
 * The timeline figure: one lane per source, one numbered mark per reported event at its time, so
 * the numbers match the event list below. Plain SVG (inline, no script, no external font).
 */

export const VENDOR_COLORS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626', '#4b5563'];

const W = 1000;
const LEFT = 130;
const RIGHT = 20;
const LANE = 34;
const TOP = 18;

function tickLabel(ms: number, span: number): string {
  const iso = new Date(ms).toISOString();
  return span > 3 * 86_400_000 ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function timelineSvg(events: AnnotatedEvent[], vendors: string[]): string {
  const timed = events.map((e, i) => ({ n: i + 1, e, t: e.event.event_time ? Date.parse(e.event.event_time) : NaN })).filter((x) => !Number.isNaN(x.t));
  if (timed.length === 0) return '<p class="muted">None of the reported events has a time.</p>';
  const min = Math.min(...timed.map((x) => x.t));
  const max = Math.max(...timed.map((x) => x.t));
  const span = Math.max(1, max - min);
  const x = (t: number): number => (max === min ? (LEFT + W - RIGHT) / 2 : LEFT + ((t - min) / span) * (W - LEFT - RIGHT));
  const lanes = vendors.filter((v) => timed.some((d) => d.e.event.vendor === v));
  const height = TOP + lanes.length * LANE + 34;
  const parts: string[] = [];
  lanes.forEach((v, i) => {
    const y = TOP + i * LANE;
    parts.push(`<rect x="${LEFT}" y="${y}" width="${W - LEFT - RIGHT}" height="${LANE - 6}" class="lane"/>`);
    parts.push(`<text x="${LEFT - 8}" y="${y + LANE / 2}" class="lane-name" text-anchor="end">${esc(v)}</text>`);
  });
  const ticks = max === min ? [min] : [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * span);
  const axisY = TOP + lanes.length * LANE + 4;
  ticks.forEach((t, i) => {
    // The outer labels line up with the chart's edges instead of running off them.
    const anchor = ticks.length === 1 ? 'middle' : i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
    parts.push(`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP}" y2="${axisY}" class="tick"/>`);
    parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 16}" class="tick-label" text-anchor="${anchor}">${esc(tickLabel(t, span))}</text>`);
  });
  const labelled = timed.length <= 80;
  // Marks closer than a mark's width in one lane step up and down, so every number stays readable.
  const lastX = new Map<number, { x: number; shift: number }>();
  for (const d of timed) {
    const lane = lanes.indexOf(d.e.event.vendor);
    const color = VENDOR_COLORS[Math.max(0, vendors.indexOf(d.e.event.vendor)) % VENDOR_COLORS.length];
    const px = x(d.t);
    const prev = lastX.get(lane);
    const shift = prev && px - prev.x < 15 ? (prev.shift === 0 ? -7 : prev.shift < 0 ? 7 : 0) : 0;
    lastX.set(lane, { x: px, shift });
    const cy = TOP + lane * LANE + (LANE - 6) / 2 + shift;
    const cx = px.toFixed(1);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${labelled ? 7 : 3.5}" fill="${color}"><title>#${d.n} ${esc(d.e.event.event_time ?? '')} ${esc(d.e.event.action ?? '')}</title></circle>`);
    if (labelled) parts.push(`<text x="${cx}" y="${cy + 3.5}" class="mark-n" text-anchor="middle">${d.n}</text>`);
  }
  return `<svg class="figure" viewBox="0 0 ${W} ${height}" role="img" aria-label="Reported events over time, by source">${parts.join('')}</svg>
  <p class="caption">${timed.length} events from ${esc(tickLabel(min, span))} to ${esc(tickLabel(max, span))} (UTC)${labelled ? '; numbers match the list below' : ''}.</p>`;
}
