import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The table, detail pane, import dialog, sources panel, app shell, annotations (tags, notes), saved
 * views, session restore, export dialogs and the custody log show log values, file names
 * and raw records; all of it must reach the DOM as React text. An HTML sink in these folders is a bug
 * (the end-to-end hostile-input test checks the same from the outside).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = [
  'renderer/app',
  'renderer/features/table',
  'renderer/features/detail',
  'renderer/features/import',
  'renderer/features/sources',
  'renderer/features/mapping',
  'renderer/features/annotations',
  'renderer/features/views',
  'renderer/features/session',
  'renderer/features/export',
  'renderer/features/custody',
];
const SINKS =
  /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('views that show log values render text only', () => {
  it.each(FOLDERS)('%s has no HTML sink', (folder) => {
    const found = files(join(ROOT, folder)).filter((f) => SINKS.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
