import type { FilterExtension, FilterNode, FilterPrinter } from '../query/filter.ts';

/**
 * The annotation columns of the filter language. They are not stored in `events`:
 *  - `bookmarked`, `tagged`, `has_note` are booleans;
 *  - `tag` and `note` hold values (an event may carry several tags), so a condition on them means
 *    "the event has a tag (note) for which the condition holds": `tag = 'exfil'`, `tag IN (…)`,
 *    `tag LIKE 'stage%'`, `contains(note, 'wire')`. The negated forms (`tag <> 'x'`,
 *    `tag NOT IN (…)`, `NOT LIKE`) mean "has no such tag", and `tag IS NULL` "has no tag at all".
 * Each becomes `event_id IN (SELECT event_id FROM annotations …)`, uncorrelated, so DuckDB answers
 * it with one hash semi-join; the values are bound as parameters like every other literal.
 */

const FLAGS: Record<string, string> = {
  bookmarked: 'bookmark',
  tagged: 'tag',
  has_note: 'note',
};
const VALUES: Record<string, string> = { tag: 'tag', note: 'note' };

export const ANNOTATION_COLUMNS = [...Object.keys(FLAGS), ...Object.keys(VALUES)] as const;

/** Operators whose positive twin is printed inside NOT IN: "has no tag equal to x". */
const NEGATED_COMPARISONS: Record<string, string> = { COMPARE_NOTEQUAL: 'COMPARE_EQUAL', COMPARE_NOT_IN: 'COMPARE_IN' };
const NEGATED_FUNCTIONS: Record<string, string> = { '!~~': '~~', '!~~*': '~~*', '!~~~': '~~~' };

/** Nodes that combine conditions rather than state one; a tag inside them is handled further down. */
function isConnective(n: FilterNode): boolean {
  return n.class === 'CONJUNCTION' || n.class === 'CASE' || (n.class === 'OPERATOR' && n.type === 'OPERATOR_NOT');
}

function columnRefs(n: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(n)) {
    for (const x of n) columnRefs(x, out);
  } else if (n && typeof n === 'object') {
    const node = n as FilterNode;
    if (node.class === 'COLUMN_REF') {
      const names = node.column_names as string[];
      if (names.length === 1 && names[0] !== undefined) out.add(names[0].toLowerCase());
      return out;
    }
    for (const v of Object.values(node)) columnRefs(v, out);
  }
  return out;
}

const set = (kind: string, cond = ''): string =>
  `(event_id IN (SELECT event_id FROM annotations WHERE kind = '${kind}'${cond ? ` AND (${cond})` : ''}))`;

function positive(node: FilterNode): { node: FilterNode; negated: boolean } {
  const cmp = node.type === undefined ? undefined : NEGATED_COMPARISONS[node.type];
  if ((node.class === 'COMPARISON' || node.class === 'OPERATOR') && cmp) return { node: { ...node, type: cmp }, negated: true };
  const fn = node.class === 'FUNCTION' && node.is_operator ? NEGATED_FUNCTIONS[String(node.function_name)] : undefined;
  if (fn) return { node: { ...node, function_name: fn }, negated: true };
  return { node, negated: false };
}

function printValueCondition(node: FilterNode, column: string, p: FilterPrinter): string {
  const kind = VALUES[column] as string;
  const only = node.children as FilterNode[] | undefined;
  if (node.class === 'OPERATOR' && (node.type === 'OPERATOR_IS_NULL' || node.type === 'OPERATOR_IS_NOT_NULL')) {
    const arg = only?.[0];
    if (arg?.class === 'COLUMN_REF') return node.type === 'OPERATOR_IS_NULL' ? `(NOT ${set(kind)})` : set(kind);
  }
  const { node: pos, negated } = positive(node);
  const cond = p.withColumn(column, 'value', () => p.print(pos));
  return negated ? `(NOT ${set(kind, cond)})` : set(kind, cond);
}

export const ANNOTATION_FILTER: FilterExtension = {
  columns: ANNOTATION_COLUMNS,
  print(node, p) {
    if (node.class === 'COLUMN_REF') {
      const names = node.column_names as string[];
      const name = names.length === 1 ? names[0]?.toLowerCase() : undefined;
      if (name !== undefined && FLAGS[name]) return set(FLAGS[name]);
      return undefined;
    }
    if (isConnective(node)) return undefined;
    const refs = columnRefs(node, new Set());
    const values = [...refs].filter((r) => VALUES[r] && !p.aliased(r));
    if (values.length === 0) return undefined;
    const column = values[0] as string;
    if (values.length > 1 || [...refs].some((r) => r !== column)) {
      p.fail(`a condition on ${column} compares it with values only, e.g. ${column} = 'exfil'; combine conditions with AND / OR`, node);
    }
    return printValueCondition(node, column, p);
  },
};
