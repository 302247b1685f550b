import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { synthesizeGeneric } from '../../main/engine/packs/generic.ts';
import type { MappingPack } from '../../main/engine/packs/types.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** Generic detection: the column a person would pick, from names and value shapes, at any depth. */

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const pathOf = (p: MappingPack, col: keyof MappingPack['fields']): unknown => {
  const s = p.fields[col];
  return typeof s === 'object' && !Array.isArray(s) ? s.path : s;
};
const why = (p: MappingPack, column: string): string => p.choices?.find((c) => c.column === column)?.why ?? '';

describe('generic detection', () => {
  it('prefers a name meaning "when it happened" over created/updated/received', () => {
    const p = synthesizeGeneric(many(50, (i) => ({ created_at: '2024-01-01T00:00:00Z', updated_at: '2024-02-01T00:00:00Z', effective_at: 1718000000 + i, type: 'login.succeeded', actor: { email: `u${i}@example.com` } })));
    expect(p.fields.time).toBe('effective_at');
    expect(why(p, 'event_time')).toMatch(/epoch seconds in 50\/50 samples; a name meaning when it happened/);
  });

  it('finds times by value shape under names it does not know', () => {
    const p = synthesizeGeneric(many(50, (i) => ({ zeitpunkt: `2024-03-0${(i % 9) + 1}T10:11:12.000+0000`, who: 'a@example.com', action: 'x' })));
    expect(p.fields.time).toBe('zeitpunkt');
  });

  it('reads the actor from nested objects, e-mail or UPN before names, opaque ids to actor_id', () => {
    const p = synthesizeGeneric(
      many(50, (i) => ({
        activityDateTime: '2024-06-03T14:21:09.8871211Z',
        activityDisplayName: 'Update user',
        initiatedBy: i % 10 === 0
          ? { user: null, app: { displayName: 'Azure MFA StrongAuthenticationService', appId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' } }
          : { user: { id: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', displayName: 'Dev Lead', userPrincipalName: `dev${i}@fabrikam.example` } },
        targetResources: [{ userPrincipalName: 'target@fabrikam.example', type: 'User' }],
      })),
    );
    expect(p.fields.actor).toEqual(['initiatedBy.user.userPrincipalName', 'initiatedBy.app.displayName']);
    expect(pathOf(p, 'actor_id')).toBe('initiatedBy.user.id');
    expect(why(p, 'actor')).toMatch(/^e-mail-shaped values in 45\/50 samples, under initiatedBy\.user/);
  });

  it('never takes the target for the actor (Slack entity.user)', () => {
    const p = synthesizeGeneric(many(50, (i) => ({ date_create: 1717660800 + i, action: 'role_change_to_admin', actor: { type: 'user', user: { id: 'W0GHI2JKL', email: 'ben@globex.example' } }, entity: { type: 'user', user: { id: 'W0ABC1DEF', email: 'ana@globex.example' } } })));
    expect(p.fields.actor).toBe('actor.user.email');
    expect(p.fields.target_id).toBe('entity.user.id');
  });

  it('reads JSON held in strings (Log Analytics dynamic columns) and declares them embedded', () => {
    const p = synthesizeGeneric(many(50, (i) => ({ TimeGenerated: '2024-05-14T08:02:11.4187223Z', OperationName: 'Add user', InitiatedBy: JSON.stringify({ user: { userPrincipalName: `megan${i}@contoso.example`, ipAddress: '::ffff:203.0.113.24' } }), Result: 'Success' })));
    expect(p.embeddedJson).toEqual(['InitiatedBy']);
    expect(p.fields.actor).toBe('InitiatedBy.user.userPrincipalName');
    expect(pathOf(p, 'src_ip')).toBe('InitiatedBy.user.ipAddress');
    expect(p.fields.outcome).toEqual({ path: 'Result', transform: 'outcome' });
  });

  it('takes verb-like actions over severities and constant labels', () => {
    const p = synthesizeGeneric(many(20, (i) => ({ EventTime: '2024-05-09 22:15:02', EventType: 'INFO', EventID: [1, 3, 10, 11][i % 4], User: 'CORP\\svc_backup' })));
    expect(p.fields.action).toBe('EventID');
  });

  it('reads booleans named for failure the other way round', () => {
    const p = synthesizeGeneric(many(20, (i) => ({ ts: 1700000000 + i, user: 'a@example.com', action: 'login', failed: i % 2 === 0 })));
    expect(p.fields.outcome).toEqual({ path: 'failed', map: { true: 'failure', false: 'success', '*': 'unknown' } });
  });
});

describe('generic import', () => {
  const t = useTempDir();

  it('maps through JSON strings, keeps raw as recorded, and says what it chose and why', async () => {
    const lines = many(60, (i) =>
      JSON.stringify({
        _time: 1715702400 + i,
        _raw: JSON.stringify({ eventTime: `2024-05-14T16:${String(i % 60).padStart(2, '0')}:00Z`, who: { login: `nora${i}` }, operation: 'user.session.start', client: { ip: `::ffff:203.0.113.${i}` }, result: i % 3 ? 'SUCCEEDED' : 'Denied', status: 403 }),
        host: 'cribl-worker-01',
      }),
    );
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('wrapped.ndjson', lines.join('\n') + '\n')] });
    const b = s.batches[0];
    expect(b?.mapping?.find((m) => m.column === 'actor')).toMatchObject({ from: '_raw.who.login' });
    expect(b?.mapping?.find((m) => m.column === 'event_time')?.why).toMatch(/^epoch seconds in 60\/60 samples; a name meaning when it happened/);
    const rows = await c.db.all<{ raw: string; actor: string; src_ip: string; outcome: string; event_time: Date }>(
      'SELECT raw, actor, src_ip, outcome, event_time FROM events ORDER BY locator',
    );
    expect(rows).toHaveLength(60);
    expect(rows.map((r) => r.raw).sort()).toEqual([...lines].sort());
    expect(rows.find((r) => r.actor === 'nora2')).toMatchObject({ src_ip: '::ffff:203.0.113.2', outcome: 'success' });
    expect(rows.find((r) => r.actor === 'nora3')?.outcome).toBe('failure');
  });

  it('reads IPs with ports and lists, outcome words in any case and HTTP codes', async () => {
    const recs = ['203.0.113.5:443', '198.51.100.7, 10.0.0.1', '[2001:db8::1]:8443', 'AWS Internal'].map((ip, i) => ({ timestamp: 1700000000 + i, user: 'a@example.com', action: 'get', client_ip: ip, status: ['200', 'FAILED', 'Success', '503'][i] }));
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('ips.json', JSON.stringify(recs))] });
    const rows = await c.db.all<{ src_ip: string | null; outcome: string }>('SELECT src_ip, outcome FROM events ORDER BY event_time');
    expect(rows).toEqual([
      { src_ip: '203.0.113.5', outcome: 'success' },
      { src_ip: '198.51.100.7', outcome: 'failure' },
      { src_ip: '2001:db8::1', outcome: 'success' },
      { src_ip: null, outcome: 'failure' },
    ]);
  });
});
