import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../../preload/api.ts';
import { VENDORS, type VendorId } from '../engine/packs/types.ts';
import { visibleText } from '../engine/visible-text.ts';

/** Exit codes: 0 done (rejects are listed, not fatal), 1 bad input or refused file, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
  /** Asks for a secret without echoing it; absent (or resolving undefined) when there is no terminal. */
  promptSecret?: (question: string) => Promise<string | undefined>;
  /** Where credentials and proxy settings are read from (process.env by default). */
  env?: Record<string, string | undefined>;
}

/** What every command module gets: the program to add its command to, the output, the exit code. */
export interface CommandHost {
  program: Command;
  io: Io;
  setCode: (n: number) => void;
}

export function intArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

export function vendorArg(v: string): VendorId {
  if (!(VENDORS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${VENDORS.join(', ')}`);
  return v as VendorId;
}

export function where(e: { file?: string; line?: number }): string {
  return e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
}

/** An error with its file and line in front, unless the message already names the file. */
export function located(e: { file?: string; line?: number; message: string }): string {
  return e.file && e.message.includes(e.file) ? e.message : `${where(e)}${e.message}`;
}

/** Control characters in log values must not drive the terminal; bidi and invisible ones are shown as markers. */
export function printable(s: string): string {
  return visibleText(s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' '));
}

export function progressBar(io: Io): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!io.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: ' {file} |{bar}| {percentage}% · {events} events · {rate}/s · {phase} · ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentFile = '';
  return {
    update(p) {
      if (!started || currentFile !== p.file) {
        if (started) bar.stop();
        bar.start(Math.max(1, p.bytesTotal), 0, { file: p.file, events: 0, rate: 0, phase: p.phase });
        started = true;
        currentFile = p.file;
      }
      bar.update(p.bytesDone, { file: `[${p.fileIndex + 1}/${p.fileCount}] ${p.file}`, events: p.events, rate: p.eventsPerSecond, phase: p.phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function keyValue(v: string): { key: string; value: string } {
  const i = v.indexOf('=');
  if (i <= 0 || i === v.length - 1) throw new InvalidArgumentError('must be KIND=VALUE');
  return { key: v.slice(0, i), value: v.slice(i + 1) };
}

export const tableOrJson = (v: string): 'table' | 'json' => {
  if (v !== 'table' && v !== 'json') throw new InvalidArgumentError('must be table or json');
  return v;
};
