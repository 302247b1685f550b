/**
 * Browsing latencies on a case (issue 3): first page after opening, random pages (p50/p95), filter +
 * count, histogram, facets. Usage: tsx test/bench/explore.ts <case.duckdb>
 */
import { Case } from '../../main/engine/case/case.ts';
import { eventPage, countEvents } from '../../main/engine/query/events.ts';
import { facets } from '../../main/engine/query/facets.ts';
import { histogram } from '../../main/engine/query/histogram.ts';
import { prng } from './generate.ts';

const casePath = process.argv[2];
if (!casePath) throw new Error('usage: explore.ts <case.duckdb>');

const timed = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

const [openMs, c] = await timed(() => Case.open(casePath));
const [firstMs, first] = await timed(() => eventPage(c.reader, { limit: 200 }, c.pager));
const total = first.total;
process.stdout.write(`case: ${total.toLocaleString('en-US')} events; open ${ms(openMs)}; first page ${ms(firstMs)}\n`);

// The sort index builds in the background after the first page; the first deep page waits for it.
const [deepMs] = await timed(() => eventPage(c.reader, { offset: Math.floor(total / 2), limit: 200 }, c.pager));
const rnd = prng(7);
const pages: number[] = [];
for (let i = 0; i < 60; i++) {
  const offset = Math.floor(rnd() * Math.max(1, total - 200));
  const [t] = await timed(() => eventPage(c.reader, { offset, limit: 200 }, c.pager));
  pages.push(t);
}
process.stdout.write(`first deep page (index build) ${ms(deepMs)}; random pages p50 ${ms(pct(pages, 50))}, p95 ${ms(pct(pages, 95))}\n`);

const filters = ["actor = 'user42@corp.example'", "action IN ('delete', 'permission.grant') AND outcome = 'failure'", "src_ip LIKE '10.1.%'"];
for (const f of filters) {
  const [t, n] = await timed(() => countEvents(c.reader, { filter: f }));
  process.stdout.write(`filter + count ${ms(t)} (${n.toLocaleString('en-US')}): ${f}\n`);
}
const [hMs, h] = await timed(() => histogram(c.reader, { stackBy: 'vendor' }));
const [hfMs] = await timed(() => histogram(c.reader, { stackBy: 'outcome', filter: filters[1] }));
process.stdout.write(`histogram ${ms(hMs)} (${h.buckets.length} buckets); filtered ${ms(hfMs)}\n`);
const [fMs] = await timed(() => facets(c.reader, {}));
const [ffMs] = await timed(() => facets(c.reader, { filter: filters[1] }));
process.stdout.write(`facets (7 columns) ${ms(fMs)}; filtered ${ms(ffMs)}\n`);
const [fpMs] = await timed(() => eventPage(c.reader, { filter: filters[1], limit: 200 }, c.pager));
process.stdout.write(`filtered first page ${ms(fpMs)}\n`);
await c.close();
