import { randomUUID } from 'node:crypto';
import type { AuditApi, CollectApi, CollectorInfo, PullRequest, PullSummary } from '../../../preload/api.ts';
import { caseInfo } from '../case/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { coverageReport } from './coverage.ts';
import { envCredential, resolveCredential, type CredentialStore } from './credentials.ts';
import type { HttpOptions } from './http/client.ts';
import { resolvePull } from './request.ts';
import { runPull } from './runner.ts';
import { listStoredPulls, loadPull, toPullRow } from './store.ts';
import { verifyCase } from './verify.ts';
import { COLLECTORS, vendorById } from './vendors/index.ts';

export interface CollectHost {
  credentials?: CredentialStore;
  env?: Record<string, string | undefined>;
  /** Tests shorten waits and retries. */
  http?: Partial<HttpOptions>;
}

/** API pulls (one long job at a time per engine, shared with imports), coverage and verification. */
export function collectApi(ctx: EngineContext, host: CollectHost = {}) {
  const env = host.env ?? process.env;
  const live = new Map<string, number>();

  const run = async (start: (o: { jobId: string; signal: AbortSignal }) => Promise<PullSummary>): Promise<PullSummary> => {
    const c = ctx.need();
    c.assertWritable('Pulling from an API');
    if (ctx.jobs.size > 0) throw new EngineError('busy', 'an import or pull is running; wait for it or cancel it');
    const jobId = randomUUID();
    const ac = new AbortController();
    ctx.jobs.set(jobId, ac);
    try {
      const summary = await start({ jobId, signal: ac.signal });
      ctx.emit('pull-done', summary);
      ctx.emit('case-changed', await caseInfo(c));
      return summary;
    } finally {
      ctx.jobs.delete(jobId);
      live.delete(jobId);
    }
  };

  const common = (jobId: string, signal: AbortSignal) => ({
    jobId,
    signal,
    env,
    ...(host.http ? { http: { ...host.http, env: host.http.env ?? env } } : {}),
    onProgress: (p: Parameters<NonNullable<Parameters<typeof runPull>[2]['onProgress']>>[0]) => {
      live.set(jobId, p.pullId);
      ctx.emit('pull-progress', p);
    },
  });

  return {
    collectors: () =>
      wrap(async (): Promise<CollectorInfo[]> => {
        const out: CollectorInfo[] = [];
        for (const v of COLLECTORS) {
          const keychain = (await host.credentials?.has(`${v.id}:`)) ?? false;
          out.push({
            id: v.id, label: v.label, envVar: v.envVar, credentialName: v.credentialName,
            credentialFrom: envCredential(v, env) ? 'env' : keychain ? 'keychain' : null,
            defaultBaseUrl: v.defaultBaseUrl({}) ?? null, required: v.required, oneOf: v.oneOf ?? [], filters: v.filters, canRemember: Boolean(host.credentials),
          });
        }
        return out;
      }),
    startPull: (req: PullRequest) =>
      wrap(() =>
        run(async ({ jobId, signal }) => {
          const c = ctx.need();
          const r = resolvePull(req, Date.now());
          const credential = await resolveCredential({ vendor: r.vendor, tenant: r.tenant, typed: req.credential, remember: req.remember, store: host.credentials, env });
          const { credential: _typed, remember: _remember, ...rest } = req;
          return runPull(c, rest, { ...common(jobId, signal), credential });
        }),
      ),
    resumePull: (q: { pullId: number; credential?: string }) =>
      wrap(() =>
        run(async ({ jobId, signal }) => {
          const c = ctx.need();
          const p = await loadPull(c.reader, Number(q.pullId));
          if (!p) throw new EngineError('not-found', `no pull #${q.pullId} in this case`);
          const vendor = vendorById(p.vendor);
          if (!vendor) throw new EngineError('internal', `no collector for ${p.vendor}`);
          const credential = await resolveCredential({ vendor, tenant: vendor.tenant(p.baseUrl, p.scope), typed: q.credential, store: host.credentials, env });
          return runPull(c, null, { ...common(jobId, signal), credential, resumeId: p.id });
        }),
      ),
    cancelPull: (jobId: string) =>
      wrap(async () => {
        const ac = ctx.jobs.get(jobId);
        if (!ac) return false;
        ac.abort();
        return true;
      }),
    listPulls: () =>
      wrap(async () => {
        const running = new Set(live.values());
        return (await listStoredPulls(ctx.need().reader)).map((p) => toPullRow(p, running.has(p.id)));
      }),
    coverage: () => wrap(() => coverageReport(ctx.need().reader, new Set(live.values()))),
    verifyCase: () => wrap(() => verifyCase(ctx.need())),
  } satisfies Pick<AuditApi, keyof CollectApi>;
}
