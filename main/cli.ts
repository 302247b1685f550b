import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import type { EntityKind, EventColumn, ImportProgress, ImportSummary } from '../preload/api.ts';
import { timeline } from './engine/timeline/entity.ts';
import { objectHistory, stateAt } from './engine/timeline/history.ts';
import { caseInfo, listBatches, listSources } from './engine/api.ts';
import { Case } from './engine/case/case.ts';
import { EngineError, toApiError } from './engine/errors.ts';
import { importPaths } from './engine/import/importer.ts';
import { eventPage } from './engine/query/events.ts';
import { FILTER_COLUMNS } from './engine/query/filter.ts';
import { VENDORS, type VendorId } from './engine/packs/types.ts';
import { formatEvents, type OutputFormat } from './cli-format.ts';

/** Exit codes: 0 done (rejects are listed, not fatal), 1 bad input or refused file, 2 usage. */
const EXIT_OK = 0;
const EXIT_BAD_INPUT = 1;
const EXIT_USAGE = 2;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

function intArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function vendorArg(v: string): VendorId {
  if (!(VENDORS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${VENDORS.join(', ')}`);
  return v as VendorId;
}

function where(e: { file?: string; line?: number }): string {
  return e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
}

function progressBar(io: Io): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!io.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: ' {file} |{bar}| {percentage}% · {events} events · {rate}/s · {phase} · ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentFile = '';
  return {
    update(p) {
      if (!started || currentFile !== p.file) {
        if (started) bar.stop();
        bar.start(Math.max(1, p.bytesTotal), 0, { file: p.file, events: 0, rate: 0, phase: p.phase });
        started = true;
        currentFile = p.file;
      }
      bar.update(p.bytesDone, { file: `[${p.fileIndex + 1}/${p.fileCount}] ${p.file}`, events: p.events, rate: p.eventsPerSecond, phase: p.phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function runImport(io: Io, casePath: string, paths: string[], o: { vendor?: VendorId; tz?: string; json?: boolean; maxRecordMb?: number }): Promise<number> {
  const c = await Case.open(casePath, { create: true });
  const bar = progressBar(io);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  let summary: ImportSummary;
  try {
    summary = await importPaths(c, {
      paths,
      ...(o.vendor ? { vendor: o.vendor } : {}),
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
          rejects: b.rejects, ...(b.error ? { error: b.error.message } : {}),
        })),
        events_total: summary.eventsTotal,
        cancelled: summary.cancelled,
      }) + '\n',
    );
  } else {
    for (const b of summary.batches) {
      if (b.error) io.err(`auditlens: ${where(b.error)}${b.error.message}\n`);
      else {
        io.out(
          `${b.file}: ${b.events} events (${b.vendor}, ${b.format})` +
            `${b.duplicates ? `, ${b.duplicates} already in the case` : ''}${b.rejects ? `, ${b.rejects} rejected (see: auditlens info --rejects)` : ''}\n`,
        );
      }
    }
    io.out(`${summary.eventsTotal} new events in ${casePath}${summary.cancelled ? ' (cancelled; the file in progress was not imported)' : ''}\n`);
  }
  if (summary.cancelled) return EXIT_BAD_INPUT;
  return failed.length ? EXIT_BAD_INPUT : EXIT_OK;
}

async function runInfo(io: Io, casePath: string, o: { json?: boolean; rejects?: boolean }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    const info = await caseInfo(c);
    const sources = await listSources(c);
    const batches = await listBatches(c);
    const rejects = o.rejects
      ? await c.db.all<{ batch_id: number; locator: string; reason: string; excerpt: string | null }>(
          'SELECT batch_id, locator, reason, left(excerpt, 200) AS excerpt FROM rejects ORDER BY id LIMIT 1000',
        )
      : [];
    if (o.json) {
      // The lists replace the counts of the same name (their lengths).
      io.out(JSON.stringify({ ...info, sources, batches, ...(o.rejects ? { rejects: rejects.map((r) => ({ ...r, batch_id: Number(r.batch_id) })) } : {}) }) + '\n');
      return EXIT_OK;
    }
    io.out(`Case ${info.path} (schema v${info.schemaVersion})\n`);
    io.out(`  ${info.events} events, ${info.sources} sources, ${info.batches} batches, ${info.rejects} rejects\n`);
    io.out(`  time range: ${info.timeMin ?? '-'} … ${info.timeMax ?? '-'} (UTC)\n`);
    io.out('Events per vendor:\n');
    for (const v of info.byVendor) io.out(`  ${v.vendor.padEnd(12)} ${v.events}\n`);
    io.out('Sources:\n');
    for (const s of sources) io.out(`  #${s.id} ${s.vendor} · ${s.label}${s.tenant ? ` · ${s.tenant}` : ''} · ${s.events} events\n`);
    io.out('Batches:\n');
    for (const b of batches) {
      io.out(`  #${b.id} ${b.origin}\n      ${b.format}, ${b.vendor} pack v${b.pack_version}, ${b.events} events, ${b.duplicates} duplicates, ${b.rejects} rejects, tz ${b.assumed_tz}\n      sha256 ${b.sha256} (${b.bytes} bytes) at ${b.finished_at}\n`);
    }
    if (o.rejects) {
      io.out('Rejects:\n');
      for (const r of rejects) io.out(`  batch ${r.batch_id} ${r.locator}: ${r.reason}\n      ${(r.excerpt ?? '').replace(/\s+/g, ' ')}\n`);
    }
    return EXIT_OK;
  } finally {
    c.close();
  }
}

async function runQuery(io: Io, casePath: string, filter: string | undefined, o: { limit: number; offset: number; sort?: string; desc?: boolean; format: OutputFormat }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    const sortCol = o.sort ?? 'event_time';
    if (!(FILTER_COLUMNS as readonly string[]).includes(sortCol) || sortCol === 'raw' || sortCol === 'changes') {
      throw new EngineError('bad-input', `cannot sort by ${sortCol}; sort by one of ${FILTER_COLUMNS.join(', ')}`);
    }
    const page = await eventPage(c.db, {
      ...(filter ? { filter } : {}),
      sort: { column: sortCol as EventColumn, dir: o.desc ? 'desc' : 'asc' },
      limit: o.limit,
      offset: o.offset,
    });
    io.out(formatEvents(page.rows, o.format));
    if (o.format === 'table') io.err(`${page.rows.length} of ${page.total} events (offset ${page.offset}, ${page.elapsedMs} ms)\n`);
    return EXIT_OK;
  } finally {
    c.close();
  }
}

async function runServe(io: Io, casePath: string | undefined, o: { port?: number; host?: string }): Promise<number> {
  const { createEngine } = await import('./engine/api.ts');
  const { startServer } = await import('./serve.ts');
  const { buildDemo } = await import('./demo/demo-case.ts');
  const engine = await createEngine(casePath ? { casePath, create: true, buildDemo } : { buildDemo });
  const server = await startServer({ engine, ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}) });
  io.out(`AuditLens is serving ${casePath ?? '(no case open)'} at ${server.url}\n`);
  if (o.host && !['127.0.0.1', 'localhost', '::1'].includes(o.host)) {
    io.err(`auditlens: warning: listening on ${o.host}, reachable from other machines; the token is the only guard\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await engine.dispose();
  return EXIT_OK;
}

function keyValue(v: string): { key: string; value: string } {
  const i = v.indexOf('=');
  if (i <= 0 || i === v.length - 1) throw new InvalidArgumentError('must be KIND=VALUE');
  return { key: v.slice(0, i), value: v.slice(i + 1) };
}

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

export function buildProgram(io: Io, setCode: (n: number) => void): Command {
  const program = new Command('auditlens')
    .description('Forensic viewer for audit logs: import exports into a case file, query them, serve the viewer.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program
    .command('import')
    .description('import files, folders, .gz and .zip into a case (created if absent)')
    .argument('<case>', 'case file (.duckdb)')
    .argument('<paths...>', 'files or folders to import')
    .option('--vendor <id>', `force a mapping pack (${VENDORS.join(', ')})`, vendorArg)
    .option('--tz <zone>', 'IANA time zone for times without an offset', 'UTC')
    .option('--max-record-mb <n>', 'largest single record (NDJSON line or JSON document)', intArg)
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, paths: string[], o) => setCode(await runImport(io, casePath, paths, o)));
  program
    .command('info')
    .description('sources, batches, events per vendor and time range of a case')
    .argument('<case>')
    .option('--json', 'print JSON')
    .option('--rejects', 'also list rejected records (first 1000)')
    .action(async (casePath: string, o) => setCode(await runInfo(io, casePath, o)));
  program
    .command('query')
    .description("events matching a filter, e.g. \"actor = 'x' AND action IN ('DELETED')\"")
    .argument('<case>')
    .argument('[filter]', 'SQL boolean expression over the event columns')
    .option('--limit <n>', 'rows to print', intArg, 100)
    .option('--offset <n>', 'rows to skip', intArg, 0)
    .option('--sort <column>', 'sort column', 'event_time')
    .option('--desc', 'sort descending')
    .option('--format <f>', 'table | json | ndjson | csv', (v: string) => {
      if (!['table', 'json', 'ndjson', 'csv'].includes(v)) throw new InvalidArgumentError('must be table, json, ndjson or csv');
      return v as OutputFormat;
    }, 'table' as OutputFormat)
    .action(async (casePath: string, filter: string | undefined, o) => setCode(await runQuery(io, casePath, filter, o)));
  const tableOrJson = (v: string): 'table' | 'json' => {
    if (v !== 'table' && v !== 'json') throw new InvalidArgumentError('must be table or json');
    return v;
  };
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
  program
    .command('serve')
    .description('serve the viewer over HTTP on 127.0.0.1 with a per-start token')
    .argument('[case]')
    .option('--port <p>', 'port (default: a free one)', intArg)
    .option('--host <h>', 'interface to bind; anything but loopback must be asked for explicitly')
    .action(async (casePath: string | undefined, o) => setCode(await runServe(io, casePath, o)));
  return program;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (n) => {
    code = n;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const err = toApiError(e);
    io.err(`auditlens: ${where(err)}${err.message}${err.position !== undefined ? ` (at character ${err.position + 1})` : ''}\n`);
    return EXIT_BAD_INPUT;
  }
}
