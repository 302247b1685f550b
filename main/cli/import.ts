import type { ImportSummary } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { AuthorSetting } from '../engine/annotate/author.ts';
import { defaultDataDir } from '../engine/host-state.ts';
import { importPaths } from '../engine/import/importer.ts';
import { parseMapSpec, type MapEdit } from '../engine/mapping/map-spec.ts';
import { readPackFile } from '../engine/mapping/pack-file.ts';
import { VENDORS, type VendorId } from '../engine/packs/types.ts';
import { EXIT_BAD_INPUT, EXIT_OK, intArg, located, progressBar, vendorArg, type CommandHost, type Io } from './common.ts';

interface ImportCliOptions {
  vendor?: VendorId;
  tz?: string;
  json?: boolean;
  maxRecordMb?: number;
  map?: MapEdit[];
  pack?: string;
}

async function runImport(io: Io, casePath: string, paths: string[], o: ImportCliOptions): Promise<number> {
  const c = await Case.open(casePath, { create: true });
  let mapping;
  try {
    mapping = o.pack ? await readPackFile(c.db, o.pack) : undefined;
  } catch (e) {
    c.close();
    throw e;
  }
  const author = o.map?.length ? await new AuthorSetting(defaultDataDir()).get() : undefined;
  const bar = progressBar(io);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  let summary: ImportSummary;
  try {
    summary = await importPaths(c, {
      paths,
      ...(o.vendor ? { vendor: o.vendor } : {}),
      ...(mapping ? { mapping } : {}),
      ...(o.map?.length ? { mapEdits: o.map, ...(author ? { author } : {}) } : {}),
      tz: o.tz ?? 'UTC',
      signal: ac.signal,
      onProgress: (p) => bar.update(p),
      ...(o.maxRecordMb ? { limits: { maxRecordBytes: o.maxRecordMb * 1024 * 1024 } } : {}),
    });
  } finally {
    bar.stop();
    process.off('SIGINT', onSig);
    c.close();
  }
  const failed = summary.batches.filter((b) => b.error);
  if (o.json) {
    io.out(
      JSON.stringify({
        batches: summary.batches.map((b) => ({
          file: b.file, sha256: b.sha256, vendor: b.vendor, format: b.format, events: b.events, duplicates: b.duplicates,
          id_conflicts: b.idConflicts, rejects: b.rejects, ...(b.mapping ? { mapping: b.mapping } : {}), ...(b.blankLines ? { blank_lines: b.blankLines } : {}), ...(b.error ? { error: b.error.message } : {}),
        })),
        events_total: summary.eventsTotal,
        cancelled: summary.cancelled,
      }) + '\n',
    );
  } else {
    for (const b of summary.batches) {
      if (b.error) io.err(`auditlens: ${located({ ...b.error, file: b.error.file ?? b.file })}\n`);
      else {
        io.out(
          `${b.file}: ${b.events} events (${b.vendor}, ${b.format})` +
            `${b.duplicates ? `, ${b.duplicates} already in the case` : ''}${b.rejects ? `, ${b.rejects} rejected (see: auditlens info --rejects)` : ''}` +
            `${b.blankLines ? `, ${b.blankLines} blank lines skipped` : ''}` +
            `${b.idConflicts ? `; ${conflictText(b.idConflicts)}` : ''}\n`,
        );
        // A detected mapping is a guess: show what it read and why, so it can be checked at once.
        if (b.vendor === 'generic') for (const m of b.mapping ?? []) io.out(`  ${m.column} ← ${m.from}: ${m.why}\n`);
      }
    }
    io.out(`${summary.eventsTotal} new events in ${casePath}${summary.cancelled ? ' (cancelled; the file in progress was not imported)' : ''}\n`);
  }
  if (summary.cancelled) return EXIT_BAD_INPUT;
  return failed.length ? EXIT_BAD_INPUT : EXIT_OK;
}

export function collectMap(v: string, prev: MapEdit[]): MapEdit[] {
  return [...prev, parseMapSpec(v)];
}

/** Records sharing a vendor id with a different record: said apart, because each one is kept. */
function conflictText(n: number): string {
  return n === 1
    ? '1 record shares an id with a different record; both kept'
    : `${n} records share an id with a different record; ${n === 2 ? 'both' : 'all'} kept`;
}

export function registerImport({ program, io, setCode }: CommandHost): void {
  program
    .command('import')
    .description('import files, folders, .gz and .zip into a case (created if absent)')
    .argument('<case>', 'case file (.duckdb)')
    .argument('<paths...>', 'files or folders to import')
    .option('--vendor <id>', `force a mapping pack (${VENDORS.join(', ')})`, vendorArg)
    .option('--tz <zone>', 'IANA time zone for times without an offset', 'UTC')
    .option('--map <column=source>', 'correct one column of the mapping, e.g. actor=user.email (repeatable; kept in the case for the source)', collectMap, [])
    .option('--pack <file>', 'map with this pack file (one saved from the mapping editor or auditlens remap --save)')
    .option('--max-record-mb <n>', 'largest single record (NDJSON line or JSON document)', intArg)
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, paths: string[], o) => setCode(await runImport(io, casePath, paths, o)));
}
