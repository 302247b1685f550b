/**
 * Later filters on an open case (the lnav comparison): the first filter is the answer already
 * paid for, each further one is timed once. Usage: tsx later-filters.ts <case> <first> <filter…>
 * Prints [{ms, n}] for the further filters as JSON.
 */
import { Case } from '../../main/engine/case/case.ts';
import { countEvents } from '../../main/engine/query/events.ts';

const [casePath, first, ...filters] = process.argv.slice(2);
if (!casePath || !first) throw new Error('usage: later-filters.ts <case> <first filter> <filter…>');
const c = await Case.open(casePath);
await countEvents(c.reader, { filter: first });
const out: { ms: number; n: number }[] = [];
for (const filter of filters) {
  const t0 = performance.now();
  const n = await countEvents(c.reader, { filter });
  out.push({ ms: performance.now() - t0, n });
}
await c.close();
process.stdout.write(JSON.stringify(out) + '\n');
