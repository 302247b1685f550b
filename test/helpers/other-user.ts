import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The unprivileged account tests use to meet file permissions (root reads and writes everything). */
export const NOBODY = 65534;

/**
 * Runs a TypeScript file in a child process as another user when the tests run as root, so file
 * permissions apply as they do for an investigator; as any other user it runs as that user (the
 * permissions set by the test then apply directly). Killed past `deadlineMs`.
 */
export function runAsUnprivileged(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  deadlineMs = 30_000,
): Promise<{ code: number; out: string; err: string }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // A child that hangs is killed and the test fails with what it printed, instead of hanging.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${deadlineMs} ms; stdout: ${out.slice(0, 500)}; stderr: ${err.slice(0, 500)}`));
    }, deadlineMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, err });
    });
  });
}
