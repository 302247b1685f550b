import type { ChildProcess } from 'node:child_process';

/**
 * The first line a child prints, or a failure (the child killed) when it prints nothing within
 * `deadlineMs` or exits first: a test waiting on a child never hangs.
 */
export function firstLine(child: ChildProcess, deadlineMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const done = (f: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      f();
    };
    const onData = (d: Buffer): void => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) done(() => resolve(buf.slice(0, nl)));
    };
    const onExit = (code: number | null): void => done(() => reject(new Error(`the child exited (${code}) before printing a line`)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(() => reject(new Error(`the child printed no line within ${deadlineMs} ms`)));
    }, deadlineMs);
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}
