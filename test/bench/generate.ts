import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A small deterministic PRNG (mulberry32) so every run writes the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTORS = Array.from({ length: 500 }, (_, i) => `user${i}@corp.example`);
const ACTIONS = ['login', 'logout', 'create', 'update', 'delete', 'read', 'permission.grant', 'config.change', 'execute'];
const TYPES = ['process', 'credential', 'project', 'user', 'schedule', 'variable'];

export interface GeneratedEvent {
  id: string;
  timestamp: string;
  user: { email: string; id: string };
  action: string;
  target: { type: string; id: string; name: string };
  ip: string;
  user_agent: string;
  outcome: string;
  message: string;
}

export function eventAt(i: number, rnd: () => number): GeneratedEvent {
  const actor = ACTORS[Math.floor(rnd() * ACTORS.length)] as string;
  const action = ACTIONS[Math.floor(rnd() * ACTIONS.length)] as string;
  const type = TYPES[Math.floor(rnd() * TYPES.length)] as string;
  const t = Date.UTC(2025, 0, 1) + i * 3000 + Math.floor(rnd() * 3000);
  const obj = Math.floor(rnd() * 100_000);
  return {
    id: `evt-${i.toString(36)}-${Math.floor(rnd() * 1e9).toString(36)}`,
    timestamp: new Date(t).toISOString(),
    user: { email: actor, id: `u-${actor.length}${Math.floor(rnd() * 1000)}` },
    action,
    target: { type, id: `${type}-${obj}`, name: `${type} ${obj}` },
    ip: `10.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`,
    user_agent: rnd() < 0.5 ? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0' : 'python-requests/2.31',
    outcome: rnd() < 0.93 ? 'success' : 'failure',
    message: `${actor} did ${action} on ${type} ${obj}`,
  };
}

async function writeLines(path: string, count: number, line: (i: number) => string, header?: string): Promise<void> {
  const out = createWriteStream(path);
  if (header) out.write(header + '\n');
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += line(i) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function writeNdjson(path: string, count: number, seed = 42): Promise<void> {
  const rnd = prng(seed);
  await writeLines(path, count, (i) => JSON.stringify(eventAt(i, rnd)));
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeCsv(path: string, count: number, seed = 42): Promise<void> {
  const rnd = prng(seed);
  await writeLines(
    path,
    count,
    (i) => {
      const e = eventAt(i, rnd);
      return [e.id, e.timestamp, e.user.email, e.action, e.target.type, e.target.name, e.ip, e.outcome, e.message].map(csvCell).join(',');
    },
    'id,timestamp,user,action,object_type,object_name,ip_address,status,description',
  );
}
