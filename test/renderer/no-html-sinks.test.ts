import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Log values reach the filter bar, chips, facets and histogram; they must get there as React text.
 * These folders have no reason to touch HTML parsing at all, so any HTML sink in them is a bug.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['renderer/features/filters', 'renderer/features/facets', 'renderer/features/histogram'];
const SINKS = /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|createContextualFragment/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('no HTML sinks where log values are shown', () => {
  it.each(FOLDERS)('%s renders text only', (folder) => {
    const found = files(join(ROOT, folder)).filter((f) => SINKS.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
