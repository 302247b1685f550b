import { resolve } from 'node:path';
import { AuthorSetting } from '../engine/annotate/author.ts';
import { Case } from '../engine/case/case.ts';
import { writeReport } from '../engine/export/report/write.ts';
import { defaultDataDir } from '../engine/host-state.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

interface ReportOptions {
  output: string;
  tag?: string;
  title?: string;
  keepSecrets?: boolean;
  json?: boolean;
}

async function runReport(io: Io, casePath: string, o: ReportOptions): Promise<number> {
  const author = await new AuthorSetting(defaultDataDir()).get();
  const c = await Case.open(casePath);
  try {
    const s = await writeReport(
      c,
      { path: resolve(o.output), ...(o.tag !== undefined ? { tag: o.tag } : {}), ...(o.title !== undefined ? { title: o.title } : {}), ...(o.keepSecrets ? { keepSecrets: true } : {}) },
      author,
    );
    if (o.json) io.out(JSON.stringify({ path: s.path, events: s.events, bytes: s.bytes, sha256: s.sha256, elapsed_ms: s.elapsedMs }) + '\n');
    else io.out(`report of ${s.events} ${o.tag !== undefined ? `events tagged ${JSON.stringify(o.tag)}` : 'bookmarked events'} → ${s.path}\nsha256 ${s.sha256}\n`);
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerReport({ program, io, setCode }: CommandHost): void {
  program
    .command('report')
    .description('a self-contained HTML report (prints on A4) of the bookmarked events with notes, tags, diffs, sources and custody log')
    .argument('<case>')
    .requiredOption('-o, --output <file.html>', 'the report to write; never overwritten')
    .option('--tag <tag>', 'report the events with this tag instead of the bookmarked ones')
    .option('--title <text>', 'title on the first page (default: the case file name)')
    .option('--keep-secrets', 'keep credentials, tokens and keys as recorded (masked by default)')
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, o: ReportOptions) => setCode(await runReport(io, casePath, o)));
}
