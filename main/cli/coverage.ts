import { Case } from '../engine/case/case.ts';
import { coverageReport } from '../engine/collect/coverage.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

const short = (s: string): string => s.replace(':00.000Z', 'Z').replace('T00:00Z', '');

async function runCoverage(io: Io, casePath: string, o: { json?: boolean }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    const report = await coverageReport(c.db);
    if (o.json) {
      io.out(JSON.stringify(report) + '\n');
      return EXIT_OK;
    }
    if (report.length === 0) io.out('no API pulls in this case\n');
    for (const s of report) {
      io.out(`${s.label} · ${s.tenant ?? '-'} (source #${s.sourceId})\n  scope ${s.scopeKey}\n`);
      for (const r of s.requested) io.out(`  requested ${short(r.from)} – ${short(r.to)}\n`);
      for (const r of s.covered) io.out(`  covered   ${short(r.from)} – ${short(r.to)}\n`);
      for (const g of s.gaps) io.out(`  GAP       ${short(g.from)} – ${short(g.to)}: ${g.reason}\n`);
      if (s.gaps.length === 0) io.out('  no gaps\n');
    }
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerCoverage({ program, io, setCode }: CommandHost): void {
  program
    .command('coverage')
    .description('per API source, the time ranges pulled completely and the gaps (with why)')
    .argument('<case>')
    .option('--json', 'print JSON')
    .action(async (casePath: string, o) => setCode(await runCoverage(io, casePath, o)));
}
