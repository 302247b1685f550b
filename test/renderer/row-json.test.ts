import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../preload/api.ts';
import { rowToJson } from '../../renderer/features/table/row-json.ts';

const ROW: EventRow = {
  event_id: 'e1',
  batch_id: 1,
  source_id: 1,
  vendor: 'generic',
  locator: 'a.ndjson:1',
  event_time: '2025-01-02T03:04:05.000Z',
  time_raw: '2025-01-02T03:04:05Z',
  time_assumed_tz: null,
  actor: '<img src=x>',
  actor_id: null,
  actor_type: 'user',
  src_ip: null,
  user_agent: null,
  action: 'update',
  action_class: 'update',
  service: null,
  target_type: null,
  target_id: null,
  target_name: null,
  outcome: 'success',
  outcome_raw: null,
  description: null,
  tenant: null,
  changes: [{ field: 'title', old: 'a', new: 'b' }],
  raw: '{"id":12345678901234567890,"user":"<img src=x>"}',
  vendor_event_id: null,
  id_conflict: false,
};

describe('copy row as JSON', () => {
  it('embeds the raw record verbatim, keeping big numbers', () => {
    const text = rowToJson(ROW);
    expect(text).toContain('"raw": {"id":12345678901234567890,"user":"<img src=x>"}');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed.actor).toBe('<img src=x>');
    expect(parsed.changes).toEqual([{ field: 'title', old: 'a', new: 'b' }]);
    expect(Object.keys(parsed).at(-1)).toBe('raw');
  });

  it('keeps raw text that is not JSON as a string', () => {
    const parsed = JSON.parse(rowToJson({ ...ROW, raw: 'not json "quoted"' })) as { raw: unknown };
    expect(parsed.raw).toBe('not json "quoted"');
  });
});
