import { parseEmbedded } from '../paths.ts';

/**
 * Every scalar position ("leaf") in the sampled records, with the values seen there. JSON text
 * inside strings (Log Analytics `dynamic` columns, CloudTrail's `CloudTrailEvent`, Cribl's `_raw`,
 * AKS `properties.log`) is parsed and walked like any object; those strings are remembered so the
 * pack can declare them as `embeddedJson`.
 */

export interface Leaf {
  /** Pack path (`initiatedBy.user.userPrincipalName`, `"TimeGenerated [UTC]"`, `targets[0].id`). */
  path: string;
  /** Path segments (keys and `[0]`), for prefix tests against embedded strings. */
  segs: string[];
  /** The key, normalised (lower case, letters and digits only, `[UTC]`-style suffixes dropped). */
  key: string;
  /** Normalised keys of the enclosing objects, nearest first (a CSV header `actor.email` counts as actor → email). */
  parents: string[];
  depth: number;
  /** Non-empty values by sample index. */
  values: Map<number, unknown>;
}

export interface Walk {
  leaves: Leaf[];
  /** Paths of strings holding JSON objects or arrays, as segments. */
  embedded: string[][];
  samples: number;
}

const MAX_DEPTH = 8;
const MAX_LEAVES = 4000;

export function normKey(k: string): string {
  return k
    .toLowerCase()
    .replace(/\[[^\]]*\]|\([^)]*\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export function quoteSeg(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `"${k.replace(/"/g, '')}"`;
}

export function joinPath(segs: string[]): string {
  return segs.map((s, i) => (s.startsWith('[') ? s : i === 0 ? quoteSeg(s) : `.${quoteSeg(s)}`)).join('');
}

/** Placeholders (Windows writes `-` for "no account") count as absent when choosing. */
const empty = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && /^\s*(-|n\/a)?\s*$/i.test(v));

export function walkSamples(samples: unknown[]): Walk {
  const leaves = new Map<string, Leaf>();
  const embedded = new Map<string, string[]>();
  const visit = (value: unknown, segs: string[], parents: string[], key: string, i: number, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof value === 'string' && segs.length) {
      const parsed = parseEmbedded(value);
      if (parsed !== undefined && parsed !== null && typeof parsed === 'object') {
        embedded.set(segs.join('\u0000'), segs);
        value = parsed;
      }
    }
    if (Array.isArray(value)) {
      // The first element stands for the list (targets[0], sourceIPs[0]).
      const first = value.find((x) => !empty(x));
      if (first !== undefined) visit(first, [...segs, `[${value.indexOf(first)}]`], parents, key, i, depth + 1);
      return;
    }
    if (value !== null && typeof value === 'object') {
      const here = segs.length ? [normKey(key), ...parents] : parents;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        // A CSV header `actor.userEmail` is a flat key whose dots still name enclosing objects.
        const dotted = segs.length === 0 && k.includes('.') ? k.split('.').slice(0, -1).reverse().map(normKey) : [];
        visit(v, [...segs, k], [...dotted, ...here], k.includes('.') && segs.length === 0 ? (k.split('.').pop() ?? k) : k, i, depth + 1);
      }
      return;
    }
    if (!segs.length || empty(value)) return;
    const path = joinPath(segs);
    let leaf = leaves.get(path);
    if (!leaf) {
      if (leaves.size >= MAX_LEAVES) return;
      leaf = { path, segs, key: normKey(key), parents, depth: segs.filter((s) => !s.startsWith('[')).length, values: new Map() };
      leaves.set(path, leaf);
    }
    if (!leaf.values.has(i)) leaf.values.set(i, value);
  };
  samples.forEach((s, i) => visit(s, [], [], '', i, 0));
  return { leaves: [...leaves.values()], embedded: [...embedded.values()], samples: samples.length };
}

/** The embedded strings a set of paths reads through, outermost first. */
export function embeddedFor(paths: string[][], walk: Walk): string[] {
  const hits = walk.embedded.filter((e) => paths.some((p) => e.length < p.length && e.every((seg, k) => seg === p[k])));
  return hits.sort((a, b) => a.length - b.length).map(joinPath);
}
