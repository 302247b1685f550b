import { diffLines } from 'diff';
import type { ObjectVersion } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { EngineError } from '../engine/errors.ts';
import { objectHistory, stateAt } from '../engine/timeline/history.ts';
import { EXIT_OK, printable, tableOrJson, type CommandHost, type Io } from './common.ts';

/** Versions are numbered from #1, oldest first, as the viewer's history lists them. */
export const versionName = (v: Pick<ObjectVersion, 'index'>): string => `#${v.index + 1}`;

const text = (x: unknown): string | null => (x === null || x === undefined ? null : typeof x === 'string' ? x : JSON.stringify(x));

/**
 * One change as whole lines: `field: old → new` when both fit on a line, otherwise the removed
 * and added lines of a line diff, each printed in full (a script's source, a policy document).
 */
export function changeLines(change: ObjectVersion['changes'][number]): string[] {
  const before = text(change.old);
  const after = text(change.new);
  const inferred = change.oldInferred ? ' (old value from the previous version)' : '';
  const oneLine = (s: string | null): boolean => s === null || (!s.includes('\n') && s.length <= 100);
  if (oneLine(before) && oneLine(after)) {
    return [`${change.field}: ${before === null ? '∅' : printable(before)}${inferred} → ${after === null ? '∅' : printable(after)}`];
  }
  const parts = diffLines(before ?? '', after ?? '');
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  const out = [`${change.field}: ${before === null ? 'set' : `−${removed} +${added} lines`}${inferred}`];
  for (const p of parts) {
    if (!p.added && !p.removed) continue;
    const lines = p.value.replace(/\n$/, '').split('\n');
    for (const line of lines) out.push(`  ${p.added ? '+' : '-'} ${printable(line)}`);
  }
  return out;
}

async function runHistory(io: Io, casePath: string, o: { target: string; format: 'table' | 'json'; at?: string }): Promise<number> {
  const i = o.target.indexOf('=');
  const target = i > 0 ? { type: o.target.slice(0, i), id: o.target.slice(i + 1) } : { id: o.target };
  const c = await Case.open(casePath);
  try {
    const h = await objectHistory(c.reader, { target });
    if (h.events === 0) throw new EngineError('not-found', `no events touch target ${o.target} in ${casePath}`);
    const at = o.at ? stateAt(h.versions, o.at) : undefined;
    if (o.format === 'json') {
      io.out(JSON.stringify(o.at ? { ...h, stateAt: { at: o.at, version: at?.index ?? null, state: at?.state ?? null } } : h, null, 2) + '\n');
      return EXIT_OK;
    }
    const name = h.target.name && h.target.name !== h.target.id ? ` (${h.target.name})` : '';
    io.out(`${h.target.type ? `${h.target.type} ` : ''}${h.target.id}${name}: ${h.versions.length} versions from ${h.events} events\n`);
    for (const v of h.versions) {
      io.out(`${versionName(v)} ${v.at ?? '(no time)'} ${v.vendor} ${printable(v.actor ?? '-')} ${printable(v.action ?? '')}${v.deleted ? ' [deleted]' : ''}\n`);
      for (const ch of v.changes) for (const line of changeLines(ch)) io.out(`    ${line}\n`);
    }
    if (o.at) io.out(`state at ${o.at}: ${at ? `version ${versionName(at)}\n${JSON.stringify(at.state, null, 2)}` : 'before the first version'}\n`);
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerHistory({ program, io, setCode }: CommandHost): void {
  program
    .command('history')
    .description("a target's changes folded into versions (old and new values, who, when)")
    .argument('<case>')
    .requiredOption('--target <TYPE=ID>', 'target id or name, optionally with its type (PROCESS=prc_123)')
    .option('--at <time>', 'also print the state at this time')
    .option('--format <f>', 'table | json', tableOrJson, 'table' as const)
    .action(async (casePath: string, o) => setCode(await runHistory(io, casePath, o)));
}
