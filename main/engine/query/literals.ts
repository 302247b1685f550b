import { EngineError } from '../errors.ts';
import { NumText } from './sql-tree.ts';

/** Integer literal types of DuckDB's parser, cast back to by name. */
export const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

/** The exact text of a numeric constant's value. */
export function numText(v: unknown): string | undefined {
  return v instanceof NumText ? v.text : undefined;
}

/** An integer value: plain digits, or a 128-bit {upper, lower} pair (HUGEINT, wide DECIMAL). */
export function integerOf(v: unknown): bigint | undefined {
  const t = numText(v);
  if (t !== undefined) return /^-?\d+$/.test(t) ? BigInt(t) : undefined;
  if (typeof v === 'object' && v !== null && 'upper' in v && 'lower' in v) {
    const upper = numText(v.upper);
    const lower = numText(v.lower);
    if (upper === undefined || lower === undefined || !/^-?\d+$/.test(upper) || !/^\d+$/.test(lower)) return undefined;
    return (BigInt(upper) << 64n) + BigInt(lower);
  }
  return undefined;
}

/** A DECIMAL's scaled integer back to its text: 25 at scale 1 is "2.5". */
export function decimalText(scaled: bigint, scale: number): string {
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`;
}

/** DECIMAL(width, scale) from the parser's type info, checked to be plain small integers. */
export function decimalType(info: { width?: unknown; scale?: unknown } | null | undefined): string {
  const w = Number(info?.width ?? 18);
  const sc = Number(info?.scale ?? 3);
  if (!Number.isInteger(w) || !Number.isInteger(sc) || w < 1 || w > 38 || sc < 0 || sc > w) {
    throw new EngineError('bad-filter', 'a DECIMAL cast takes a width of 1 to 38 and a scale up to the width');
  }
  return `DECIMAL(${w}, ${sc})`;
}

export interface ParsedConstant {
  is_null: boolean;
  value: unknown;
  type: { id: string; type_info?: { width?: number; scale?: number } | null };
}

/**
 * SQL for a parsed constant: numbers travel as their exact text and are cast back to the type the
 * parser gave them, so 2.5 stays DECIMAL(2,1) 2.5 and 2^53+1 keeps its last digit. A number no
 * type can hold (1e400) is refused, never rounded; `{source}` in the reason is the literal's text.
 */
export function constantSql(v: ParsedConstant, param: (value: string) => string): string | { refused: string } {
  if (v.is_null) return 'NULL';
  const id = v.type.id;
  if (typeof v.value === 'string') return param(v.value);
  if (typeof v.value === 'boolean') return v.value ? 'TRUE' : 'FALSE';
  if (id === 'DOUBLE' || id === 'FLOAT') {
    const text = numText(v.value);
    if (text === undefined || !Number.isFinite(Number(text))) return { refused: 'the number {source} is too large for a DOUBLE; write a smaller one' };
    return `CAST(${param(text)} AS ${id})`;
  }
  if (INTEGER_TYPES.has(id)) {
    const n = integerOf(v.value);
    return n === undefined ? { refused: `unsupported ${id} literal {source}` } : `CAST(${param(n.toString())} AS ${id})`;
  }
  if (id === 'DECIMAL') {
    const n = integerOf(v.value);
    const width = v.type.type_info?.width;
    const scale = v.type.type_info?.scale;
    if (n === undefined || typeof width !== 'number' || typeof scale !== 'number') return { refused: 'unsupported DECIMAL literal {source}' };
    return `CAST(${param(decimalText(n, scale))} AS DECIMAL(${width}, ${scale}))`;
  }
  return { refused: `unsupported literal of type ${id}` };
}
