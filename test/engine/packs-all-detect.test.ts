import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPack, loadPacks, matchesRecord } from '../../main/engine/packs/registry.ts';
import type { MappingPack } from '../../main/engine/packs/types.ts';
import { FIXTURES, sampleRecords } from './public-fixtures.ts';
import { ROOT, sampleRecords as sampleFile } from './seed-fixtures.ts';

/**
 * Detection across every pack and every fixture: a fixture in test/fixtures/<vendor>/ is detected as
 * that vendor (and, where a vendor has several packs, as the pack named below), and no pack of any
 * other vendor recognises a single one of its sampled records unless the record's own pack outranks
 * it. The shared real samples keep their vendors.
 */

const packs = loadPacks().filter((p) => p.id !== 'generic');

/** Fixtures of vendors with several packs: which pack (by label) must win. */
const LABELS: Record<string, string> = {
  'm365/purview-audit-search.csv': 'Microsoft 365 unified audit log',
  'm365/search-unifiedauditlog.csv': 'Microsoft 365 unified audit log',
  'm365/management-api-content.json': 'Microsoft 365 unified audit log (Management Activity API)',
  'entra/graph-directory-audits.json': 'Microsoft Entra ID audit logs',
  'entra/insights-logs-auditlogs.json': 'Microsoft Entra ID audit logs',
  'entra/log-analytics-auditlogs.csv': 'Microsoft Entra ID audit logs',
  'entra/graph-sign-ins.json': 'Microsoft Entra ID sign-in logs',
  'entra/insights-logs-signinlogs.json': 'Microsoft Entra ID sign-in logs',
  'entra/log-analytics-signinlogs.csv': 'Microsoft Entra ID sign-in logs',
  'salesforce/setup-audit-trail-query.json': 'Salesforce Setup Audit Trail',
  'salesforce/setup-audit-trail-bulk.csv': 'Salesforce Setup Audit Trail',
  'salesforce/login-history-query.json': 'Salesforce Login History',
  'salesforce/login-history-bulk.csv': 'Salesforce Login History',
  'onepassword/audit-events.json': '1Password audit events',
  'onepassword/signin-attempts.json': '1Password sign-in attempts',
  'onepassword/item-usages.json': '1Password item usage',
  'atlassian/jira-audit-records.json': 'Jira audit records',
  'atlassian/confluence-audit-records.json': 'Confluence audit records',
  'atlassian/org-admin-events.json': 'Atlassian organization audit log',
  'duo/administrator-logs-v1.json': 'Duo administrator logs',
  'duo/authentication-logs-v1.json': 'Duo authentication logs',
  'duo/authentication-logs-v2.json': 'Duo authentication logs',
  'duo/activity-logs-v2.json': 'Duo activity logs',
  'zoom/report-activities.json': 'Zoom sign-in/sign-out activity',
  'zoom/report-operation-logs.json': 'Zoom operation logs',
};

const claims = (p: MappingPack, format: 'json' | 'csv', r: unknown): boolean => p.detect.formats.includes(format) && matchesRecord(p, r);

const files = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(FIXTURES, d.name)).map((f) => `${d.name}/${f}`))
  .filter((f) => /\.(json|ndjson|log|csv)(\.gz)?$/.test(f));

describe('detection across all packs and fixtures', () => {
  it('has a label per pack, unique within its vendor', () => {
    const keys = packs.map((p) => `${p.id}\u0000${p.label}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(files)('%s is detected as its vendor and claimed by no other vendor', (rel) => {
    const vendor = rel.split('/')[0] as string;
    const { format, records } = sampleRecords(rel);
    expect(records.length).toBeGreaterThan(2);
    const detected = detectPack(records, format);
    expect(detected?.pack.id).toBe(vendor);
    expect(detected?.score).toBe(1);
    if (LABELS[rel]) expect(detected?.pack.label).toBe(LABELS[rel]);
    for (const r of records) {
      // Another vendor's pack may recognise the record too only where the record's own pack outranks it.
      const own = Math.max(-1, ...packs.filter((p) => p.id === vendor && claims(p, format, r)).map((p) => p.priority ?? 0));
      const others = packs
        .filter((p) => p.id !== vendor && claims(p, format, r) && (p.priority ?? 0) >= own)
        .map((p) => `${p.id}: ${p.label}`);
      expect(others).toEqual([]);
    }
  });

  const datasets = join(ROOT, '..', 'shared', 'datasets');
  const expected: Record<string, string> = { cloudtrail: 'cloudtrail', k8s_audit: 'k8s', m365_ual: 'm365', okta: 'okta' };
  it.skipIf(!existsSync(datasets))('keeps the vendors of the shared real samples', () => {
    for (const sub of readdirSync(datasets, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const name of readdirSync(join(datasets, sub.name))) {
        const { format, records } = sampleFile(join(datasets, sub.name, name));
        expect(detectPack(records, format)?.pack.id, name).toBe(expected[sub.name]);
      }
    }
  });
});
