import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../preload/api.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { writeNdjson } from '../bench/generate.ts';
import { useTempDir } from '../helpers/temp-case.ts';

describe('import progress', () => {
  const t = useTempDir();

  it('moves forward through every step: reading, then the insert from early in the bar, then done at the full size', async () => {
    const file = join(t.dir(), 'events.ndjson');
    await writeNdjson(file, 5_000);
    const c = await t.openCase();
    const seen: ImportProgress[] = [];
    const s = await importPaths(c, { paths: [file], onProgress: (p) => seen.push(p) });
    expect(s.eventsTotal).toBe(5_000);

    const bars = seen.map((p) => p.bytesDone);
    expect(bars).toEqual([...bars].sort((a, b) => a - b));
    const total = seen[0]?.bytesTotal ?? 0;
    expect(total).toBeGreaterThan(0);
    const phases = seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['reading', 'committing', 'done']);
    // Writing the events is most of an import's time: it must not start with the bar nearly full.
    const firstCommit = seen.find((p) => p.phase === 'committing') as ImportProgress;
    expect(firstCommit.bytesDone / total).toBeLessThanOrEqual(0.2);
    const done = seen[seen.length - 1] as ImportProgress;
    expect(done).toMatchObject({ phase: 'done', bytesDone: total, events: 5_000 });
  });
});
