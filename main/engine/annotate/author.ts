import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { checkAuthor } from './validate.ts';

/**
 * Who annotations and exports are recorded as: the OS user name until the investigator changes
 * it. A per-machine setting (several people may work on one case, each on their own machine).
 */

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export class AuthorSetting {
  private cached: string | null = null;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'author.json');
  }

  async get(): Promise<string> {
    if (this.cached !== null) return this.cached;
    try {
      const v: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const name = typeof v === 'object' && v !== null && 'author' in v ? (v as { author: unknown }).author : null;
      this.cached = typeof name === 'string' ? checkAuthor(name) : osUser();
    } catch {
      this.cached = osUser();
    }
    return this.cached;
  }

  async set(name: unknown): Promise<string> {
    const author = checkAuthor(name);
    await mkdir(join(this.file, '..'), { recursive: true });
    // Write-then-rename, so a crash never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ author }));
    await rename(tmp, this.file);
    this.cached = author;
    return author;
  }
}
