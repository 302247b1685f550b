import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { CollectorId, PullRequest, PullSummary } from '../../preload/api.ts';
import { Case } from '../engine/case/case.ts';
import { runPull } from '../engine/collect/runner.ts';
import { COLLECTOR_IDS, vendorById } from '../engine/collect/vendors/index.ts';
import { EngineError } from '../engine/errors.ts';
import { EXIT_BAD_INPUT, EXIT_OK, intArg, keyValue, type CommandHost, type Io } from './common.ts';
import { CREDENTIAL_HELP, cliCredential, printSummary, pullBar, summaryJson } from './pull-output.ts';

interface PullFlags {
  from?: string;
  to?: string;
  baseUrl?: string;
  project?: string;
  deployment?: string;
  pipeline?: string;
  org?: string;
  enterprise?: string;
  region?: 'us' | 'eu';
  filter?: { key: string; value: string }[];
  details?: boolean;
  include?: 'web' | 'git' | 'all';
  pageSize?: number;
  maxRequests?: number;
  restart?: boolean;
  caFile?: string;
  eventId?: string;
  json?: boolean;
}

function collectorArg(v: string): CollectorId {
  if (!(COLLECTOR_IDS as string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${COLLECTOR_IDS.join(', ')}`);
  return v as CollectorId;
}

function regionArg(v: string): 'us' | 'eu' {
  if (v !== 'us' && v !== 'eu') throw new InvalidArgumentError('must be us or eu');
  return v;
}

function includeArg(v: string): 'web' | 'git' | 'all' {
  if (v !== 'web' && v !== 'git' && v !== 'all') throw new InvalidArgumentError('must be web, git or all');
  return v;
}

export function caCerts(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch (e) {
    throw new EngineError('bad-input', `cannot read --ca-file ${file}: ${(e as Error).message}`);
  }
}

/** Runs one pull with a progress bar and Ctrl-C as cancel (the pages fetched so far are committed). */
export async function pullWithIo(io: Io, c: Case, req: PullRequest | null, o: { credential: string; resumeId?: number; caFile?: string }): Promise<PullSummary> {
  const bar = pullBar(io);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  try {
    return await runPull(c, req, {
      credential: o.credential,
      ...(o.resumeId !== undefined ? { resumeId: o.resumeId } : {}),
      signal: ac.signal,
      env: io.env ?? process.env,
      http: { env: io.env ?? process.env, caCerts: caCerts(o.caFile) },
      onProgress: (p) => bar.update(p),
    });
  } finally {
    bar.stop();
    process.off('SIGINT', onSig);
  }
}

async function runPullCommand(io: Io, vendorId: CollectorId, casePath: string, f: PullFlags): Promise<number> {
  const vendor = vendorById(vendorId);
  if (!vendor) throw new EngineError('bad-input', `no collector ${vendorId}`);
  const filters = Object.fromEntries((f.filter ?? []).map((x) => [x.key, x.value]));
  const req: PullRequest = {
    vendor: vendorId, from: f.from ?? '', ...(f.eventId ? { eventId: f.eventId } : {}),
    ...(f.to ? { to: f.to } : {}), ...(f.baseUrl ? { baseUrl: f.baseUrl } : {}), ...(f.project ? { project: f.project } : {}),
    ...(f.deployment ? { deployment: f.deployment } : {}), ...(f.pipeline ? { pipeline: f.pipeline } : {}), ...(f.org ? { org: f.org } : {}),
    ...(f.enterprise ? { enterprise: f.enterprise } : {}), ...(f.region ? { region: f.region } : {}),
    ...(Object.keys(filters).length ? { filters } : {}), ...(f.details ? { details: true } : {}), ...(f.include ? { include: f.include } : {}),
    ...(f.pageSize ? { pageSize: f.pageSize } : {}), ...(f.maxRequests ? { maxRequests: f.maxRequests } : {}), ...(f.restart ? { restart: true } : {}),
  };
  const credential = await cliCredential(io, vendor);
  const c = await Case.open(casePath, { create: true });
  let s: PullSummary;
  try {
    s = await pullWithIo(io, c, req, { credential, ...(f.caFile ? { caFile: f.caFile } : {}) });
  } finally {
    c.close();
  }
  if (f.json) io.out(JSON.stringify(summaryJson(s)) + '\n');
  else printSummary(io, s, casePath);
  return s.status === 'complete' ? EXIT_OK : EXIT_BAD_INPUT;
}

export function registerPull({ program, io, setCode }: CommandHost): void {
  const collect = (v: string, prev: { key: string; value: string }[] = []): { key: string; value: string }[] => [...prev, keyValue(v)];
  program
    .command('pull')
    .description('pull audit events from a vendor API into a case (created if absent); an unfinished pull with the same parameters resumes')
    .argument('<vendor>', `collector: ${COLLECTOR_IDS.join(', ')}`, collectorArg)
    .argument('<case>', 'case file (.duckdb)')
    .option('--from <date>', 'start: YYYY-MM-DD (UTC) or an ISO 8601 time with zone (required unless --event-id)')
    .option('--to <date>', 'end (exclusive), default now')
    .option('--base-url <url>', "the API's base URL (an Okta domain, on-premises hosts); the vendor's public API by default")
    .option('--project <p>', 'UbiOps project')
    .option('--deployment <d>', 'UbiOps deployment (within --project)')
    .option('--pipeline <p>', 'UbiOps pipeline (within --project)')
    .option('--org <o>', 'GitHub organization')
    .option('--enterprise <e>', 'GitHub enterprise (slug)')
    .option('--region <us|eu>', 'Squadcast region', regionArg)
    .option('--filter <key=value>', 'vendor filter, repeatable (epilot: service_name, event_name, outcome, method, user_email, user_id; UbiOps: action; Okta: filter, q; GitHub: phrase)', collect)
    .option('--event-id <id>', 'epilot, Squadcast: fetch this one event by id instead of a range')
    .option('--details', 'Squadcast: fetch every entry with its IP, user agent and changes')
    .option('--include <web|git|all>', 'GitHub: event types (default all)', includeArg)
    .option('--page-size <n>', 'records per page (capped at the vendor maximum)', intArg)
    .option('--max-requests <n>', 'stop after n HTTP requests (resume later)', intArg)
    .option('--restart', 'start a new pull even if an unfinished one with these parameters exists')
    .option('--ca-file <pem>', 'trust this CA certificate too (private CA of an on-premises host)')
    .option('--json', 'print one JSON object: pages, events, duplicates, windows, coverage')
    .addHelpText('after', `\n${CREDENTIAL_HELP}\nExit codes: 0 complete, 1 not complete (failed, stopped, cancelled, or a window could not be covered), 2 usage.`)
    .action(async (vendor: CollectorId, casePath: string, f: PullFlags) => setCode(await runPullCommand(io, vendor, casePath, f)));
}
