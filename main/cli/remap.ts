import { writeFile } from 'node:fs/promises';
import { AuthorSetting } from '../engine/annotate/author.ts';
import { Case } from '../engine/case/case.ts';
import { EngineError } from '../engine/errors.ts';
import { defaultDataDir } from '../engine/host-state.ts';
import { applyToSource, editedMapping } from '../engine/mapping/api.ts';
import { currentMapping } from '../engine/mapping/current.ts';
import { applyEdits, type MapEdit } from '../engine/mapping/map-spec.ts';
import { packFileText } from '../engine/mapping/pack-file.ts';
import { collectMap } from './import.ts';
import { EXIT_BAD_INPUT, EXIT_OK, intArg, type CommandHost, type Io } from './common.ts';

interface RemapOptions {
  source: number;
  map: MapEdit[];
  save?: string;
  json?: boolean;
}

/**
 * Re-maps one source's events in place from their stored raw records with corrected columns:
 * nothing is re-imported, event ids stay, the mapping is kept in the case and logged.
 */
async function runRemap(io: Io, casePath: string, o: RemapOptions): Promise<number> {
  const c = await Case.open(casePath);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  try {
    const cur = await currentMapping(c.db, o.source);
    const edit = applyEdits(cur.pack, o.map);
    const pack = await editedMapping(c.db, cur, { fields: edit.fields, changes: edit.changes ?? [] });
    if (o.save) await writeFile(o.save, packFileText(pack), { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      throw new EngineError(e.code === 'EEXIST' ? 'refused' : 'bad-input', `${o.save}: ${e.code === 'EEXIST' ? 'exists already; name a new file' : e.message}`);
    });
    if (o.map.length === 0) {
      if (!o.save) throw new EngineError('bad-input', 'nothing to do: give --map COLUMN=SOURCE (repeatable) or --save FILE');
      io.out(`mapping of source ${o.source} saved to ${o.save}\n`);
      return EXIT_OK;
    }
    const author = await new AuthorSetting(defaultDataDir()).get();
    const s = await applyToSource(c, cur, pack, { author, signal: ac.signal });
    if (o.json) io.out(JSON.stringify({ source_id: s.sourceId, events: s.events, changed: s.changed, columns: s.columns, cancelled: s.cancelled, ms: s.ms }) + '\n');
    else if (s.cancelled) io.out('cancelled: nothing changed\n');
    else {
      const cols = Object.entries(s.columns).map(([k, n]) => `${k} ${n}`).join(', ');
      io.out(`source ${s.sourceId} (${cur.source.vendor}, ${cur.source.label}): ${s.changed} of ${s.events} events changed${cols ? ` (${cols})` : ''}\n`);
    }
    return s.cancelled ? EXIT_BAD_INPUT : EXIT_OK;
  } finally {
    process.off('SIGINT', onSig);
    c.close();
  }
}

export function registerRemap({ program, io, setCode }: CommandHost): void {
  program
    .command('remap')
    .description('correct the mapping of one source and re-map its events in place from their raw records (auditlens info lists sources)')
    .argument('<case>', 'case file (.duckdb)')
    .requiredOption('--source <id>', 'the source id', intArg)
    .option('--map <column=source>', 'set one column, e.g. actor=user.email or outcome=result|map:ok=success (repeatable; COLUMN= unmaps it)', collectMap, [])
    .option('--save <file>', 'also write the resulting mapping as a pack file (loads with import --pack)')
    .option('--json', 'print a JSON summary')
    .action(async (casePath: string, o: RemapOptions) => setCode(await runRemap(io, casePath, o)));
}
