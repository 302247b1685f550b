import cliProgress from 'cli-progress';
import type { PullProgress, PullSummary } from '../../preload/api.ts';
import { EngineError } from '../engine/errors.ts';
import { envCredential } from '../engine/collect/credentials.ts';
import type { VendorDef } from '../engine/collect/types.ts';
import { COLLECTORS } from '../engine/collect/vendors/index.ts';
import type { Io } from './common.ts';

/** What `pull` and `sync` share: the credential from the environment or a prompt, the progress bar, the summary. */

export const CREDENTIAL_HELP = `Credentials come from the environment (${COLLECTORS.map((v) => `${v.envVar} for ${v.id}`).join(', ')}),
or a prompt when run on a terminal; they are never written to the case, a log or the output.
Proxies: HTTPS_PROXY, HTTP_PROXY, NO_PROXY. TLS certificates are always verified (--ca-file adds a private CA).`;

export async function cliCredential(io: Io, vendor: VendorDef): Promise<string> {
  const fromEnv = envCredential(vendor, io.env ?? process.env);
  if (fromEnv) return fromEnv;
  const typed = await io.promptSecret?.(`${vendor.label} ${vendor.credentialName} (${vendor.envVar} is not set): `);
  if (typed?.trim()) return typed.trim();
  throw new EngineError('bad-input', `no credential for ${vendor.label}: set ${vendor.envVar} (${vendor.credentialName}), or run on a terminal to be asked`);
}

export function pullBar(io: Io): { update: (p: PullProgress) => void; stop: () => void } {
  if (!io.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: ' {vendor} |{bar}| window {win} · {pages} pages · {events} events · {rate}/s · {status}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = Math.max(1, p.window?.count ?? 1);
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      const status =
        p.phase === 'waiting' && p.last ? `waiting ${Math.round(p.last.waitMs / 100) / 10} s: ${p.last.reason}`
        : p.last?.type === 'retry' && Date.now() - Date.parse(p.last.at) < 5000 ? `retry: ${p.last.reason}`
        : p.phase;
      bar.setTotal(total);
      bar.update(p.window ? p.window.index : total, {
        vendor: p.vendor, win: p.window ? `${p.window.index + 1}/${p.window.count} ${p.window.from.slice(0, 10)}` : '-',
        pages: p.pages, events: p.events, rate: p.eventsPerSecond, status: status.slice(0, 60),
      });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function summaryJson(s: PullSummary): Record<string, unknown> {
  return {
    pull_id: s.pullId, vendor: s.vendor, status: s.status, resumed: s.resumed, pages: s.pages, events: s.events,
    duplicates: s.duplicates, rejects: s.rejects, requests: s.requests, retries: s.retries, waits: s.waits,
    windows: s.windows, coverage: s.coverage, message: s.message,
  };
}

export function printSummary(io: Io, s: PullSummary, casePath: string): void {
  const done = s.windows.filter((w) => w.state === 'done').length;
  io.out(
    `pull #${s.pullId} (${s.vendor})${s.resumed ? ' resumed' : ''}: ${s.status}; ${s.events} new events, ${s.duplicates} already in the case, ` +
      `${s.pages} pages, ${s.requests} requests, windows ${done}/${s.windows.length} complete → ${casePath}\n`,
  );
  for (const r of s.coverage) io.out(`  covered ${r.from} – ${r.to}\n`);
  for (const w of s.windows.filter((x) => x.state === 'unavailable' || x.state === 'incomplete')) {
    io.out(`  not covered ${w.from} – ${w.to}: ${w.reason ?? w.state}\n`);
  }
  if (s.message) (s.status === 'complete' ? io.out : io.err)(`${s.status === 'complete' ? '' : 'auditlens: '}${s.message}\n`);
}
