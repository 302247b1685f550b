import { Case } from '../engine/case/case.ts';
import { listViews } from '../engine/session/views.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

/** The saved views of a case, for scripts and for a reviewer who has no viewer at hand. */
async function runViews(io: Io, casePath: string, o: { json?: boolean }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    const views = await listViews(c.reader);
    if (o.json) {
      io.out(JSON.stringify(views) + '\n');
      return EXIT_OK;
    }
    if (views.length === 0) io.out('no saved views\n');
    for (const v of views) {
      const scope = [
        v.filter && `filter: ${v.filter}`,
        ...v.chips.map((ch) => `chip: ${ch.column} ${ch.exclude ? '≠' : '='} ${ch.value === null ? 'NULL' : JSON.stringify(ch.value)}`),
        v.search && `search: ${JSON.stringify(v.search)}`,
        (v.timeRange.from || v.timeRange.to) && `time: ${v.timeRange.from ?? '…'} → ${v.timeRange.to ?? '…'}`,
        v.sort && `sort: ${v.sort.column} ${v.sort.dir}`,
        `zone: ${v.zone}`,
      ].filter(Boolean);
      io.out(`#${v.id} ${v.name}\n${scope.map((s) => `    ${s}\n`).join('')}`);
    }
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerViews({ program, io, setCode }: CommandHost): void {
  program
    .command('views')
    .description('list the saved views of a case (filter, chips, search, time range, sort, zone)')
    .argument('<case>')
    .option('--json', 'print JSON')
    .action(async (casePath: string, o: { json?: boolean }) => setCode(await runViews(io, casePath, o)));
}
