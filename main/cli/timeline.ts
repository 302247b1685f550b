import type { EntityKind } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { EngineError } from '../engine/errors.ts';
import { timeline } from '../engine/timeline/entity.ts';
import { formatEvents } from '../cli-format.ts';
import { EXIT_OK, intArg, keyValue, tableOrJson, type CommandHost, type Io } from './common.ts';

async function runTimeline(io: Io, casePath: string, o: { entity: { key: string; value: string }; format: 'table' | 'json'; limit: number }): Promise<number> {
  const kinds = ['actor', 'target', 'ip', 'session'];
  if (!kinds.includes(o.entity.key)) throw new EngineError('bad-input', `entity kind must be one of ${kinds.join(', ')}`);
  const c = await Case.open(casePath);
  try {
    const tl = await timeline(c.reader, { entity: { kind: o.entity.key as EntityKind, value: o.entity.value }, limit: o.limit });
    if (tl.total === 0) throw new EngineError('not-found', `no events of ${o.entity.key} ${o.entity.value} in ${casePath}`);
    if (o.format === 'json') {
      io.out(JSON.stringify(tl, null, 2) + '\n');
      return EXIT_OK;
    }
    io.out(`${tl.entity.kind} ${tl.entity.value}: ${tl.total} events, ${tl.timeMin ?? '-'} … ${tl.timeMax ?? '-'} (UTC)\n`);
    io.out(`lanes: ${tl.lanes.series.map((l) => `${l.key} ${l.counts.reduce((a, b) => a + b, 0)}`).join(', ')}\n`);
    io.out(formatEvents(tl.events, 'table'));
    if (tl.total > tl.events.length) io.err(`${tl.events.length} of ${tl.total} shown (--limit)\n`);
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerTimeline({ program, io, setCode }: CommandHost): void {
  program
    .command('timeline')
    .description('every event touching an actor, target, IP or session, across sources, in time order')
    .argument('<case>')
    .requiredOption('--entity <KIND=VALUE>', 'actor=…, target=…, ip=… or session=…', keyValue)
    .option('--limit <n>', 'events to print', intArg, 500)
    .option('--format <f>', 'table | json', tableOrJson, 'table' as const)
    .action(async (casePath: string, o) => setCode(await runTimeline(io, casePath, o)));
}
