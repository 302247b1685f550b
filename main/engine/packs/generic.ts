import type { FieldSpec, MappedField, MappingPack } from './types.ts';

/**
 * The generic pack: for a source no vendor pack knows, find time, actor, action, target, IP and
 * the rest by field names and value shapes in sampled records, and write the result down as an
 * ordinary pack (stored with the batch, so the choice is visible and repeatable).
 */

interface Leaf {
  path: string;
  name: string;
  depth: number;
  values: unknown[];
}

const MAX_DEPTH = 4;

function quoteSeg(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `"${k.replace(/"/g, '')}"`;
}

function collect(value: unknown, prefix: string, depth: number, out: Map<string, Leaf>, name: string): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    if (value.length && depth < MAX_DEPTH) collect(value[0], `${prefix}[0]`, depth + 1, out, name);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      collect(v, prefix ? `${prefix}.${quoteSeg(k)}` : quoteSeg(k), depth + 1, out, k);
    }
    return;
  }
  if (!prefix) return;
  const leaf = out.get(prefix) ?? { path: prefix, name, depth, values: [] };
  leaf.values.push(value);
  out.set(prefix, leaf);
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(:\d+)?$/;
const IPV6 = /^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\]?(:\d+)?$/i;

function isTime(v: unknown): boolean {
  if (typeof v === 'number') return v > 9e8 && v < 1e20;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (/^\d{10}(\.\d+)?$|^\d{13}$|^\d{16}$|^\d{19}$/.test(s)) return true;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(s)) return true;
  if (/^\d{1,2}\/\d{1,2}\/\d{4}[ T]\d{1,2}:\d{2}/.test(s)) return true;
  if (/^[A-Z][a-z]{2} \d{1,2}, \d{4} @ /.test(s)) return true;
  return false;
}

const isIp = (v: unknown): boolean => typeof v === 'string' && (IPV4.test(v) || (v.includes(':') && IPV6.test(v)));
const isText = (v: unknown): boolean => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
const isWord = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= 200;

interface Rule {
  field: MappedField | 'id';
  names: string[];
  shape: (v: unknown) => boolean;
}

/** Names in order of preference; matched case-insensitively against the leaf's key or its full path. */
const RULES: Rule[] = [
  {
    field: 'time',
    names: ['eventTime', 'event_time', '@timestamp', 'timestamp', 'time', 'datetime', 'date_time', 'date', 'created_at', 'createdAt', 'creationTime', 'creationDate', 'published', 'occurred_at', 'occurredAt', 'ts', 'when', 'logged_at', 'eventDate'],
    shape: isTime,
  },
  {
    field: 'actor',
    names: ['actor.email', 'actor.alternateId', 'actor.login', 'actor.name', 'actor.displayName', 'actor', 'user.email', 'user.name', 'user.username', 'user.login', 'username', 'userName', 'user_name', 'userEmail', 'user_email', 'user', 'email', 'principal', 'principalEmail', 'caller', 'initiator', 'initiatedBy', 'performed_by', 'performedBy', 'login', 'account', 'who', 'author', 'owner', 'UserId', 'userId', 'user_id', 'actor_id', 'actorId'],
    shape: isWord,
  },
  {
    field: 'actor_id',
    names: ['actor.id', 'actor_id', 'actorId', 'user.id', 'userId', 'user_id', 'principalId', 'uid'],
    shape: isText,
  },
  {
    field: 'action',
    names: ['action', 'eventName', 'event_name', 'eventType', 'event_type', 'event', 'operation', 'operationName', 'activity', 'method', 'methodName', 'verb', 'action_type', 'actionType', 'type', 'name', 'message_type'],
    shape: isWord,
  },
  {
    field: 'target_name',
    names: ['target.name', 'target.displayName', 'target', 'target_name', 'targetName', 'resource.name', 'resourceName', 'resource', 'object.name', 'objectName', 'object_name', 'object', 'entity', 'entityName', 'subject', 'repo', 'repository', 'document'],
    shape: isWord,
  },
  {
    field: 'target_type',
    names: ['target.type', 'target_type', 'targetType', 'resource.type', 'resourceType', 'resource_type', 'object.type', 'objectType', 'object_type', 'entityType', 'entity_type'],
    shape: isWord,
  },
  {
    field: 'target_id',
    names: ['target.id', 'target_id', 'targetId', 'resource.id', 'resourceId', 'resource_id', 'object.id', 'objectId', 'object_id', 'entityId', 'entity_id'],
    shape: isText,
  },
  {
    field: 'src_ip',
    names: ['src_ip', 'srcIp', 'source_ip', 'sourceIp', 'sourceIPAddress', 'client_ip', 'clientIp', 'clientIP', 'ip_address', 'ipAddress', 'ip', 'remote_addr', 'remoteAddr', 'remote_ip', 'callerIp', 'actor_ip', 'IPAddress'],
    shape: isIp,
  },
  { field: 'user_agent', names: ['user_agent', 'userAgent', 'ua', 'rawUserAgent', 'http_user_agent'], shape: isWord },
  {
    field: 'outcome',
    names: ['outcome', 'result', 'status', 'success', 'outcome.result', 'resultStatus', 'ResultStatus', 'eventStatus', 'event_status'],
    shape: (v) => typeof v === 'boolean' || isWord(v),
  },
  { field: 'service', names: ['service', 'serviceName', 'service_name', 'app', 'application', 'component', 'source', 'workload', 'Workload'], shape: isWord },
  { field: 'description', names: ['description', 'message', 'msg', 'displayMessage', 'details', 'summary', 'text'], shape: isWord },
  { field: 'tenant', names: ['tenant', 'tenantName', 'tenant_name', 'org', 'organization', 'orgId', 'org_id', 'account_id', 'accountId'], shape: isWord },
  { field: 'id', names: ['event_id', 'eventId', 'eventID', 'audit_id', 'auditId', 'auditID', 'uuid', 'id', '_id', 'log_id', 'logId', 'insertId'], shape: isText },
];

function pick(leaves: Leaf[], rule: Rule, used: Set<string>, sampleCount: number): Leaf | undefined {
  for (const name of rule.names) {
    const lower = name.toLowerCase();
    const candidates = leaves
      .filter((l) => !used.has(l.path))
      .filter((l) => l.path.toLowerCase() === lower || (!name.includes('.') && l.name.toLowerCase() === lower))
      .sort((a, b) => a.depth - b.depth);
    for (const c of candidates) {
      const nonNull = c.values.filter((v) => v !== null && v !== undefined && v !== '');
      if (nonNull.length === 0 || nonNull.length < sampleCount * 0.5) continue;
      if (nonNull.filter(rule.shape).length >= nonNull.length * 0.8) return c;
    }
  }
  return undefined;
}

/** A pack for these samples. Values with the right shape but an unknown name are used for IPs only. */
export function synthesizeGeneric(samples: unknown[]): MappingPack {
  const map = new Map<string, Leaf>();
  for (const s of samples) collect(s, '', 0, map, '');
  const leaves = [...map.values()];
  const used = new Set<string>();
  const fields: Partial<Record<MappedField, FieldSpec>> = {};
  let eventId: string[] | undefined;
  for (const rule of RULES) {
    const leaf = pick(leaves, rule, used, samples.length);
    if (!leaf) continue;
    if (rule.field === 'id') {
      const vals = leaf.values.map((v) => String(v));
      if (new Set(vals).size === vals.length) eventId = [leaf.path];
      continue;
    }
    used.add(leaf.path);
    if (rule.field === 'outcome') {
      fields.outcome = {
        path: leaf.path,
        map: {
          success: 'success', succeeded: 'success', ok: 'success', true: 'success', allowed: 'success', allow: 'success', passed: 'success', '200': 'success', '201': 'success', '204': 'success',
          failure: 'failure', failed: 'failure', fail: 'failure', error: 'failure', denied: 'failure', deny: 'failure', false: 'failure', forbidden: 'failure', unauthorized: 'failure', '401': 'failure', '403': 'failure', '500': 'failure',
          '*': 'unknown',
        },
      };
    } else {
      fields[rule.field] = leaf.path;
    }
  }
  if (!fields.src_ip) {
    const ipLeaf = leaves.find((l) => l.values.length >= samples.length * 0.5 && l.values.every((v) => v == null || isIp(v)) && l.values.some(isIp));
    if (ipLeaf) fields.src_ip = ipLeaf.path;
  }
  return {
    id: 'generic',
    version: 1,
    label: 'Generic (detected by field names and value shapes)',
    detect: { formats: ['json', 'csv'], all: [] },
    ...(eventId ? { eventId } : {}),
    fields,
  };
}
