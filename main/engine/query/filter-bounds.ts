import { EngineError } from '../errors.ts';

/**
 * Limits on what a filter may ask of DuckDB before anything runs. A time limit stops a slow
 * query, but two costs arrive before it can act: planning, which grows steeply with nesting (a
 * 400-term `1+1+…` takes seconds to bind), and strings built inside one vector of rows, which
 * DuckDB's memory limit does not count (nested `replace(raw, 'a', raw)` passed 6 GB).
 */

export const MAX_DEPTH = 64;
export const MAX_NODES = 5000;
/** How many times the longest column value one expression may build (replace, concat, ||). */
export const MAX_GROWTH = 64;

interface Node {
  class?: string;
  [k: string]: unknown;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).class === 'string';
}

/** The expression nodes directly below a node, whatever property holds them. */
function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const v of Object.values(node)) {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) {
      for (const item of v) {
        if (isNode(item)) out.push(item);
        else if (typeof item === 'object' && item !== null) {
          // CASE checks hold {when_expr, then_expr} pairs.
          for (const w of Object.values(item as Record<string, unknown>)) if (isNode(w)) out.push(w);
        }
      }
    }
  }
  return out;
}

function constantText(node: Node | undefined): string | undefined {
  if (node?.class !== 'CONSTANT') return undefined;
  const v = (node.value as { value?: unknown } | undefined)?.value;
  return typeof v === 'string' ? v : undefined;
}

export function checkFilterBounds(root: Node, offset: number): void {
  let nodes = 0;
  const fail = (why: string, at: Node): never => {
    const loc = at.query_location;
    throw new EngineError('bad-filter', why, typeof loc === 'number' && loc >= offset ? { position: loc - offset } : {});
  };
  /** Returns the node's string size bound, in units of the longest column value. */
  const walk = (node: Node, depth: number): number => {
    if (++nodes > MAX_NODES) fail(`the filter has more than ${MAX_NODES} parts; split it or use IN (…) lists`, node);
    if (depth > MAX_DEPTH) fail(`the filter nests deeper than ${MAX_DEPTH} levels`, node);
    const kids = childrenOf(node);
    const sizes = kids.map((k) => walk(k, depth + 1));
    if (node.class === 'COLUMN_REF') return 1;
    if (node.class === 'CONSTANT') return 0;
    let size = Math.max(0, ...sizes);
    const name = node.class === 'FUNCTION' ? String(node.function_name).toLowerCase() : '';
    if (name === 'replace') {
      const [, search, replacement] = kids;
      const r = constantText(replacement);
      if (r === undefined) fail('replace() in a filter takes a constant replacement text', node);
      const s = constantText(search);
      const growth = Math.max(1, Math.ceil((r as string).length / Math.max(1, s?.length ?? 1)));
      size = (sizes[0] ?? 0) * growth;
    } else if (name === 'concat' || name === '||') {
      size = sizes.reduce((a, b) => a + b, 0);
    }
    if (size > MAX_GROWTH) {
      fail(`the filter builds strings up to ${Math.round(size)} times the longest value (replace, concat, ||); at most ${MAX_GROWTH} are allowed`, node);
    }
    return size;
  };
  walk(root, 0);
}
