import { timeKind, timeKindLabel, type TimeKind } from '../time-shape.ts';
import type { Leaf } from './leaves.ts';
import {
  ACTION_NAMES, ACTION_OBJECTS, ACTOR_ID_KEYS, ACTOR_INNER_KEYS, ACTOR_KEYS, IP_NAMES, NOT_SOURCE_IP, NOT_TIME,
  OUTCOME_NAMES, SEVERITY, TARGET_ID_KEYS, TARGET_NAME_KEYS, TARGET_TYPE_KEYS, TIME_NAMES, actorObjectWeight, isTargetObject,
  roleOf,
} from './names.ts';
import { isEmail, isIp, isLabel, isOpaqueId, isReadableName, isVerbLike, outcomeOf } from './shapes.ts';

/** A leaf proposed for one column, its score and the evidence a person can check. */
export interface Candidate {
  leaf: Leaf;
  score: number;
  why: string;
}

function share(leaf: Leaf, pred: (v: unknown) => boolean): { hits: number; n: number; frac: number } {
  let hits = 0;
  for (const v of leaf.values.values()) if (pred(v)) hits++;
  const n = leaf.values.size;
  return { hits, n, frac: n ? hits / n : 0 };
}

const coverage = (leaf: Leaf, samples: number): number => leaf.values.size / Math.max(1, samples);
const counted = (hits: number, samples: number): string => `${hits}/${samples} samples`;
const under = (leaf: Leaf): string => {
  const names = leaf.segs.filter((s) => !s.startsWith('[')).slice(0, -1);
  return names.length ? `, under ${names.join('.')}` : '';
};
const distinctShare = (leaf: Leaf): number => new Set([...leaf.values.values()].map(String)).size / Math.max(1, leaf.values.size);

export function timeCandidates(leaves: Leaf[], samples: number): Candidate[] {
  const out: Candidate[] = [];
  for (const l of leaves) {
    if (NOT_TIME.test(l.key)) continue;
    const kinds = new Map<TimeKind, number>();
    for (const v of l.values.values()) {
      const k = timeKind(v);
      if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    const hits = [...kinds.values()].reduce((a, b) => a + b, 0);
    if (hits === 0 || hits < l.values.size * 0.8) continue;
    const main = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as TimeKind;
    const named = TIME_NAMES[l.key];
    const weight = named ?? (/time|date|timestamp/.test(l.key) ? 3 : 1);
    const inTarget = l.parents.some(isTargetObject);
    const meaning =
      weight >= 10 ? 'a name meaning when it happened' : weight >= 7 ? 'a creation time (no event-time name present)' : weight >= 4 ? 'an update or receipt time (nothing better present)' : 'time-shaped values only';
    out.push({
      leaf: l,
      score: weight * 10 + coverage(l, samples) * 20 - l.depth - (inTarget ? 30 : 0),
      why: `${timeKindLabel(main)} in ${counted(hits, samples)}; ${meaning}`,
    });
  }
  return out;
}

export interface ActorCandidates {
  names: Candidate[];
  ids: Candidate[];
}

/** Sign-in records that name no actor call the user signing in the target (1Password `target_user`). */
const SIGNING_IN_USER = /^targetuser/;

export function actorCandidates(leaves: Leaf[], samples: number): ActorCandidates {
  const first = actorPass(leaves, samples, false);
  if (first.names.length || first.ids.length) return first;
  return actorPass(leaves, samples, true);
}

function actorPass(leaves: Leaf[], samples: number, signingIn: boolean): ActorCandidates {
  const names: Candidate[] = [];
  const ids: Candidate[] = [];
  for (const l of leaves) {
    const outer = l.parents[l.parents.length - 1] ?? '';
    if (signingIn ? !SIGNING_IN_USER.test(outer) : roleOf(l.parents) === 'target') continue;
    const objW = signingIn ? 6 : Math.max(0, ...l.parents.slice(0, 3).map(actorObjectWeight));
    const idKey = ACTOR_ID_KEYS.has(l.key) && (objW > 0 || /user|actor|author|principal|initiat|creat/.test(l.key));
    const email = share(l, isEmail);
    // An id field holding e-mail addresses (CrowdStrike UserId, M365 UserId) names the actor.
    const keyW = (objW > 0 ? (ACTOR_INNER_KEYS[l.key] ?? ACTOR_KEYS[l.key]) : ACTOR_KEYS[l.key]) ?? (idKey && email.frac >= 0.8 ? 6 : undefined);
    if (keyW === undefined && !idKey) continue;
    if (l.key === 'type' || l.key === 'key') continue;
    const readable = share(l, isReadableName);
    const opaque = share(l, isOpaqueId);
    const cov = coverage(l, samples);
    const where = under(l);
    if (keyW !== undefined && readable.frac >= 0.8) {
      names.push({
        leaf: l,
        score: objW * 2 + keyW * 3 + email.frac * 10 + cov * 15 - l.depth * 0.5,
        why: `${email.frac >= 0.8 ? 'e-mail-shaped values' : 'readable names'} in ${counted(email.frac >= 0.8 ? email.hits : readable.hits, samples)}${where}${signingIn ? ' (no actor field: the user signing in)' : ''}`,
      });
    } else if (opaque.frac >= 0.8 || idKey) {
      ids.push({
        leaf: l,
        score: objW * 2 + (idKey ? 8 : (keyW ?? 0)) * 2 + cov * 15 - l.depth * 0.5,
        why: `opaque ids in ${counted(opaque.hits, samples)}${where}`,
      });
    }
  }
  return { names, ids };
}

export function actionCandidates(leaves: Leaf[], samples: number): Candidate[] {
  const out: Candidate[] = [];
  for (const l of leaves) {
    if (roleOf(l.parents) === 'target') continue;
    const parent = l.parents[0] ?? '';
    const inActionObject = ACTION_OBJECTS.has(parent) && ['type', 'name', 'action', 'kind', 'value', 'tag'].includes(l.key);
    if (!inActionObject && l.parents.slice(0, 2).some((p) => actorObjectWeight(p) > 0)) continue;
    const weight = inActionObject ? 9 : ACTION_NAMES[l.key];
    if (weight === undefined) continue;
    // Weak names (`name`, `type`) mean an action only near the top of the record.
    if (weight < 6 && !inActionObject && l.depth > 2) continue;
    // Windows EventID is a numeric action code; elsewhere an event id is an identifier.
    if (l.key === 'eventid' && share(l, (v) => /^\d{1,6}$/.test(String(v))).frac < 1) continue;
    const label = share(l, isLabel);
    if (label.frac < 0.9 || share(l, (v) => SEVERITY.test(String(v))).frac >= 0.8) continue;
    const verbs = share(l, isVerbLike);
    const distinct = distinctShare(l);
    const constant = l.values.size >= 4 && distinct * l.values.size <= 1;
    out.push({
      leaf: l,
      score: weight * 10 + coverage(l, samples) * 15 + verbs.frac * 10 + (distinct < 0.8 ? 3 : 0) - (constant ? (weight < 10 ? 25 : 10) : 0) - l.depth,
      why: `${verbs.frac >= 0.5 ? 'verb-like labels' : 'short labels'} in ${counted(label.hits, samples)}${under(l)}`,
    });
  }
  return out;
}

const FIELD_KEYS = new Set(['fieldname', 'field', 'attribute', 'attributename', 'property', 'propertyname', 'columnname']);
const OLD_NEW = /^(oldvalue|newvalue|old|new|from|to|before|after|previousvalue|value)$/;

/**
 * For change records without an action field (ServiceNow sys_audit: one row per changed field), the
 * field that was changed says what was done; used only when nothing else names the action.
 */
export function changedFieldCandidates(leaves: Leaf[], samples: number): Candidate[] {
  const keysByParent = new Map<string, Set<string>>();
  for (const l of leaves) {
    const at = l.segs.slice(0, -1).join('\u0000');
    keysByParent.set(at, (keysByParent.get(at) ?? new Set()).add(l.key));
  }
  return leaves
    .filter((l) => FIELD_KEYS.has(l.key) && [...(keysByParent.get(l.segs.slice(0, -1).join('\u0000')) ?? [])].some((k) => OLD_NEW.test(k)))
    .filter((l) => share(l, isLabel).frac >= 0.9)
    .map((l) => ({
      leaf: l,
      score: coverage(l, samples) * 10 - l.depth,
      why: `no action field; each record changes the field named here (with its old and new values), ${counted(l.values.size, samples)}`,
    }));
}

export type TargetPart = 'target_name' | 'target_type' | 'target_id';

export function targetCandidates(leaves: Leaf[], samples: number, part: TargetPart): Candidate[] {
  const table = part === 'target_name' ? TARGET_NAME_KEYS : part === 'target_type' ? TARGET_TYPE_KEYS : TARGET_ID_KEYS;
  const out: Candidate[] = [];
  for (const l of leaves) {
    const ti = l.parents.slice(0, 3).findIndex((p) => isTargetObject(p) && !/useragent|device|location|geo|client|app|change|old|new|before|after|modified|value/.test(p));
    const weight = table[l.key];
    if (weight === undefined) continue;
    if (ti < 0 && weight < 8) continue;
    if (ti < 0 && l.parents.some((p) => actorObjectWeight(p) > 0)) continue;
    const ok = share(l, part === 'target_id' ? (v) => typeof v === 'number' || (typeof v === 'string' && v.length <= 300) : isLabel);
    if (ok.frac < 0.8) continue;
    out.push({
      leaf: l,
      score: weight * 10 + (ti >= 0 ? 10 - ti * 3 : 0) + coverage(l, samples) * 15 - l.depth,
      why: `${counted(ok.hits, samples)}${under(l)}`,
    });
  }
  return out;
}

export function ipCandidates(leaves: Leaf[], samples: number): Candidate[] {
  const out: Candidate[] = [];
  for (const l of leaves) {
    if (NOT_SOURCE_IP.test(l.key) || l.parents.slice(0, 2).some((p) => NOT_SOURCE_IP.test(p) || /target|destination/.test(p))) continue;
    const ips = share(l, isIp);
    const weight = IP_NAMES[l.key] ?? 1;
    // A field named for the address may also hold service names (CloudTrail's "AWS Internal").
    if (ips.hits === 0 || ips.frac < (weight > 1 ? 0.5 : 0.9)) continue;
    const near = /client|request|actor|accessdevice|origin|source|caller|user|context|session|location/.test(l.parents[0] ?? '') ? 2 : 0;
    out.push({
      leaf: l,
      score: weight * 10 + near + coverage(l, samples) * 10 - l.depth,
      why: `IP addresses in ${counted(ips.hits, samples)}${weight === 1 ? ' (by value shape)' : ''}${under(l)}`,
    });
  }
  return out;
}

export interface OutcomeCandidate extends Candidate {
  /** Booleans under a name meaning failure (`failed: true`) read the other way round. */
  inverted: boolean;
}

export function outcomeCandidates(leaves: Leaf[], samples: number): OutcomeCandidate[] {
  const out: OutcomeCandidate[] = [];
  for (const l of leaves) {
    const parent = l.parents[0] ?? '';
    const weight = OUTCOME_NAMES[l.key] ?? (/^(outcome|result|status)$/.test(parent) && /^(value|code|errorcode|type|status|result)$/.test(l.key) ? 8 : undefined);
    if (weight === undefined || l.parents.some(isTargetObject)) continue;
    const decided = share(l, (v) => {
      const o = outcomeOf(v);
      return o === 'success' || o === 'failure';
    });
    if (decided.frac < 0.6) continue;
    const booleans = share(l, (v) => typeof v === 'boolean' || v === 'true' || v === 'false');
    const inverted = booleans.frac >= 0.8 && /fail|error|denied|block/.test(l.key);
    out.push({
      leaf: l,
      inverted,
      score: weight * 10 + coverage(l, samples) * 10 + decided.frac * 10 - l.depth,
      why: `success/failure readable in ${counted(decided.hits, samples)}${inverted ? ' (true means failure)' : ''}${under(l)}`,
    });
  }
  return out;
}

export function namedCandidates(leaves: Leaf[], samples: number, names: Record<string, number>, long = false, notInActor = false): Candidate[] {
  const out: Candidate[] = [];
  for (const l of leaves) {
    const weight = names[l.key];
    if (weight === undefined || (notInActor && roleOf(l.parents) === 'actor')) continue;
    const ok = share(l, (v) => (typeof v === 'string' && v.trim() !== '' && (long || v.length <= 300)) || typeof v === 'number');
    if (ok.frac < 0.8) continue;
    out.push({ leaf: l, score: weight * 10 + coverage(l, samples) * 10 - l.depth, why: `${counted(ok.hits, samples)}${under(l)}` });
  }
  return out;
}

/**
 * The best candidate, then others only where it is empty, so a column is filled for records of
 * every shape in the sample (an app where a user is usually named, a second time field).
 */
export function chooseList<C extends Candidate>(cands: C[], used: Set<string>, max = 4, floor = 0.5): C[] {
  const sorted = cands.filter((c) => !used.has(c.leaf.path)).sort((a, b) => b.score - a.score);
  const out: C[] = [];
  const covered = new Set<number>();
  const best = sorted[0]?.score ?? 0;
  for (const c of sorted) {
    const adds = [...c.leaf.values.keys()].filter((i) => !covered.has(i)).length;
    if (out.length && (adds === 0 || c.score < best * floor)) continue;
    out.push(c);
    for (const i of c.leaf.values.keys()) covered.add(i);
    if (out.length >= max) break;
  }
  return out;
}
