import { embeddedFor, walkSamples, type Leaf } from './generic/leaves.ts';
import {
  actionCandidates, actorCandidates, changedFieldCandidates, chooseList, ipCandidates, namedCandidates, outcomeCandidates, targetCandidates,
  timeCandidates, type Candidate,
} from './generic/score.ts';
import { ACTOR_TYPE_KEYS, SIMPLE_FIELDS, actorObjectWeight } from './generic/names.ts';
import type { FieldSpec, MappedField, MappingChoice, MappingPack } from './types.ts';

/**
 * The generic pack: for a source no vendor pack knows, find time, actor, action, target, IP and
 * the rest by field names and value shapes in sampled records, at any depth and through JSON held
 * in strings, and write the result down as an ordinary pack (stored with the batch, so the choice
 * is visible and repeatable) with the evidence for each column in `choices`.
 */

const ACTOR_TYPE_MAP: Record<string, string> = {
  user: 'user', human: 'user', person: 'user', member: 'user', admin: 'user', administrator: 'user', iamuser: 'user',
  root: 'user', assumedrole: 'user', end_user: 'user', enduser: 'user', employee: 'user', session: 'user', agent: 'user',
  service: 'service', serviceaccount: 'service', service_account: 'service', serviceprincipal: 'service',
  app: 'service', application: 'service', client: 'service', integration: 'service', awsservice: 'service', system_user: 'service',
  api: 'api', api_key: 'api', apikey: 'api', token: 'api', api_token: 'api', apitoken: 'api', access_token: 'api', oauth: 'api',
  bot: 'automation', automation: 'automation', workflow: 'automation', webhook: 'webhook', scheduler: 'scheduler',
  system: 'system', internal: 'system', systemprincipal: 'system', okta: 'system', anonymous: 'unknown', '*': 'unknown',
};

/** The vendor-event-id guess as it was before detection learned depth: exact names, unique values. */
const ID_NAMES = ['event_id', 'eventId', 'eventID', 'audit_id', 'auditId', 'auditID', 'uuid', 'id', '_id', 'log_id', 'logId', 'insertId'];

function eventIdOf(leaves: Leaf[], samples: number): string | undefined {
  for (const name of ID_NAMES) {
    const lower = name.toLowerCase();
    const cands = leaves
      .filter((l) => l.path.toLowerCase() === lower || (l.segs.length === 1 && (l.segs[0] ?? '').toLowerCase() === lower))
      .sort((a, b) => a.depth - b.depth);
    for (const c of cands) {
      const vals = [...c.values.values()];
      if (vals.length < samples * 0.5 || vals.some((v) => typeof v !== 'string' && typeof v !== 'number')) continue;
      return new Set(vals.map(String)).size === vals.length ? c.path : undefined;
    }
  }
  return undefined;
}

function paths(cs: Candidate[]): string | string[] {
  const p = cs.map((c) => c.leaf.path);
  return p.length === 1 ? (p[0] as string) : p;
}

function describe(column: string, cs: Candidate[]): MappingChoice {
  const [first, ...rest] = cs as [Candidate, ...Candidate[]];
  const also = rest.map((c) => `; where empty, ${c.leaf.path} (${c.why})`).join('');
  return { column, from: cs.map((c) => c.leaf.path).join(' | '), why: `${first.why}${also}` };
}

/** A pack for these samples (parsed records, string-wrapped ones already unwrapped). */
export function synthesizeGeneric(samples: unknown[]): MappingPack {
  const walk = walkSamples(samples);
  const n = samples.length;
  const leaves = walk.leaves;
  const used = new Set<string>();
  const fields: Partial<Record<MappedField, FieldSpec>> = {};
  const choices: MappingChoice[] = [];
  const chosenSegs: string[][] = [];
  const take = (column: MappedField, cs: Candidate[], spec?: (p: string | string[]) => FieldSpec): void => {
    if (!cs.length) return;
    for (const c of cs) {
      used.add(c.leaf.path);
      chosenSegs.push(c.leaf.segs);
    }
    fields[column] = spec ? spec(paths(cs)) : paths(cs);
    choices.push(describe(column === 'time' ? 'event_time' : column, cs));
  };

  take('time', chooseList(timeCandidates(leaves, n), used, 3));

  const actors = actorCandidates(leaves, n);
  // Who acted differs by record more than other columns do (a user, else the app), so weaker
  // names still fill the records the best one leaves empty.
  const named = chooseList(actors.names, used, 3, 0.35);
  const covered = new Set(named.flatMap((c) => [...c.leaf.values.keys()]));
  // Opaque ids only where no readable name is there; they are the actor_id in any case.
  const idFill = named.length && covered.size >= n ? [] : chooseList(actors.ids.filter((c) => [...c.leaf.values.keys()].some((i) => !covered.has(i))), used, 2);
  take('actor', [...named, ...idFill]);
  const actorRoot = named[0]?.leaf.segs.slice(0, -1).join('.') ?? '';
  const ids = actors.ids.map((c) => ({ ...c, score: c.score + (actorRoot && c.leaf.segs.slice(0, -1).join('.') === actorRoot ? 20 : 0) }));
  const idList = chooseList(ids, new Set([...used].filter((p) => !idFill.some((c) => c.leaf.path === p))), 2);
  if (idList.length) {
    fields.actor_id = paths(idList);
    choices.push(describe('actor_id', idList));
    idList.forEach((c) => chosenSegs.push(c.leaf.segs));
  }

  const actorType = leaves.filter((l) => {
    if (used.has(l.path)) return false;
    const inActor = l.key === 'type' && (l.parents[0] ?? '') !== '' && actorObjectWeight(l.parents[0] ?? '') >= 6;
    if (!inActor && !ACTOR_TYPE_KEYS.has(l.key)) return false;
    const vals = [...l.values.values()].map((v) => String(v).toLowerCase());
    return vals.length >= n * 0.5 && vals.filter((v) => v in ACTOR_TYPE_MAP).length >= vals.length * 0.5;
  });
  const at = actorType.sort((a, b) => a.depth - b.depth)[0];
  if (at) {
    used.add(at.path);
    chosenSegs.push(at.segs);
    fields.actor_type = { path: at.path, map: ACTOR_TYPE_MAP };
    choices.push({ column: 'actor_type', from: at.path, why: `actor kinds (user, service, api…) in ${at.values.size}/${n} samples` });
  }

  const actions = chooseList(actionCandidates(leaves, n), used, 3);
  take('action', actions.length ? actions : chooseList(changedFieldCandidates(leaves, n), used, 1));
  take('src_ip', chooseList(ipCandidates(leaves, n), used, 3), (p) => ({ path: p, transform: 'ip' }));
  const outcome = chooseList(outcomeCandidates(leaves, n), used, 2);
  if (outcome.length) {
    const inverted = outcome[0]?.inverted ?? false;
    take('outcome', outcome, (p) =>
      inverted ? { path: p, map: { true: 'failure', false: 'success', '*': 'unknown' } } : { path: p, transform: 'outcome' },
    );
  }
  for (const part of ['target_name', 'target_type', 'target_id'] as const) take(part, chooseList(targetCandidates(leaves, n, part), used, 2));
  take('user_agent', chooseList(namedCandidates(leaves, n, SIMPLE_FIELDS.user_agent, true), used, 2));
  take('service', chooseList(namedCandidates(leaves, n, SIMPLE_FIELDS.service), used, 2));
  take('description', chooseList(namedCandidates(leaves, n, SIMPLE_FIELDS.description, true), used, 2));
  take('tenant', chooseList(namedCandidates(leaves, n, SIMPLE_FIELDS.tenant, false, true), used, 1));

  const eventId = eventIdOf(leaves, n);
  if (eventId) chosenSegs.push(leaves.find((l) => l.path === eventId)?.segs ?? []);
  const embeddedJson = embeddedFor(chosenSegs, walk);
  return {
    id: 'generic',
    version: 2,
    label: 'Generic (detected by field names and value shapes)',
    detect: { formats: ['json', 'csv'], all: [] },
    ...(embeddedJson.length ? { embeddedJson } : {}),
    ...(eventId ? { eventId: [eventId] } : {}),
    fields,
    choices,
  };
}
