import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, iso, one, type EventRow } from './public-fixtures.ts';

/**
 * The cloud-platform packs (cloudtrail, gcp, azure, k8s), end to end: each fixture is imported into a
 * fresh case (zone UTC) and specific events are read back.
 */

describe.each([
  ['cloudtrail/records.json', 'json-object'],
  ['cloudtrail/records.json.gz', 'gzip+json-object'],
])('CloudTrail %s', (rel, format) => {
  const get = imported(rel, 'cloudtrail', 8);

  it(`reads the Records wrapper (${format})`, () => expect(get().batch.format).toBe(format));

  it('maps a denied API call to a failure with the error code and message', () => {
    const e = byAction(get().rows, 'PutBucketPolicy');
    expect(iso(e)).toBe('2024-03-04T09:31:09.000Z');
    expect([e.actor, e.actor_type, e.src_ip, e.service]).toEqual([
      'arn:aws:iam::111122223333:user/mallory', 'user', '198.51.100.77', 's3.amazonaws.com',
    ]);
    expect([e.target_type, e.target_id, e.target_name]).toEqual(['AWS::S3::Bucket', 'arn:aws:s3:::finance-reports', 'finance-reports']);
    expect([e.outcome, e.outcome_raw, e.action_class]).toEqual(['failure', 'AccessDenied', 'permission']);
    expect(e.description).toMatch(/not authorized to perform: s3:PutBucketPolicy/);
    expect(e.tenant).toBe('111122223333');
  });

  it('tells a failed console login (no errorCode) from a successful one', () => {
    const logins = get().rows.filter((e) => e.action === 'ConsoleLogin');
    expect(logins.map((e) => [e.actor, e.outcome, e.outcome_raw])).toEqual([
      ['arn:aws:iam::111122223333:user/alice', 'success', 'Success'],
      ['mallory', 'failure', 'Failure'],
    ]);
    expect(logins.map((e) => e.action_class)).toEqual(['login', 'login']);
  });

  it('types actors: AWS service, EC2 instance role, SSO role session, root', () => {
    const rows = get().rows;
    const assume = byAction(rows, 'AssumeRole');
    expect([assume.actor, assume.actor_type, assume.src_ip]).toEqual(['lambda.amazonaws.com', 'service', null]);
    expect(assume.target_name).toBe('nightly-export-role');
    const ec2 = byAction(rows, 'DescribeInstances');
    expect([ec2.actor_type, ec2.action_class, ec2.target_id]).toEqual(['service', 'read', 'i-0abc1234def567890']);
    const sso = byAction(rows, 'CreateUser');
    expect([sso.actor_type, sso.actor_id, sso.target_name]).toEqual(['user', 'AROAEXAMPLEADMINROLE:bob@example.com', 'backup-svc']);
    const root = byAction(rows, 'ListBuckets');
    expect([root.actor, root.actor_type]).toEqual(['arn:aws:iam::111122223333:root', 'user']);
  });

  it('keeps an IPv6 source address and reads the trail name from the request', () => {
    const e = byAction(get().rows, 'StopLogging');
    expect([e.src_ip, e.target_name, e.outcome]).toEqual(['2001:db8:85a3::8a2e:370:7334', 'org-trail', 'success']);
  });
});

describe('CloudTrail NDJSON from a log shipper (no eventTime)', () => {
  const get = imported('cloudtrail/logstash.ndjson', 'cloudtrail', 6);

  it('takes the time from @timestamp', () => {
    const e = byAction(get().rows, 'CreateAccessKey');
    expect(iso(e)).toBe('2024-05-10T14:02:11.000Z');
    expect([e.actor, e.target_name, e.outcome]).toEqual(['arn:aws:iam::444455556666:user/carol', 'deploy-bot', 'success']);
  });

  it('drops service names and "AWS Internal" from src_ip', () => {
    expect(byAction(get().rows, 'AssumeRole').src_ip).toBeNull();
    expect(byAction(get().rows, 'Decrypt').src_ip).toBeNull();
    expect(byAction(get().rows, 'AssumeRole').actor).toBe('cloudformation.amazonaws.com');
  });

  it('maps errorCode to failure and an object read to its object ARN', () => {
    const run = byAction(get().rows, 'RunInstances');
    expect([run.outcome, run.outcome_raw]).toEqual(['failure', 'Client.UnauthorizedOperation']);
    const get1 = byAction(get().rows, 'GetObject');
    expect([get1.target_id, get1.target_name, get1.actor_type]).toEqual([
      'arn:aws:s3:::customer-exports/2024/05/customers.csv', 'customers.csv', 'service',
    ]);
  });
});

describe('GCP Cloud Audit Logs NDJSON', () => {
  const get = imported('gcp/cloud-audit-logs.ndjson', 'gcp', 6);

  it('maps an IAM policy change with its binding deltas', () => {
    const e = byAction(get().rows, 'SetIamPolicy');
    expect(iso(e)).toBe('2024-04-18T11:02:33.120Z');
    expect([e.actor, e.actor_type, e.src_ip, e.service, e.target_id, e.tenant, e.action_class]).toEqual([
      'eve.ops@acme.example', 'user', '203.0.113.88', 'cloudresourcemanager.googleapis.com', 'projects/acme-prod-4821', 'acme-prod-4821', 'permission',
    ]);
    expect(changesOf(e)).toEqual([
      { field: 'roles/owner', old: null, new: { action: 'ADD', role: 'roles/owner', member: 'user:outsider@gmail.com' } },
      { field: 'roles/viewer', old: null, new: { action: 'REMOVE', role: 'roles/viewer', member: 'user:outsider@gmail.com' } },
    ]);
  });

  it('maps a non-zero status code to failure', () => {
    const e = byAction(get().rows, 'storage.objects.get');
    expect([e.outcome, e.outcome_raw, e.description, e.action_class, e.target_name]).toEqual([
      'failure', '7', 'PERMISSION_DENIED', 'read', 'salaries-2024.csv',
    ]);
  });

  it('types service accounts and drops a "private" caller IP', () => {
    const e = byAction(get().rows, 'v1.compute.instances.insert');
    expect([e.actor_type, e.target_type, e.target_name, e.outcome, e.action_class]).toEqual(['service', 'gce_instance', 'miner-01', 'success', 'create']);
    const secret = byAction(get().rows, 'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion');
    expect([secret.src_ip, secret.action_class]).toEqual([null, 'read']);
  });
});

describe('Azure activity log {"value": [...]}', () => {
  const get = imported('azure/activity-log-page.json', 'azure', 6);

  it('keeps each stage of an operation, Started as unknown and Succeeded as success', () => {
    const vm = get().rows.filter((e) => e.action === 'Microsoft.Compute/virtualMachines/write');
    expect(vm.map((e) => [iso(e), e.outcome, e.outcome_raw])).toEqual([
      ['2024-06-20T08:14:03.123Z', 'unknown', 'Started'],
      ['2024-06-20T08:14:41.765Z', 'success', 'Succeeded'],
    ]);
    const e = vm[1] as EventRow;
    expect([e.actor, e.actor_type, e.actor_id, e.src_ip, e.service, e.target_name, e.action_class]).toEqual([
      'alice@contoso.com', 'user', '11111111-2222-4333-8444-555555555555', '203.0.113.120', 'Microsoft.Compute', 'vm-web-01', 'update',
    ]);
  });

  it('maps a failed delete by a service principal', () => {
    const e = byAction(get().rows, 'Microsoft.Storage/storageAccounts/delete');
    expect([e.actor, e.actor_type, e.outcome, e.action_class, e.target_type, e.target_name]).toEqual([
      '0d7b6f2a-1c3e-4a5b-8c9d-2e1f0a9b8c7d', 'service', 'failure', 'delete', 'Microsoft.Storage/storageAccounts', 'stprodbackups01',
    ]);
    expect(e.description).toMatch(/ScopeLocked/);
    expect(e.tenant).toBe('8f1c2d3e-4b5a-4c6d-9e8f-a0b1c2d3e4f5');
  });

  it('classes role assignments as permission and actions as execute', () => {
    expect(byAction(get().rows, 'Microsoft.Authorization/roleAssignments/write').action_class).toBe('permission');
    expect(byAction(get().rows, 'Microsoft.Compute/virtualMachines/runCommand/action').action_class).toBe('execute');
  });
});

describe('Azure activity log diagnostic export {"records": [...]}', () => {
  const get = imported('azure/insights-activity-logs.json', 'azure', 4);

  it('reads time, plain-string operationName and resultType, callerIpAddress and identity claims', () => {
    const rows = get().rows;
    const del = one(rows, (e) => e.action === 'MICROSOFT.KEYVAULT/VAULTS/DELETE');
    expect(iso(del)).toBe('2024-06-21T10:05:47.000Z');
    expect([del.actor, del.actor_type, del.src_ip, del.outcome, del.outcome_raw, del.action_class, del.target_name]).toEqual([
      '0d7b6f2a-1c3e-4a5b-8c9d-2e1f0a9b8c7d', 'service', '198.51.100.30', 'failure', 'Failure', 'delete', 'KV-PROD-SECRETS',
    ]);
    expect([del.service, del.tenant]).toEqual(['MICROSOFT.KEYVAULT', '8f1c2d3e-4b5a-4c6d-9e8f-a0b1c2d3e4f5']);
    const writes = rows.filter((e) => e.action === 'MICROSOFT.KEYVAULT/VAULTS/WRITE');
    expect(writes.map((e) => [e.actor, e.outcome, e.action_class])).toEqual([
      ['alice@contoso.com', 'unknown', 'update'],
      ['alice@contoso.com', 'success', 'update'],
    ]);
    const ra = one(rows, (e) => e.action === 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/DELETE');
    expect([ra.src_ip, ra.action_class, ra.outcome]).toEqual(['2001:db8:77::5', 'permission', 'success']);
  });
});

describe('Kubernetes audit log (audit.k8s.io/v1)', () => {
  const get = imported('k8s/kube-apiserver-audit.log', 'k8s', 8);

  it('keeps both stages of one request as separate events at the request time', () => {
    const stages = get().rows.filter((e) => e.action === 'create' && e.target_type === 'deployments');
    expect(stages.map((e) => [iso(e), e.outcome])).toEqual([
      ['2024-07-01T09:00:00.101Z', 'unknown'],
      ['2024-07-01T09:00:00.101Z', 'success'],
    ]);
    const e = stages[1] as EventRow;
    expect([e.actor, e.actor_type, e.src_ip, e.service, e.target_name]).toEqual([
      'system:serviceaccount:ci:deployer', 'service', '10.244.1.17', 'apps', 'payments',
    ]);
    expect(changesOf(e).map((c) => c.field)).toEqual(['metadata', 'spec']);
  });

  it('records a patch body as new values and a 403 as failure', () => {
    const patch = byAction(get().rows, 'patch');
    expect([patch.actor, patch.src_ip, patch.target_id]).toEqual(['dev-sam@example.com', '198.51.100.45', '/apis/apps/v1/namespaces/prod/deployments/payments']);
    expect(changesOf(patch)).toEqual([
      { field: 'spec', old: null, new: { template: { spec: { containers: [{ name: 'api', image: 'docker.io/attacker/payments:latest' }] } } } },
    ]);
    const denied = one(get().rows, (e) => e.target_type === 'secrets');
    expect([denied.outcome, denied.outcome_raw, denied.target_name]).toEqual(['failure', '403', 'bootstrap-token-abcdef']);
  });

  it('classes exec as execute, notes impersonation, and handles a non-resource URL', () => {
    const exec = one(get().rows, (e) => e.target_id?.endsWith('/exec') === true);
    expect([exec.action, exec.action_class, exec.outcome, exec.actor_type]).toEqual(['create', 'execute', 'success', 'user']);
    const imp = one(get().rows, (e) => e.description !== null);
    expect([imp.actor, imp.description, imp.target_id]).toEqual(['kubernetes-admin', 'as dev-sam@example.com', '/api/v1/namespaces/prod/pods']);
    const health = one(get().rows, (e) => e.target_id === '/healthz');
    expect([health.actor_type, health.target_type, health.outcome]).toEqual(['system', null, 'success']);
    expect(changesOf(byAction(get().rows, 'delete'))).toEqual([]);
  });
});

describe('Kubernetes audit log (old shape: timestamp, impersonatedUser, no objectRef)', () => {
  const get = imported('k8s/audit-v1beta1-impersonation.log', 'k8s', 5);

  it('reads timestamp, the first source IP and the impersonated user', () => {
    const e = one(get().rows, (r) => r.target_type === 'pods');
    expect([iso(e), e.actor, e.src_ip, e.description, e.outcome]).toEqual([
      '2019-03-05T14:20:01.000Z', 'system:admin', '::1', 'as carol', 'failure',
    ]);
    const api = one(get().rows, (r) => r.target_id === '/api');
    expect([api.target_type, api.target_name, api.outcome]).toEqual([null, null, 'success']);
    const anon = one(get().rows, (r) => r.actor === 'system:anonymous');
    expect([anon.actor_type, anon.src_ip]).toEqual(['unknown', '203.0.113.200']);
    expect(one(get().rows, (r) => r.target_type === 'nodes').actor_type).toBe('service');
  });
});
