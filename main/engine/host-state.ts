import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where AuditLens keeps per-machine state (recent cases, the demo case): never inside a case. */
export function defaultDataDir(): string {
  return process.env.AUDITLENS_HOME ?? join(homedir(), '.auditlens');
}

const MAX_RECENT = 20;

export class RecentCases {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent-cases.json');
  }

  list(): string[] {
    try {
      const v: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  add(path: string): void {
    const abs = resolve(path);
    const next = [abs, ...this.list().filter((p) => p !== abs)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.file), { recursive: true });
    // Write-then-rename, so a crash never leaves half a list.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2));
    renameSync(tmp, this.file);
  }
}
