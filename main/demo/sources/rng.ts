/**
 * Seeded randomness and fixed clock for the demo data: the same seed gives the same files on every
 * run and machine (no Math.random, no Date.now).
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.int(0, 15).toString(16);
    return s;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Midnight UTC of the story's first day, Monday 2025-03-03. */
export const DAY0 = Date.UTC(2025, 2, 3);

/** Epoch ms of day `d` (0-based from DAY0) at h:m:s UTC. */
export function at(d: number, h: number, m = 0, s = 0, ms = 0): number {
  return DAY0 + d * 24 * HOUR + h * HOUR + m * MINUTE + s * 1000 + ms;
}

/** `count` sorted times on day `d` between fromH and toH o'clock UTC. */
export function spread(rng: Rng, d: number, count: number, fromH = 7, toH = 18): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(at(d, fromH) + Math.floor(rng.next() * (toH - fromH) * HOUR));
  return out.sort((a, b) => a - b);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO without milliseconds, as CloudTrail writes it. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2025-03-03 10:15:02`: wall time without offset (UTC here). */
export function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Kibana's default date format: `Mar 3, 2025 @ 10:15:02.123`. */
export function kibana(ms: number): string {
  const d = new Date(ms);
  const t = d.toISOString().slice(11, 23);
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}, ${d.getUTCFullYear()} @ ${t}`;
}

export const MIN = MINUTE;
export const HR = HOUR;
