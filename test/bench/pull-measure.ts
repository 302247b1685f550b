/**
 * One pull measurement in its own process (see pull.ts): `floor` fetches the same pages with a
 * bare fetch loop (follow `Link: rel="next"`, parse, count; store nothing), `pull` runs the
 * collector into a new case. Prints {ms, rssMb, heapMb, events, pages} as JSON.
 */
import { Case } from '../../main/engine/case/case.ts';
import { runPull } from '../../main/engine/collect/runner.ts';

const [mode, baseUrl, token, from, to, casePath] = process.argv.slice(2) as [string, string, string, string, string, string];
let peak = process.memoryUsage().rss;
let heap = process.memoryUsage().heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  heap = Math.max(heap, m.heapUsed);
}, 20);
const t0 = performance.now();
let events = 0;
let pages = 0;
if (mode === 'floor') {
  // Day windows, as the collector asks; each ends on its first empty page.
  for (let day = Date.parse(from); day < Date.parse(to); day += 86_400_000) {
    const q = new URLSearchParams({ since: new Date(day).toISOString(), until: new Date(day + 86_400_000).toISOString(), limit: '1000', sortOrder: 'ASCENDING' });
    let url: string | null = `${baseUrl}/api/v1/logs?${q.toString()}`;
    while (url) {
      const res: Response = await fetch(url, { headers: { authorization: `SSWS ${token}`, accept: 'application/json' } });
      const body = (await res.json()) as unknown[];
      pages += 1;
      events += body.length;
      url = body.length ? (/<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null) : null;
    }
  }
} else {
  const c = await Case.open(casePath, { create: true });
  const s = await runPull(c, { vendor: 'okta', baseUrl, from, to, pageSize: 1000 }, { credential: token, env: {}, http: { env: {} } });
  if (s.status !== 'complete') throw new Error(`pull ${s.status}: ${s.message ?? ''}`);
  events = s.events;
  pages = s.pages;
  c.close();
}
const ms = performance.now() - t0;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ ms, rssMb: peak / 1048576, heapMb: heap / 1048576, events, pages }) + '\n');
