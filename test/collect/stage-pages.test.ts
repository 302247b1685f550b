import { describe, expect, it } from 'vitest';
import { PageMapper } from '../../main/engine/collect/commit.ts';
import { DEFAULT_LIMITS } from '../../main/engine/import/limits.ts';
import { stagePages } from '../../main/engine/import/stage-pages.ts';
import { packById } from '../../main/engine/packs/registry.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { oktaEvent } from './fake/okta.ts';

describe('staging API pages', () => {
  const tmp = useTempDir();

  it('keeps a record the page holds as a JSON string exactly as received, and maps it through the string', async () => {
    const plain = oktaEvent(1, Date.parse('2025-03-01T00:00:00Z'));
    const wrapped = oktaEvent(2, Date.parse('2025-03-01T00:01:00Z'));
    const wrappedText = JSON.stringify(JSON.stringify(wrapped));
    const plainText = JSON.stringify(plain);
    const file = tmp.file('page-1.json', `[${plainText}, ${wrappedText}, 7, "not a record"]`);
    const c = await tmp.openCase();
    const pack = packById('okta');
    if (!pack) throw new Error('no okta pack');
    const mapper = await PageMapper.open(c, pack, { batchId: 1, sourceId: 1 });
    try {
      const staged = await stagePages(c.db, [{ path: file, label: 'page 1' }], '$[*]', DEFAULT_LIMITS);
      expect(staged).toMatchObject({ rows: 2, rejects: 2, strings: 1 });
      const r = await mapper.run(c, { stagedRows: staged.rows });
      expect(r).toMatchObject({ inserted: 2, total: 2 });
      const rows = await c.db.all<{ locator: string; raw: string; actor: string; action: string }>(
        'SELECT locator, raw, actor, action FROM events ORDER BY locator',
      );
      expect(rows).toEqual([
        { locator: 'page 1[0]', raw: plainText, actor: plain.actor.alternateId, action: plain.eventType },
        { locator: 'page 1[1]', raw: wrappedText, actor: wrapped.actor.alternateId, action: wrapped.eventType },
      ]);
      const rejects = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM al_rejects ORDER BY locator');
      expect(rejects).toEqual([
        { locator: 'page 1[2]', reason: expect.stringMatching(/^element is u?bigint, not an object$/) as string },
        { locator: 'page 1[3]', reason: 'a JSON string that does not hold a JSON object' },
      ]);
    } finally {
      await mapper.close(c);
      c.close();
    }
  });
});
