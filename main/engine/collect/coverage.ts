import type { CoverageGap, CoverageRange, SourceCoverage } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { listStoredPulls, type StoredPull } from './store.ts';

/**
 * Coverage: per source and scope (vendor, host, scope, filters), the time ranges pulled
 * completely — windows whose every page was committed — against everything ever requested.
 * The difference is the gaps, each with the reason the pull that asked for it gave.
 */

const ms = (s: string): number => Date.parse(s);
const iso = (n: number): string => new Date(n).toISOString();

export function mergeRanges(ranges: CoverageRange[]): CoverageRange[] {
  const sorted = ranges.map((r) => [ms(r.from), ms(r.to)] as [number, number]).filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const lastR = out[out.length - 1];
    if (lastR && a <= lastR[1]) lastR[1] = Math.max(lastR[1], b);
    else out.push([a, b]);
  }
  return out.map(([a, b]) => ({ from: iso(a), to: iso(b) }));
}

/** `base` minus `cut`, both merged. */
export function subtractRanges(base: CoverageRange[], cut: CoverageRange[]): CoverageRange[] {
  const out: CoverageRange[] = [];
  const cuts = mergeRanges(cut).map((r) => [ms(r.from), ms(r.to)] as const);
  for (const r of mergeRanges(base)) {
    let start = ms(r.from);
    const end = ms(r.to);
    for (const [a, b] of cuts) {
      if (b <= start || a >= end) continue;
      if (a > start) out.push({ from: iso(start), to: iso(a) });
      start = Math.max(start, b);
    }
    if (start < end) out.push({ from: iso(start), to: iso(end) });
  }
  return out;
}

function gapReason(gap: CoverageRange, pulls: StoredPull[], live: Set<number>): string {
  const a = ms(gap.from);
  const b = ms(gap.to);
  for (const p of [...pulls].reverse()) {
    for (const w of p.windows) {
      if (ms(w.to) <= a || ms(w.from) >= b) continue;
      if (w.state === 'unavailable') return `not available: ${w.reason ?? 'outside what the vendor keeps'}`;
      if (w.state === 'incomplete') return `pull #${p.id}: ${w.reason ?? 'not complete'}`;
      if (w.state === 'pending') {
        if (p.status === 'running') return live.has(p.id) ? `pull #${p.id} is running` : `pull #${p.id} was interrupted; resume it`;
        // The message often opens with the status itself ("cancelled; resume to …"): say it once.
        const msg = p.message && p.message.startsWith(p.status) ? p.message.slice(p.status.length).replace(/^[;:,]\s*/, '') : p.message;
        return `pull #${p.id} ${p.status}${msg ? `: ${msg}` : ''}`;
      }
    }
  }
  return 'not pulled';
}

export async function coverageReport(db: Db, live: Set<number> = new Set()): Promise<SourceCoverage[]> {
  const pulls = await listStoredPulls(db);
  const rows = await db.all<{ scope_key: string; source_id: number; f: Date; t: Date }>(
    'SELECT scope_key, source_id, range_from AS f, range_to AS t FROM coverage ORDER BY range_from',
  );
  const sources = await db.all<{ id: number; vendor: string; label: string; tenant: string | null }>('SELECT id, vendor, label, tenant FROM sources');
  const byKey = new Map<string, StoredPull[]>();
  for (const p of pulls) byKey.set(p.scopeKey, [...(byKey.get(p.scopeKey) ?? []), p]);
  const out: SourceCoverage[] = [];
  for (const [key, ps] of byKey) {
    const last = ps[ps.length - 1] as StoredPull;
    const src = sources.find((s) => num(s.id) === last.sourceId);
    const requested = mergeRanges(ps.map((p) => ({ from: p.from, to: p.to })));
    const covered = mergeRanges(rows.filter((r) => r.scope_key === key).map((r) => ({ from: new Date(r.f).toISOString(), to: new Date(r.t).toISOString() })));
    const gaps: CoverageGap[] = subtractRanges(requested, covered).map((g) => ({ ...g, reason: gapReason(g, ps, live) }));
    out.push({
      sourceId: last.sourceId, vendor: src?.vendor ?? last.vendor, label: src?.label ?? last.vendor, tenant: src?.tenant ?? null,
      scopeKey: key, requested, covered, gaps, lastPullId: last.id,
    });
  }
  return out.sort((x, y) => x.sourceId - y.sourceId || x.scopeKey.localeCompare(y.scopeKey));
}
