import { InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ExportProgress, type ViewColumn } from '../../preload/api.ts';
import { AuthorSetting } from '../engine/annotate/author.ts';
import { Case } from '../engine/case/case.ts';
import { runExport } from '../engine/export/run.ts';
import { defaultDataDir } from '../engine/host-state.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

interface ExportOptions {
  format: ExportFormat;
  output: string;
  bookmarked?: boolean;
  tag?: string;
  keepSecrets?: boolean;
  sort?: string;
  desc?: boolean;
  json?: boolean;
}

function exportBar(io: Io): { update: (p: ExportProgress) => void; stop: () => void } {
  if (!io.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: ' export |{bar}| {percentage}% · {rows} events · {phase}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { rows: 0, phase: 'counting' });
  return {
    update: (p) => bar.update(p.percent ?? 0, { rows: p.rows.toLocaleString('en-US'), phase: p.phase }),
    stop: () => bar.stop(),
  };
}

async function runExportCommand(io: Io, casePath: string, filter: string | undefined, o: ExportOptions): Promise<number> {
  const author = await new AuthorSetting(defaultDataDir()).get();
  const c = await Case.open(casePath);
  const bar = exportBar(io);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  try {
    const s = await runExport(
      c,
      {
        scope: filter ? { filter } : {},
        format: o.format,
        path: resolve(o.output),
        ...(o.bookmarked ? { bookmarked: true } : {}),
        ...(o.tag !== undefined ? { tag: o.tag } : {}),
        ...(o.keepSecrets ? { keepSecrets: true } : {}),
        ...(o.sort ? { sort: { column: o.sort as ViewColumn, dir: o.desc ? ('desc' as const) : ('asc' as const) } } : {}),
      },
      { signal: ac.signal, onProgress: (p) => bar.update(p), author },
    );
    bar.stop();
    if (o.json) {
      io.out(JSON.stringify({ path: s.path, format: s.format, rows: s.rows, bytes: s.bytes, sha256: s.sha256, secrets: s.masked ? 'masked' : 'kept', skipped: s.skipped, ...(s.files ? { files: s.files.length } : {}), elapsed_ms: s.elapsedMs }) + '\n');
    } else {
      io.out(`${s.rows.toLocaleString('en-US')} events → ${s.path} (${s.format}, ${s.bytes.toLocaleString('en-US')} bytes${s.files ? ` in ${s.files.length} files` : ''})\n`);
      io.out(`sha256 ${s.sha256}${s.format === 'dataset' ? ' (of _manifest.json)' : ''}\n`);
      io.out(s.masked ? 'secrets masked (--keep-secrets to keep them)\n' : 'secrets KEPT as recorded: handle the export as evidence\n');
      if (s.skipped) io.err(`auditlens: ${s.skipped.count} events left out: ${s.skipped.reason}\n`);
    }
    return EXIT_OK;
  } finally {
    bar.stop();
    process.off('SIGINT', onSig);
    c.close();
  }
}

export function registerExport({ program, io, setCode }: CommandHost): void {
  program
    .command('export')
    .description('write the events a filter matches (or the bookmarked or tagged ones) to a file or a Parquet dataset')
    .argument('<case>')
    .argument('[filter]', 'SQL boolean expression over the event columns (default: every event)')
    .requiredOption('--format <f>', EXPORT_FORMATS.join(' | '), (v: string) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${EXPORT_FORMATS.join(', ')}`);
      return v as ExportFormat;
    })
    .requiredOption('-o, --output <path>', 'the file to write (a new folder for --format dataset); never overwritten')
    .option('--bookmarked', 'only bookmarked events')
    .option('--tag <tag>', 'only events with this tag')
    .option('--keep-secrets', 'keep credentials, tokens and keys as recorded (masked by default)')
    .option('--sort <column>', 'row order (default event_time)')
    .option('--desc', 'descending order')
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, filter: string | undefined, o: ExportOptions) => setCode(await runExportCommand(io, casePath, filter, o)));
}
