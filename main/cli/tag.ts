import { AuthorSetting } from '../engine/annotate/author.ts';
import { bulkTag } from '../engine/annotate/bulk.ts';
import { checkAuthor } from '../engine/annotate/validate.ts';
import { Case } from '../engine/case/case.ts';
import { defaultDataDir } from '../engine/host-state.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

interface TagOptions {
  tag: string;
  note?: string;
  author?: string;
  json?: boolean;
}

/** Bulk triage from scripts: tag (and optionally note) every event a filter matches. */
async function runTag(io: Io, casePath: string, filter: string, o: TagOptions): Promise<number> {
  const author = o.author !== undefined ? checkAuthor(o.author) : await new AuthorSetting(defaultDataDir()).get();
  const c = await Case.open(casePath);
  try {
    const r = await bulkTag(c, { scope: { filter }, tag: o.tag, ...(o.note !== undefined ? { note: o.note } : {}) }, author);
    if (o.json) io.out(JSON.stringify({ tag: o.tag, tagged: r.tagged, already: r.already, author }) + '\n');
    else io.out(`${r.tagged} events tagged ${JSON.stringify(o.tag)}${r.already ? ` (${r.already} had it already)` : ''} by ${author}\n`);
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerTag({ program, io, setCode }: CommandHost): void {
  program
    .command('tag')
    .description("tag every event a filter matches, e.g. auditlens tag case.duckdb \"src_ip = '203.0.113.7'\" --tag exfil")
    .argument('<case>')
    .argument('<filter>', "SQL boolean expression over the event columns ('' for every event)")
    .requiredOption('--tag <tag>', 'the tag to add')
    .option('--note <text>', "also add this to each event's note (a new paragraph when it has one)")
    .option('--author <name>', 'record the annotations as this author (default: your AuditLens author name, else the OS user)')
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, filter: string, o: TagOptions) => setCode(await runTag(io, casePath, filter, o)));
}
