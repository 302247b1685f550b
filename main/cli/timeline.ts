import type { EntityKind } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { EngineError } from '../engine/errors.ts';
import { timeline } from '../engine/timeline/entity.ts';
import { objectHistory, stateAt } from '../engine/timeline/history.ts';
import { formatEvents } from '../cli-format.ts';
import { EXIT_OK, intArg, keyValue, tableOrJson, type CommandHost, type Io } from './common.ts';

async function runTimeline(io: Io, casePath: string, o: { entity: { key: string; value: string }; format: 'table' | 'json'; limit: number }): Promise<number> {
  const kinds = ['actor', 'target', 'ip', 'session'];
  if (!kinds.includes(o.entity.key)) throw new EngineError('bad-input', `entity kind must be one of ${kinds.join(', ')}`);
  const c = await Case.open(casePath);
  try {
    const tl = await timeline(c.reader, { entity: { kind: o.entity.key as EntityKind, value: o.entity.value }, limit: o.limit });
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

async function runHistory(io: Io, casePath: string, o: { target: string; format: 'table' | 'json'; at?: string }): Promise<number> {
  const i = o.target.indexOf('=');
  const target = i > 0 ? { type: o.target.slice(0, i), id: o.target.slice(i + 1) } : { id: o.target };
  const c = await Case.open(casePath);
  try {
    const h = await objectHistory(c.reader, { target });
    const at = o.at ? stateAt(h.versions, o.at) : undefined;
    if (o.format === 'json') {
      io.out(JSON.stringify(o.at ? { ...h, stateAt: { at: o.at, version: at?.index ?? null, state: at?.state ?? null } } : h, null, 2) + '\n');
      return EXIT_OK;
    }
    io.out(`${target.type ? `${target.type} ` : ''}${target.id}: ${h.versions.length} versions from ${h.events} events\n`);
    for (const v of h.versions) {
      io.out(`#${v.index} ${v.at ?? '(no time)'} ${v.vendor} ${v.actor ?? '-'} ${v.action ?? ''}${v.deleted ? ' [deleted]' : ''}\n`);
      for (const ch of v.changes) {
        const show = (x: unknown): string => {
          const text = typeof x === 'string' ? x : JSON.stringify(x);
          return text === undefined ? '∅' : text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 80);
        };
        io.out(`    ${ch.field}: ${show(ch.old)}${'oldInferred' in ch && ch.oldInferred ? ' (from the previous version)' : ''} → ${show(ch.new)}\n`);
      }
    }
    if (o.at) io.out(`state at ${o.at}: ${at ? `version #${at.index}\n${JSON.stringify(at.state, null, 2)}` : 'before the first version'}\n`);
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
  program
    .command('history')
    .description("a target's changes folded into versions (old and new values, who, when)")
    .argument('<case>')
    .requiredOption('--target <TYPE=ID>', 'target id or name, optionally with its type (PROCESS=prc_123)')
    .option('--at <time>', 'also print the state at this time')
    .option('--format <f>', 'table | json', tableOrJson, 'table' as const)
    .action(async (casePath: string, o) => setCode(await runHistory(io, casePath, o)));
}
