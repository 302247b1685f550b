import { describe, expect, it } from 'vitest';
import { isSecretField, MASK, maskChangesSql, maskSql, maskText } from '../../main/engine/export/mask.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** What export masking hides, and what it must leave alone (evidence that only names a secret). */
const CASES: [string, string][] = [
  ['{"http":{"headers":{"authorization":"Bearer eyJhbGciOiJSUzI1NiJ9.demo-token.sig","user-agent":"x"}}}', `{"http":{"headers":{"authorization":"${MASK}","user-agent":"x"}}}`],
  ['{"password": "hunter2", "user": "ann"}', `{"password": "${MASK}", "user": "ann"}`],
  ['{"Password":"a\\"b", "n": 1}', `{"Password":"${MASK}", "n": 1}`],
  ['{"x-api-key":"k-123","api_token":"t","client_secret":"s","pin":1234}', `{"x-api-key":"${MASK}","api_token":"${MASK}","client_secret":"${MASK}","pin":1234}`],
  ['{"credentials":{"sessionToken":"IQoJb3JpZ2luX2VjEXAMPLE","accessKeyId":"ASIAEXAMPLE"}}', `{"credentials":{"sessionToken":"${MASK}","accessKeyId":"ASIAEXAMPLE"}}`],
  ['{"detail":"{\\"password\\":\\"p@ss\\",\\"iban\\":\\"DE00\\"}"}', `{"detail":"{\\"password\\":\\"${MASK}\\",\\"iban\\":\\"DE00\\"}"}`],
  ['curl -H "Authorization: Bearer abcdefgh12345678" https://x', `curl -H "Authorization: Bearer ${MASK}" https://x`],
  ['SSWS 00abcdefghijklmnop and Basic dXNlcjpwYXNzd29yZA==', `SSWS ${MASK} and Basic ${MASK}`],
  ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', `token ${MASK}`],
  ['{"tokenType":"Bearer","accessKeyId":"AKIA","ResetPasswordOnNextLogon":true,"UniqueTokenId":"u1"}', '{"tokenType":"Bearer","accessKeyId":"AKIA","ResetPasswordOnNextLogon":true,"UniqueTokenId":"u1"}'],
  ['key sk_live_51HxYzABCDEF and ghp_0123456789abcdefghijABCDEFGHIJ here', `key ${MASK} and ${MASK} here`],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', MASK],
  ['the refresh token expired; basic auth failed', 'the refresh token expired; basic auth failed'],
  ['{"type":"CREDENTIAL","name":"stripe-key"}', '{"type":"CREDENTIAL","name":"stripe-key"}'],
];

describe('secret masking', () => {
  const t = useTempDir();

  it('masks credentials in DuckDB and keeps everything else byte for byte', async () => {
    const c = await t.openCase();
    for (const [input, expected] of CASES) {
      expect(await c.db.value(`SELECT ${maskSql('$s')} AS m`, { s: input }), input).toBe(expected);
    }
    expect(await c.db.value(`SELECT ${maskSql('CAST(NULL AS VARCHAR)')}`)).toBeNull();
  });

  it('masks the old and new values of a change to a credential-named field, keeping nulls', async () => {
    const c = await t.openCase();
    const changes = JSON.stringify([
      { field: 'settings.password', old: null, new: 'n3w' },
      { field: 'name', old: 'a', new: 'b' },
      { field: 'apiKey', old: 'k1', new: { v: 2 } },
      { field: 'note', old: 'Bearer abcdefgh12345678', new: null },
    ]);
    const out = JSON.parse(String(await c.db.value(`SELECT CAST(${maskChangesSql('CAST($c AS JSON)')} AS VARCHAR)`, { c: changes })));
    expect(out).toEqual([
      { field: 'settings.password', old: null, new: MASK },
      { field: 'name', old: 'a', new: 'b' },
      { field: 'apiKey', old: MASK, new: MASK },
      { field: 'note', old: `Bearer ${MASK}`, new: null },
    ]);
    const plain = JSON.stringify([{ field: 'name', old: 'x', new: 'y' }]);
    expect(await c.db.value(`SELECT CAST(${maskChangesSql('CAST($c AS JSON)')} AS VARCHAR)`, { c: plain })).toBe(plain);
    expect(isSecretField('Credentials[0].secret')).toBe(true);
    expect(isSecretField('tokenType')).toBe(false);
  });

  it('masks the same in JavaScript (the report)', () => {
    for (const [input, expected] of CASES) expect(maskText(input), input).toBe(expected);
  });
});
