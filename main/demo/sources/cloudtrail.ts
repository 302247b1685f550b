import { ATTACKER_IP, AWS_ACCOUNT, AWS_REGION, LEAKED_KEY, LI, MARCO, PRIYA } from './cast.ts';
import { HR, Rng, at, isoSeconds, spread } from './rng.ts';

type Identity = Record<string, unknown>;

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: Identity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  eventType: string;
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: 'Management' | 'Data';
}

const SVC_USER = 'svc-invoice-sync';
const svcIdentity: Identity = {
  type: 'IAMUser',
  principalId: 'AIDA4MTWJQXE7SVCSYNC1',
  arn: `arn:aws:iam::${AWS_ACCOUNT}:user/${SVC_USER}`,
  accountId: AWS_ACCOUNT,
  accessKeyId: LEAKED_KEY,
  userName: SVC_USER,
};
const sso = (email: string): Identity => ({
  type: 'AssumedRole',
  principalId: `AROA4MTWJQXESSOADMIN:${email}`,
  arn: `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_5f2c1a/${email}`,
  accountId: AWS_ACCOUNT,
  accessKeyId:
    'ASIA4MTWJQXE' +
    email
      .slice(0, 8)
      .toUpperCase()
      .replace(/[^A-Z]/g, 'X'),
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROA4MTWJQXESSOADMIN',
      arn: `arn:aws:iam::${AWS_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_5f2c1a`,
      accountId: AWS_ACCOUNT,
      userName: 'AWSReservedSSO_AdministratorAccess_5f2c1a',
    },
    attributes: { creationDate: '2025-03-03T07:00:00Z', mfaAuthenticated: 'false' },
  },
});
const lambdaRole: Identity = {
  type: 'AssumedRole',
  principalId: 'AROA4MTWJQXELAMBDA01:invoice-etl',
  arn: `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/invoice-etl-role/invoice-etl`,
  accountId: AWS_ACCOUNT,
  accessKeyId: 'ASIA4MTWJQXELAMBDA99',
};

const YEPCODE_EGRESS = '192.0.2.50';
const CLI_ATTACKER =
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.8 md/distrib#kali.2024 cmd/';
const SDK_JS = 'aws-sdk-js/3.535.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#20.11.1 api/s3#3.535.0';
const CONSOLE = 'AWS Internal';

interface Call {
  ms: number;
  who: Identity;
  ip: string;
  ua: string;
  source: string;
  name: string;
  params: Record<string, unknown> | null;
  readOnly: boolean;
  error?: [string, string];
  data?: boolean;
  region?: string;
}

/** One CloudTrail log file body: `{"Records": [...]}`, oldest first. */
export function cloudtrailFile(seed: number): { Records: CloudTrailRecord[] } {
  const rng = new Rng(seed);
  const calls: Call[] = [];
  const add = (c: Call): void => {
    calls.push(c);
  };
  const object = (): string => `open/INV-2025-${rng.int(10000, 99999)}.json`;

  // Background: invoice-sync puts objects hourly (from YepCode), a Lambda reads them, admins browse.
  for (let t = at(0, 0, 0, 20); t < at(1, 2, 0); t += HR) {
    if (rng.chance(0.5))
      add({
        ms: t + rng.int(0, 30_000),
        who: svcIdentity,
        ip: YEPCODE_EGRESS,
        ua: SDK_JS,
        source: 's3.amazonaws.com',
        name: 'PutObject',
        params: { bucketName: 'acme-invoices', key: object() },
        readOnly: false,
        data: true,
      });
  }
  for (let d = 0; d < 3; d++) {
    for (const t of spread(rng, d, rng.int(8, 12), 0, 24)) {
      add({
        ms: t,
        who: lambdaRole,
        ip: 'lambda.amazonaws.com',
        ua: 'lambda.amazonaws.com',
        source: 's3.amazonaws.com',
        name: 'GetObject',
        params: { bucketName: 'acme-invoices', key: object() },
        readOnly: true,
        data: true,
      });
    }
    for (const t of spread(rng, d, rng.int(6, 10))) {
      const p = rng.pick([MARCO, PRIYA, LI]);
      const name = rng.pick([
        'DescribeInstances',
        'ListBuckets',
        'DescribeDBInstances',
        'GetBucketPolicy',
        'ListFunctions20150331',
      ]);
      const source =
        name === 'DescribeInstances'
          ? 'ec2.amazonaws.com'
          : name === 'DescribeDBInstances'
            ? 'rds.amazonaws.com'
            : name === 'ListFunctions20150331'
              ? 'lambda.amazonaws.com'
              : 's3.amazonaws.com';
      add({
        ms: t,
        who: sso(p.email),
        ip: p.ip,
        ua: CONSOLE,
        source,
        name,
        params: name === 'GetBucketPolicy' ? { bucketName: 'acme-invoices' } : null,
        readOnly: true,
      });
    }
  }

  // Incident: the key stolen through invoice-sync, used from the attacker's host.
  const A = { who: svcIdentity, ip: ATTACKER_IP, ua: CLI_ATTACKER };
  add({
    ...A,
    ms: at(1, 2, 29, 50),
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    params: null,
    readOnly: true,
  });
  add({ ...A, ms: at(1, 2, 30, 12), source: 's3.amazonaws.com', name: 'ListBuckets', params: null, readOnly: true });
  add({
    ...A,
    ms: at(1, 2, 31, 7),
    source: 'secretsmanager.amazonaws.com',
    name: 'ListSecrets',
    params: null,
    readOnly: true,
  });
  add({
    ...A,
    ms: at(1, 2, 31, 40),
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    params: { secretId: 'prod/erp/api-credentials' },
    readOnly: true,
  });
  add({
    ...A,
    ms: at(1, 2, 31, 58),
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    params: { secretId: 'prod/sap/service-account' },
    readOnly: true,
    error: [
      'AccessDenied',
      `User: arn:aws:iam::${AWS_ACCOUNT}:user/${SVC_USER} is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/sap/service-account`,
    ],
  });
  for (let i = 0; i < 6; i++)
    add({
      ...A,
      ms: at(1, 2, 33, i * 7),
      source: 's3.amazonaws.com',
      name: 'GetObject',
      params: { bucketName: 'acme-invoices', key: object() },
      readOnly: true,
      data: true,
    });
  for (const [s, name, params] of [
    [35, 'CreateAccessKey', { userName: SVC_USER }],
    [36, 'CreateUser', { userName: 'backup-admin' }],
    [37, 'AttachUserPolicy', { userName: SVC_USER, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
  ] as const) {
    add({
      ...A,
      ms: at(1, 2, s, 14),
      source: 'iam.amazonaws.com',
      name,
      params,
      readOnly: false,
      region: 'us-east-1',
      error: [
        'AccessDenied',
        `User: arn:aws:iam::${AWS_ACCOUNT}:user/${SVC_USER} is not authorized to perform: iam:${name}`,
      ],
    });
  }
  add({
    ...A,
    ms: at(1, 2, 37, 52),
    source: 'cloudtrail.amazonaws.com',
    name: 'StopLogging',
    params: { name: `arn:aws:cloudtrail:${AWS_REGION}:${AWS_ACCOUNT}:trail/org-trail` },
    readOnly: false,
    error: ['AccessDenied', 'not authorized to perform: cloudtrail:StopLogging'],
  });
  for (let i = 0; i < 2; i++)
    add({
      ...A,
      ms: at(1, 2, 38, 10 + i * 4),
      source: 's3.amazonaws.com',
      name: 'DeleteObject',
      params: { bucketName: 'acme-invoices', key: object() },
      readOnly: false,
      data: true,
    });

  // Response.
  const P = { who: sso(PRIYA.email), ip: PRIYA.ip, ua: CONSOLE };
  add({
    ...P,
    ms: at(1, 8, 58, 3),
    source: 'iam.amazonaws.com',
    name: 'UpdateAccessKey',
    params: { userName: SVC_USER, accessKeyId: LEAKED_KEY, status: 'Inactive' },
    readOnly: false,
    region: 'us-east-1',
  });
  add({
    ...P,
    ms: at(1, 9, 0, 41),
    source: 'iam.amazonaws.com',
    name: 'DeleteAccessKey',
    params: { userName: SVC_USER, accessKeyId: LEAKED_KEY },
    readOnly: false,
    region: 'us-east-1',
  });
  add({
    ...P,
    ms: at(1, 9, 1, 30),
    source: 'secretsmanager.amazonaws.com',
    name: 'RotateSecret',
    params: { secretId: 'prod/erp/api-credentials' },
    readOnly: false,
  });

  const Records = calls
    .sort((a, b) => a.ms - b.ms)
    .map((c): CloudTrailRecord => ({
      eventVersion: '1.09',
      userIdentity: c.who,
      eventTime: isoSeconds(c.ms),
      eventSource: c.source,
      eventName: c.name,
      awsRegion: c.region ?? AWS_REGION,
      sourceIPAddress: c.ip,
      userAgent: c.ua,
      requestParameters: c.params,
      responseElements: null,
      ...(c.error ? { errorCode: c.error[0], errorMessage: c.error[1] } : {}),
      requestID: rng.uuid(),
      eventID: rng.uuid(),
      readOnly: c.readOnly,
      eventType: 'AwsApiCall',
      managementEvent: !c.data,
      recipientAccountId: AWS_ACCOUNT,
      eventCategory: c.data ? 'Data' : 'Management',
    }));
  return { Records };
}
