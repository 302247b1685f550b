import type { PullSummary } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { syncPlans } from '../engine/collect/sync.ts';
import { vendorById } from '../engine/collect/vendors/index.ts';
import { toApiError } from '../engine/errors.ts';
import { EXIT_BAD_INPUT, EXIT_OK, type CommandHost, type Io } from './common.ts';
import { CREDENTIAL_HELP, cliCredential, printSummary, summaryJson } from './pull-output.ts';
import { pullWithIo } from './pull.ts';

async function runSync(io: Io, casePath: string, o: { json?: boolean; caFile?: string }): Promise<number> {
  const c = await Case.open(casePath);
  const results: (PullSummary | { scopeKey: string; error: string })[] = [];
  let ok = true;
  try {
    const { plans, skipped } = await syncPlans(c.db);
    for (const s of skipped) {
      ok = false;
      if (!o.json) io.err(`auditlens: ${s.scopeKey}: ${s.reason}\n`);
    }
    if (plans.length === 0 && !o.json && skipped.length === 0) io.out('nothing to sync: no API source with a complete pull\n');
    for (const plan of plans) {
      const vendor = vendorById(plan.request.vendor);
      if (!vendor) continue;
      try {
        if (!o.json) io.out(`${plan.scopeKey}: pulling from ${plan.request.from}\n`);
        const credential = await cliCredential(io, vendor);
        const s = await pullWithIo(io, c, plan.request, { credential, ...(o.caFile ? { caFile: o.caFile } : {}) });
        results.push(s);
        if (s.status !== 'complete') ok = false;
        if (!o.json) printSummary(io, s, casePath);
      } catch (e) {
        ok = false;
        const msg = toApiError(e).message;
        results.push({ scopeKey: plan.scopeKey, error: msg });
        if (!o.json) io.err(`auditlens: ${plan.scopeKey}: ${msg}\n`);
      }
    }
    if (o.json) {
      io.out(JSON.stringify({ syncs: results.map((r) => ('pullId' in r ? summaryJson(r) : r)), skipped }) + '\n');
    }
  } finally {
    c.close();
  }
  return ok ? EXIT_OK : EXIT_BAD_INPUT;
}

export function registerSync({ program, io, setCode }: CommandHost): void {
  program
    .command('sync')
    .description('for each API source pulled before, pull only what is newer than its last complete pull')
    .argument('<case>')
    .option('--ca-file <pem>', 'trust this CA certificate too')
    .option('--json', 'print JSON')
    .addHelpText('after', `\n${CREDENTIAL_HELP}`)
    .action(async (casePath: string, o) => setCode(await runSync(io, casePath, o)));
}
