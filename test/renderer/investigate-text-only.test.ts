import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Timelines, histories and diffs show log values (code, changed values, actors, actions) that an
 * attacker may have written. They reach the DOM as React text only: diffs are built from line and
 * word changes as elements, never from an HTML string (diff2html's HTML output is not used).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['renderer/features/timeline', 'renderer/features/history', 'renderer/features/diff'];
const SINKS =
  /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|diff2html/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('investigation views render text only', () => {
  it.each(FOLDERS)('%s has no HTML sink', (folder) => {
    const list = files(join(ROOT, folder));
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((f) => SINKS.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
