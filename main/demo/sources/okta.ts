import { ATTACKER_IP, DANA, PRIYA, STAFF, type Person } from './cast.ts';
import { type Draft, type OktaEvent, type Target, toOktaEvent } from './okta-shape.ts';
import { Rng, at, spread } from './rng.ts';

const userTarget = (p: Person, changeDetails?: Target['changeDetails']): Target => ({
  id: p.oktaId,
  type: 'User',
  alternateId: p.email,
  displayName: p.name,
  detailEntry: null,
  ...(changeDetails ? { changeDetails } : {}),
});
const appTarget = (id: string, name: string): Target => ({
  id,
  type: 'AppInstance',
  alternateId: name,
  displayName: name,
  detailEntry: null,
});
const MFA_RULE = (changeDetails?: Target['changeDetails']): Target => ({
  id: '0pr7aw0z1mFRa1b2C697',
  type: 'PolicyRule',
  alternateId: 'unknown',
  displayName: 'Require MFA outside office',
  detailEntry: null,
  ...(changeDetails ? { changeDetails } : {}),
});
const APPS = [
  appTarget('0oa1awsA1b2C3d4E5697', 'AWS IAM Identity Center'),
  appTarget('0oa1sqcF6g7H8i9J0697', 'Squadcast'),
  appTarget('0oa1epiK1l2M3n4O5697', 'epilot'),
  appTarget('0oa1yepP6q7R8s9T0697', 'YepCode'),
];

/** Okta System Log events as NDJSON lines, oldest first. */
export function oktaEvents(seed: number): OktaEvent[] {
  const rng = new Rng(seed);
  const drafts: Draft[] = [];
  const add = (d: Draft): void => {
    drafts.push(d);
  };
  for (let d = 0; d < 3; d++) {
    for (const p of STAFF) {
      if (d === 2 && p === DANA) continue;
      const t = at(d, 7, rng.int(0, 50), rng.int(0, 59));
      add({ ms: t, who: p, ip: p.ip, type: 'user.session.start', message: 'User login to Okta', targets: [] });
      add({
        ms: t + 4000,
        who: p,
        ip: p.ip,
        type: 'user.authentication.auth_via_mfa',
        message: 'Authentication of user via MFA',
        targets: [],
      });
      for (const s of spread(rng, d, rng.int(2, 4), 8, 17)) {
        add({
          ms: s,
          who: p,
          ip: p.ip,
          type: 'user.authentication.sso',
          message: 'User single sign on to app',
          targets: [rng.pick(APPS)],
        });
      }
    }
  }
  // Incident: password spraying against dana, then her leaked API token (SSWS) works around it.
  for (let i = 0; i < 6; i++) {
    add({
      ms: at(1, 1, 58 + Math.floor(i / 2), (i % 2) * 29 + 3),
      who: DANA,
      ip: ATTACKER_IP,
      type: 'user.session.start',
      message: 'User login to Okta',
      result: 'FAILURE',
      reason: 'INVALID_CREDENTIALS',
      targets: [],
    });
  }
  add({
    ms: at(1, 2, 1, 10),
    who: 'system',
    ip: null,
    type: 'user.account.lock',
    message: 'Max sign in attempts exceeded',
    targets: [userTarget(DANA)],
  });
  const A = { who: DANA, ip: ATTACKER_IP, api: true };
  add({
    ...A,
    ms: at(1, 2, 20, 4),
    type: 'policy.rule.update',
    message: 'Update policy rule',
    targets: [
      MFA_RULE({
        from: { ruleAction: 'REQUIRE_FACTOR', ruleFactorLifetime: 'SESSION', ruleNetworkZone: 'ANYWHERE' },
        to: { ruleAction: 'ALLOW', ruleNetworkZone: 'ANYWHERE' },
      }),
    ],
  });
  add({
    ...A,
    ms: at(1, 2, 22, 31),
    type: 'group.user_membership.add',
    message: 'Add user to group membership',
    targets: [
      userTarget(DANA),
      {
        id: '00g1admA1b2C3d4E5697',
        type: 'UserGroup',
        alternateId: 'unknown',
        displayName: 'AWS-Admins',
        detailEntry: null,
      },
    ],
  });
  add({
    ...A,
    ms: at(1, 2, 25, 9),
    type: 'user.account.update_profile',
    message: 'Update user profile for Okta',
    targets: [
      userTarget(DANA, {
        from: { mobilePhone: '+49 151 2345 6789', secondEmail: null },
        to: { mobilePhone: '+31 6 1234 5678', secondEmail: 'dana.w@mailbox.example' },
      }),
    ],
  });
  add({
    ...A,
    ms: at(1, 2, 26, 40),
    type: 'user.mfa.factor.deactivate',
    message: 'Reset factor for user',
    targets: [userTarget(DANA)],
  });
  // Response.
  const P = { who: PRIYA, ip: PRIYA.ip };
  add({
    ...P,
    ms: at(1, 8, 35, 12),
    type: 'user.session.clear',
    message: 'Clear user session',
    targets: [userTarget(DANA)],
  });
  add({
    ...P,
    ms: at(1, 8, 36, 2),
    type: 'system.api_token.revoke',
    message: 'Revoke API token',
    targets: [
      {
        id: '00T1prvA1b2C3d4E5697',
        type: 'Token',
        alternateId: 'unknown',
        displayName: 'provisioning-script',
        detailEntry: null,
      },
    ],
  });
  add({
    ...P,
    ms: at(1, 8, 37, 45),
    type: 'user.account.reset_password',
    message: "Fired when the user's Okta password is reset",
    targets: [userTarget(DANA)],
  });
  add({
    ...P,
    ms: at(1, 8, 40, 18),
    type: 'policy.rule.update',
    message: 'Update policy rule',
    targets: [
      MFA_RULE({ from: { ruleAction: 'ALLOW' }, to: { ruleAction: 'REQUIRE_FACTOR', ruleFactorLifetime: 'SESSION' } }),
    ],
  });
  add({
    ...P,
    ms: at(1, 8, 42, 7),
    type: 'group.user_membership.remove',
    message: 'Remove user from group membership',
    targets: [
      userTarget(DANA),
      {
        id: '00g1admA1b2C3d4E5697',
        type: 'UserGroup',
        alternateId: 'unknown',
        displayName: 'AWS-Admins',
        detailEntry: null,
      },
    ],
  });
  add({
    ...P,
    ms: at(1, 8, 44, 51),
    type: 'user.account.update_profile',
    message: 'Update user profile for Okta',
    targets: [
      userTarget(DANA, {
        from: { mobilePhone: '+31 6 1234 5678', secondEmail: 'dana.w@mailbox.example' },
        to: { mobilePhone: '+49 151 2345 6789', secondEmail: null },
      }),
    ],
  });
  add({
    ms: at(2, 9, 12, 30),
    who: DANA,
    ip: DANA.ip,
    type: 'user.session.start',
    message: 'User login to Okta',
    targets: [],
  });

  return drafts.sort((a, b) => a.ms - b.ms).map((d) => toOktaEvent(d, rng));
}
