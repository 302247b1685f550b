import { InvalidArgumentError } from 'commander';
import type { ViewColumn } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { EngineError } from '../engine/errors.ts';
import { countEvents, eventPage } from '../engine/query/events.ts';
import { DERIVED_COLUMNS, FILTER_COLUMNS, filterColumnNames } from '../engine/query/filter.ts';
import { formatEvents, type OutputFormat } from '../cli-format.ts';
import { EXIT_OK, intArg, type CommandHost, type Io } from './common.ts';

async function runQuery(io: Io, casePath: string, filter: string | undefined, o: { limit: number; offset: number; sort?: string; desc?: boolean; format: OutputFormat; count?: boolean }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    if (o.count) {
      io.out(`${await countEvents(c.db, filter ? { filter } : {})}\n`);
      return EXIT_OK;
    }
    const sortCol = o.sort ?? 'event_time';
    if (!(FILTER_COLUMNS as readonly string[]).includes(sortCol) || sortCol === 'raw' || sortCol === 'changes') {
      throw new EngineError('bad-input', `cannot sort by ${sortCol}; sort by one of ${FILTER_COLUMNS.filter((c) => c !== 'raw' && c !== 'changes').join(', ')}`);
    }
    const page = await eventPage(c.db, {
      ...(filter ? { filter } : {}),
      sort: { column: sortCol as ViewColumn, dir: o.desc ? 'desc' : 'asc' },
      limit: o.limit,
      offset: o.offset,
    });
    io.out(formatEvents(page.rows, o.format));
    if (o.format === 'table') io.err(`${page.rows.length} of ${page.total} events (offset ${page.offset}, ${page.elapsedMs} ms)\n`);
    return EXIT_OK;
  } finally {
    await c.close();
  }
}

/** The filter language in brief, with every column it knows (the same list the viewer completes). */
export function filterHelp(): string {
  const columns = filterColumnNames().map((c) => (DERIVED_COLUMNS[c] ? `${c} (= ${DERIVED_COLUMNS[c]})` : c));
  const lines: string[] = [];
  let line = ' ';
  for (const c of columns) {
    if (line.length + c.length + 2 > 96) {
      lines.push(line.trimEnd());
      line = ' ';
    }
    line += ` ${c},`;
  }
  lines.push(line.replace(/,$/, ''));
  return [
    '',
    'The filter is a SQL boolean expression over these columns (the viewer\'s filter bar takes the same):',
    ...lines,
    '',
    'Operators: = <> < > <= >= AND OR NOT IN BETWEEN LIKE ILIKE IS [NOT] NULL; functions such as lower, contains,',
    'regexp_matches, date_trunc, json_extract_string. Times are UTC. Literals are bound as parameters.',
    '',
    'Examples:',
    "  auditlens query case.duckdb \"actor = 'dana@acme.example' AND action_class = 'delete'\"",
    "  auditlens query case.duckdb \"event_time >= '2025-03-04' AND contains(raw, 'paste.example.net')\" --format ndjson",
  ].join('\n');
}

export function registerQuery({ program, io, setCode }: CommandHost): void {
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
    .option('--count', 'print only how many events match')
    .addHelpText('after', filterHelp())
    .action(async (casePath: string, filter: string | undefined, o) => setCode(await runQuery(io, casePath, filter, o)));
}
