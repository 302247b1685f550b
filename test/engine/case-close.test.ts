import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-case.ts';

const tmp = useTempDir();

// Minutes of work if nothing stops it.
const LONG = 'SELECT sum(hash(i)) AS s FROM range(20000000000) t(i)';

describe('closing a case', () => {
  it('stops a statement still running and closes after it, so the process can exit', async () => {
    const c = await tmp.openCase();
    const outcome = c.reader.all(LONG).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    expect(c.reader.busy).toBe(true);
    await c.close();
    expect(await outcome).toMatch(/interrupt/i);
    expect(c.reader.busy).toBe(false);
  });

  it('closes at once when nothing runs', async () => {
    const c = await tmp.openCase();
    await c.reader.all('SELECT 1');
    let closed = false;
    void c.close().then(() => {
      closed = true;
    });
    await Promise.resolve();
    expect(closed).toBe(true);
  });
});
