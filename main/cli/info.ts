import { caseInfo } from '../engine/case/api.ts';
import { Case } from '../engine/case/case.ts';
import { listBatches, listSources } from '../engine/import/api.ts';
import { EXIT_OK, type CommandHost, type Io } from './common.ts';

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
      io.out(`  #${b.id} ${b.origin}\n      ${b.format}, ${b.vendor} pack v${b.pack_version}, ${b.events} events, ${b.duplicates} duplicates, ${b.idConflicts ? `${b.idConflicts} sharing an id with a different record, ` : ''}${b.rejects} rejects, tz ${b.assumed_tz}\n      sha256 ${b.sha256} (${b.bytes} bytes) at ${b.finished_at}\n`);
      io.out('      mapping:\n');
      for (const m of b.mapping) io.out(`        ${m.column} ← ${m.from}: ${m.why}\n`);
    }
    if (o.rejects) {
      io.out(rejects.length === 0 ? 'Rejects: no rejects\n' : `Rejects${info.rejects > rejects.length ? ` (first ${rejects.length} of ${info.rejects})` : ''}:\n`);
      for (const r of rejects) io.out(`  batch ${r.batch_id} ${r.locator}: ${r.reason}\n      ${(r.excerpt ?? '').replace(/\s+/g, ' ')}\n`);
    }
    return EXIT_OK;
  } finally {
    c.close();
  }
}

export function registerInfo({ program, io, setCode }: CommandHost): void {
  program
    .command('info')
    .description('sources, batches, events per vendor and time range of a case')
    .argument('<case>')
    .option('--json', 'print JSON')
    .option('--rejects', 'also list rejected records (first 1000)')
    .action(async (casePath: string, o) => setCode(await runInfo(io, casePath, o)));
}
