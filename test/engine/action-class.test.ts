import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../main/engine/db.ts';
import { ACTION_CLASS_KEYWORDS, installMacros } from '../../main/engine/packs/time-sql.ts';
import { prng } from '../bench/generate.ts';

/**
 * The classification as specified: one regex with a named group per class; the leftmost keyword
 * decides, and at one position the earlier class. JavaScript's regex engine gives the reference.
 */
const reference = new RegExp(ACTION_CLASS_KEYWORDS.map(([c, k]) => `(?<${c}>${k})`).join('|'));
function expected(action: string): string {
  const m = reference.exec(action.toLowerCase());
  if (!m?.groups) return 'other';
  return Object.entries(m.groups).find(([, v]) => v !== undefined)?.[0] ?? 'other';
}

const REAL = [
  'DeleteRolePolicy', 'ConsoleLogin', 'AssumeRole', 'GetObject', 'PutObject', 'ListBuckets', 'CreateUser', 'StopInstances',
  'user.session.start', 'user.session.end', 'user.authentication.sso', 'group.user_membership.add', 'app.oauth2.token.grant',
  'FileAccessed', 'Add member to role.', 'Update user.', 'Set-Mailbox', 'repo.create', 'org.update_member', 'CHANGE_PASSWORD',
  'login_failure', 'logout', 'PUBLISHED', 'INVITATION SENT', 'EXECUTED', 'DELETED', 'post', 'POST', 'put', 'head', 'get',
  'budget', 'widget_create', 'oracle', 'acl', 'ACL change', 'readd', 'reset_password', 'session.start', 'sign out', 'Signed in',
  'HEAD', 'header', 'posting', 'export_report', 'preference.update', 'config.change', 'permission.grant', 'execute', 'run',
  '', ' ', 'xyz', 'Ünïcode Löschen', 'SEARCH', 'select', 'lookup', 'watch', 'deploy', 'escalate', 'archive', 'purge',
];
const PIECES = [
  ...ACTION_CLASS_KEYWORDS.flatMap(([, k]) => k.split('|').map((w) => w.replace(/\\b|\^|\$|\\|_\?/g, ''))),
  'user', 'bucket', 'x', 'Object', 'Role', 'policy', '.', '_', ' ', '-', 'ab', 'ing', 'ed', 'GET', 'Post',
];

describe('action classes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:');
    await installMacros(db);
  });
  afterAll(() => db.close());

  it('class every verb as the one-regex reference does: real verbs and 3,000 generated ones', async () => {
    const rnd = prng(11);
    const pick = (): string => PIECES[Math.floor(rnd() * PIECES.length)] as string;
    const generated = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, pick).join(''));
    const actions = [...REAL, ...generated];
    const rows = await db.all<{ a: string; c: string }>(
      `SELECT a, al_action_class(a) AS c FROM (SELECT unnest(from_json($list, '["VARCHAR"]')) AS a)`,
      { list: JSON.stringify(actions) },
    );
    const got = new Map(rows.map((r) => [r.a, r.c]));
    const wrong = actions.filter((a) => got.get(a) !== expected(a)).map((a) => `${a}: ${got.get(a)} (expected ${expected(a)})`);
    expect(wrong).toEqual([]);
    expect(new Set(rows.map((r) => r.c)).size).toBe(10);
  });

  it('leaves a missing action without a class', async () => {
    expect(await db.value('SELECT al_action_class(NULL::VARCHAR)')).toBeNull();
  });
});
