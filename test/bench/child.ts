/**
 * Every benchmark step runs in a child process with a deadline: a child that hangs (the 10M
 * browsing child once sat idle for 11 minutes after its last line) is killed and the step fails
 * with a message saying so, instead of the benchmark waiting forever.
 */
import { spawnSync } from 'node:child_process';

export interface ChildRun {
  stdout: string;
  ms: number;
}

export interface ChildOptions {
  deadlineMs: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class BenchStepFailed extends Error {}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** Runs `cmd args`, its stderr shown as it comes; throws BenchStepFailed on a deadline, a signal or a non-zero exit. */
export function runChild(label: string, cmd: string, args: string[], o: ChildOptions): ChildRun {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: Math.ceil(o.deadlineMs),
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(o.env ? { env: o.env } : {}),
    ...(o.cwd ? { cwd: o.cwd } : {}),
  });
  const ms = performance.now() - t0;
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT') {
    throw new BenchStepFailed(
      `${label}: no result within its deadline of ${seconds(o.deadlineMs)}; killed. ` +
        `Either it hangs (a process that never exits after its work is done) or this machine is far slower than the deadline allows.` +
        (r.stdout ? `\n  its last output: ${r.stdout.trim().split('\n').slice(-3).join(' | ')}` : ''),
    );
  }
  if (r.error) throw new BenchStepFailed(`${label}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new BenchStepFailed(`${label}: exited with ${r.status ?? r.signal ?? 'nothing'}`);
  return { stdout: r.stdout, ms };
}

/** A node child running a TypeScript file through tsx. */
export function runTs(label: string, script: string, args: string[], o: ChildOptions): ChildRun {
  return runChild(label, process.execPath, ['--import', 'tsx', script, ...args], o);
}

/** `n` times `per` (at least `min`): deadlines that grow with the work and never wait forever. */
export function deadline(min: number, per: number, n: number): number {
  return Math.max(min, per * n);
}
