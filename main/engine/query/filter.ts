import type { DuckDBValue } from '@duckdb/node-api';
import type { Db } from '../db.ts';
import { sqlIdent } from '../db.ts';
import { EngineError } from '../errors.ts';
import { ANNOTATION_FILTER } from '../annotate/filter-columns.ts';
import { checkFilterBounds } from './filter-bounds.ts';
import { checkBalance, findOutsideQuotes } from './filter-text.ts';
import { constantSql, decimalType, type ParsedConstant } from './literals.ts';
import { parseError, serialize } from './sql-tree.ts';

/**
 * The filter bar's language: a SQL boolean expression over the event columns. User text never
 * reaches DuckDB as SQL: DuckDB's own parser (json_serialize_sql) gives the tree, the tree is
 * checked against an allow-list (known columns, plain operators, a list of pure functions), and
 * the SQL that runs is printed back from the checked tree with every literal bound as a parameter.
 */

export const FILTER_COLUMNS = [
  'event_id', 'batch_id', 'source_id', 'vendor', 'locator', 'event_time', 'time_raw', 'time_assumed_tz', 'actor',
  'actor_id', 'actor_type', 'src_ip', 'user_agent', 'action', 'action_class', 'service', 'target_type', 'target_id',
  'target_name', 'outcome', 'outcome_raw', 'description', 'tenant', 'changes', 'raw', 'target', 'vendor_event_id',
  'id_conflict',
] as const;

/** Columns every filter has besides the event columns: the investigator's annotations. */
const FILTER_EXTENSIONS: readonly FilterExtension[] = [ANNOTATION_FILTER];

/** Every name a filter may use (for completion): the event columns, then the annotation columns. */
export function filterColumnNames(): string[] {
  return [...FILTER_COLUMNS, ...FILTER_EXTENSIONS.flatMap((e) => e.columns)];
}

/**
 * Columns the filter language knows that are not stored: `target` is what the viewer shows as the
 * target (the name, else the id, else the type), so `target = 'x'`, its facet, its sort and a chip
 * from its cell all mean the same thing even where a vendor logs only an id (Kubernetes, epilot).
 */
export const DERIVED_COLUMNS: Readonly<Record<string, string>> = {
  target: 'coalesce(target_name, target_id, target_type)',
};

/** The SQL for a known column name: the quoted column, or a derived column's expression. */
export function columnSql(name: string): string {
  const derived = DERIVED_COLUMNS[name];
  return derived ? `(${derived})` : sqlIdent(name);
}

const FUNCTIONS = new Set([
  'lower', 'upper', 'trim', 'ltrim', 'rtrim', 'length', 'contains', 'starts_with', 'ends_with', 'prefix', 'suffix',
  'regexp_matches', 'regexp_full_match', 'regexp_extract', 'replace', 'substring', 'substr', 'left', 'right', 'concat',
  'coalesce', 'nullif', 'ifnull', 'strpos', 'instr', 'position', 'split_part', 'date_trunc', 'date_part', 'datepart',
  'strftime', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dayofweek', 'epoch', 'epoch_ms', 'now',
  'current_timestamp', 'json_extract_string', 'json_extract', 'json_exists', 'json_contains', 'abs', 'round',
  'greatest', 'least', 'ilike_escape', 'like_escape', 'levenshtein', 'md5', 'to_timestamp', 'make_timestamp',
  'date_diff', 'datediff', 'date_add', 'age', 'timezone', 'list_contains', 'len', 'array_length', 'cast',
]);

/** Operators DuckDB's parser turns into FUNCTION nodes with is_operator. */
const OPERATORS: Record<string, string> = {
  '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE', '~~~': 'GLOB', '!~~~': 'NOT GLOB',
  '||': '||', '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '//': '//',
};

const COMPARISONS: Record<string, string> = {
  COMPARE_EQUAL: '=', COMPARE_NOTEQUAL: '<>', COMPARE_LESSTHAN: '<', COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=', COMPARE_GREATERTHANOREQUALTO: '>=', COMPARE_DISTINCT_FROM: 'IS DISTINCT FROM',
  COMPARE_NOT_DISTINCT_FROM: 'IS NOT DISTINCT FROM',
};

const CAST_TYPES: Record<string, string> = {
  VARCHAR: 'VARCHAR', INTEGER: 'INTEGER', BIGINT: 'BIGINT', HUGEINT: 'HUGEINT', DOUBLE: 'DOUBLE', FLOAT: 'FLOAT', BOOLEAN: 'BOOLEAN',
  DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ', INTERVAL: 'INTERVAL', JSON: 'JSON',
};

export interface CompiledFilter {
  /** SQL boolean expression with $p0… placeholders; 'TRUE' for an empty filter. */
  sql: string;
  params: Record<string, DuckDBValue>;
}

const PREFIX = 'SELECT * FROM events WHERE ';

export interface FilterNode {
  class?: string;
  type?: string;
  [k: string]: unknown;
}
type Node = FilterNode;

/** What an extension (annotate/filter-columns.ts) may do while the tree is printed. */
export interface FilterPrinter {
  print(node: FilterNode): string;
  /** Prints with `name` standing for `sql` (a column of a subquery) instead of an event column. */
  withColumn(name: string, sql: string, f: () => string): string;
  /** Whether `name` currently stands for a subquery column (inside withColumn). */
  aliased(name: string): boolean;
  fail(why: string, at?: FilterNode): never;
}

/**
 * Columns that are not stored in `events` (`bookmarked`, `tag`): the extension prints the nodes
 * that use them, and returns undefined for every other node.
 */
export interface FilterExtension {
  readonly columns: readonly string[];
  print(node: FilterNode, printer: FilterPrinter): string | undefined;
}

class Printer implements FilterPrinter {
  readonly params: Record<string, DuckDBValue> = {};
  /** Every unknown column, so one error can name them all instead of one per attempt. */
  readonly unknown: { name: string; position?: number }[] = [];
  private n = 0;
  private readonly aliases = new Map<string, string>();

  /**
   * `offset`: where the filter text starts in the statement DuckDB parsed (query_location counts
   * from the start of that statement).
   */
  constructor(
    private readonly columns: ReadonlySet<string>,
    private readonly extensions: readonly FilterExtension[],
    private readonly text: string,
    private readonly offset: number,
  ) {}

  private positionOf(node: Node | undefined): number | undefined {
    const loc = node?.query_location;
    return typeof loc === 'number' && loc >= this.offset ? loc - this.offset : undefined;
  }

  aliased(name: string): boolean {
    return this.aliases.has(name);
  }

  withColumn(name: string, sql: string, f: () => string): string {
    this.aliases.set(name, sql);
    try {
      return f();
    } finally {
      this.aliases.delete(name);
    }
  }

  fail(why: string, at?: Node): never {
    const position = this.positionOf(at);
    throw new EngineError('bad-filter', why, position === undefined ? {} : { position });
  }

  private param(v: DuckDBValue): string {
    const name = `p${this.n++}`;
    this.params[name] = v;
    return `$${name}`;
  }

  /** A literal, bound with exactly the type and value DuckDB's parser gave it (literals.ts). */
  private constant(node: Node): string {
    const printed = constantSql(node.value as ParsedConstant, (v) => this.param(v));
    if (typeof printed === 'string') return printed;
    return this.fail(printed.refused.replace('{source}', this.sourceAt(node) ?? 'literal'), node);
  }

  /** The filter text a node starts at, for messages. */
  private sourceAt(node: Node): string | undefined {
    const loc = node.query_location;
    if (typeof loc !== 'number' || loc < this.offset) return undefined;
    return /^[^\s()]+/.exec(this.text.slice(loc - this.offset))?.[0];
  }

  print(node: Node): string {
    for (const ext of this.extensions) {
      const printed = ext.print(node, this);
      if (printed !== undefined) return printed;
    }
    const kids = (node.children as Node[] | undefined) ?? [];
    switch (node.class) {
      case 'CONSTANT':
        return this.constant(node);
      case 'COLUMN_REF': {
        const names = node.column_names as string[];
        const name = names.length === 1 ? names[0] : undefined;
        const alias = name === undefined ? undefined : this.aliases.get(name.toLowerCase());
        if (alias !== undefined) return alias;
        if (!name || !this.columns.has(name.toLowerCase())) {
          const position = this.positionOf(node);
          this.unknown.push({ name: names.join('.'), ...(position === undefined ? {} : { position }) });
          return 'NULL';
        }
        return columnSql(name.toLowerCase());
      }
      case 'CONJUNCTION': {
        const op = node.type === 'CONJUNCTION_AND' ? ' AND ' : node.type === 'CONJUNCTION_OR' ? ' OR ' : this.fail('unsupported conjunction');
        return `(${kids.map((k) => this.print(k)).join(op)})`;
      }
      case 'COMPARISON': {
        const op = COMPARISONS[node.type ?? ''] ?? this.fail(`unsupported comparison ${node.type}`);
        return `(${this.print(node.left as Node)} ${op} ${this.print(node.right as Node)})`;
      }
      case 'BETWEEN':
        return `(${this.print(node.input as Node)} BETWEEN ${this.print(node.lower as Node)} AND ${this.print(node.upper as Node)})`;
      case 'OPERATOR': {
        const [first, ...rest] = kids;
        switch (node.type) {
          case 'COMPARE_IN':
          case 'COMPARE_NOT_IN':
            if (!first || rest.length === 0) return this.fail('IN needs a list');
            return `(${this.print(first)} ${node.type === 'COMPARE_IN' ? 'IN' : 'NOT IN'} (${rest.map((k) => this.print(k)).join(', ')}))`;
          case 'OPERATOR_NOT':
            return `(NOT ${this.print(first ?? this.fail('NOT needs an operand'))})`;
          case 'OPERATOR_IS_NULL':
            return `(${this.print(first ?? this.fail('IS NULL needs an operand'))} IS NULL)`;
          case 'OPERATOR_IS_NOT_NULL':
            return `(${this.print(first ?? this.fail('IS NOT NULL needs an operand'))} IS NOT NULL)`;
          default:
            return this.fail(`operator ${node.type} is not allowed in a filter`);
        }
      }
      case 'FUNCTION': {
        const name = String(node.function_name).toLowerCase();
        if (node.is_operator) {
          const op = OPERATORS[name] ?? this.fail(`operator ${name} is not allowed in a filter`);
          if (kids.length === 1) return `(${op} ${this.print(kids[0] as Node)})`;
          if (kids.length !== 2) return this.fail(`operator ${op} takes two operands`);
          return `(${this.print(kids[0] as Node)} ${op} ${this.print(kids[1] as Node)})`;
        }
        if (node.schema || node.catalog) return this.fail(`function ${name} is not allowed in a filter`);
        if (!FUNCTIONS.has(name)) {
          return this.fail(`function ${name}() is not allowed in a filter (allowed: string, time and JSON functions such as lower, contains, regexp_matches, date_trunc, json_extract_string)`, node);
        }
        if (node.distinct || node.filter || ((node.order_bys as { orders: unknown[] } | undefined)?.orders.length ?? 0) > 0) {
          return this.fail(`aggregate syntax is not allowed in a filter`);
        }
        return `${name}(${kids.map((k) => this.print(k)).join(', ')})`;
      }
      case 'CAST': {
        const t = node.cast_type as { id: string; type_info?: { width?: unknown; scale?: unknown } | null };
        const type = t.id === 'DECIMAL' ? decimalType(t.type_info) : (CAST_TYPES[t.id] ?? this.fail(`cast to ${t.id} is not allowed in a filter`));
        return `${node.try_cast ? 'TRY_CAST' : 'CAST'}(${this.print(node.child as Node)} AS ${type})`;
      }
      case 'CASE': {
        const checks = node.case_checks as { when_expr: Node; then_expr: Node }[];
        const whens = checks.map((c) => `WHEN ${this.print(c.when_expr)} THEN ${this.print(c.then_expr)}`).join(' ');
        return `(CASE ${whens} ELSE ${this.print(node.else_expr as Node)} END)`;
      }
      case 'SUBQUERY':
        return this.fail('subqueries are not allowed in a filter', node);
      case 'WINDOW':
        return this.fail('window functions are not allowed in a filter');
      default:
        return this.fail(`${String(node.class ?? node.type).toLowerCase()} expressions are not allowed in a filter`);
    }
  }
}

/**
 * Parse, check and compile a filter. Throws EngineError('bad-filter') with a position where known.
 * The expression is parsed inside parentheses: with its own parentheses balanced, nothing the user
 * writes can end the WHERE clause, so a trailing QUALIFY, WINDOW, GROUP BY or ORDER BY is a syntax
 * error rather than a clause DuckDB's serializer quietly leaves out (it drops WINDOW entirely).
 */
export async function compileFilter(
  db: Db,
  text: string | undefined,
  columns: ReadonlySet<string> = new Set(FILTER_COLUMNS),
  extensions: readonly FilterExtension[] = FILTER_EXTENSIONS,
): Promise<CompiledFilter> {
  if (text !== undefined && typeof text !== 'string') throw new EngineError('bad-input', 'a filter must be text');
  const expr = (text ?? '').trim();
  if (expr === '') return { sql: 'TRUE', params: {} };
  if (expr.length > 20_000) throw new EngineError('bad-filter', 'the filter is longer than 20,000 characters');
  const semi = findOutsideQuotes(expr, ';');
  if (semi >= 0) throw new EngineError('bad-filter', 'a filter is one expression; ";" is not allowed', { position: semi });
  checkBalance(expr);
  const offset = PREFIX.length + 1;
  // The newline ends a trailing -- comment before the closing parenthesis.
  const tree = await serialize(db, `${PREFIX}(${expr}\n)`);
  if (tree.error) {
    // Parses bare but not in parentheses: something after the expression was read as a clause.
    const bare = await serialize(db, PREFIX + expr);
    if (!bare.error) {
      const at = tree.position !== undefined ? Math.max(0, Number(tree.position) - offset) : undefined;
      const clause = at === undefined ? '' : ` (${expr.slice(at).split(/\s+/).slice(0, 2).join(' ')} …)`;
      throw new EngineError(
        'bad-filter',
        `a filter is one boolean expression; the clause after it${clause} is not allowed`,
        at === undefined ? {} : { position: at },
      );
    }
    if (/at end of input/.test(bare.error_message ?? '')) {
      throw new EngineError('bad-filter', 'the filter ends too early: a value or an operand is missing at the end', { position: expr.length });
    }
    throw parseError(bare, PREFIX.length);
  }
  const stmt = tree.statements?.[0]?.node;
  if (!stmt || tree.statements?.length !== 1) throw new EngineError('bad-filter', 'a filter is one expression');
  const shapeOk =
    stmt.type === 'SELECT_NODE' &&
    (stmt.from_table as Node | undefined)?.table_name === 'events' &&
    (stmt.modifiers as unknown[]).length === 0 &&
    (stmt.group_expressions as unknown[]).length === 0 &&
    (stmt.aggregate_handling ?? 'STANDARD_HANDLING') === 'STANDARD_HANDLING' &&
    stmt.having === null &&
    (stmt.qualify ?? null) === null &&
    (stmt.sample ?? null) === null &&
    ((stmt.cte_map as { map: unknown[] }).map.length === 0) &&
    stmt.where_clause;
  if (!shapeOk) throw new EngineError('bad-filter', 'only a boolean expression over event columns is allowed');
  checkFilterBounds(stmt.where_clause as Node, offset);
  const printer = new Printer(columns, extensions, expr, offset);
  const sql = printer.print(stmt.where_clause as Node);
  if (printer.unknown.length > 0) throw unknownColumns(printer.unknown, new Set([...columns, ...extensions.flatMap((e) => e.columns)]));
  return { sql, params: printer.params };
}

/** One error naming every unknown column (with a near known name where there is one). */
function unknownColumns(unknown: { name: string; position?: number }[], columns: ReadonlySet<string>): EngineError {
  const names = [...new Set(unknown.map((u) => u.name))];
  const named = names.map((n) => {
    const near = nearestColumn(n, columns);
    return near ? `${n} (did you mean ${near}?)` : n;
  });
  const positions = unknown.map((u) => u.position).filter((p): p is number => p !== undefined);
  const message = `${names.length === 1 ? 'unknown column' : 'unknown columns'} ${named.join(', ')}`;
  return new EngineError('bad-filter', message, positions.length ? { position: positions[0] as number, positions } : {});
}

function nearestColumn(name: string, columns: ReadonlySet<string>): string | undefined {
  const n = name.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of columns) {
    if (c === 'raw' || c === 'changes') continue;
    const d = c.startsWith(n) && n.length >= 3 ? 1 : editDistance(n, c);
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(1, Math.floor(n.length / 3)) ? best.c : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
