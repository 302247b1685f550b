import { resolve } from 'node:path';

/**
 * The case file named on a command line (`auditlens-app case.duckdb`, a file-manager double click,
 * or a second launch forwarded by the single-instance lock). Flags and the app path are skipped.
 */
export function caseFromArgv(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  const arg = argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.duckdb'));
  return arg === undefined ? undefined : resolve(cwd, arg);
}
