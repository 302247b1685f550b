import { sqlString, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';

/**
 * DuckDB's json_serialize_sql output, read without losing a literal. JSON.parse rounds integers
 * past 2^53 and refuses the bare `Infinity` DuckDB writes for 1e400; here a number that is a
 * constant's value (or half of a HUGEINT) keeps its exact text, and the non-finite tokens parse.
 */

/** A number exactly as DuckDB wrote it. */
export class NumText {
  constructor(readonly text: string) {}
}

/** Keys whose numbers are literal values rather than positions or type widths. */
const VALUE_KEYS = new Set(['value', 'upper', 'lower']);

export function parseSqlTree(text: string): unknown {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`unreadable parser output at ${i}: ${why}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = ++i;
    let out = '';
    let chunk = start;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        if (e === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e as string] ?? e;
          i += 2;
        }
        chunk = i;
      } else i++;
    }
    if (i >= text.length) fail('unterminated string');
    out += text.slice(chunk, i);
    i++;
    return out;
  };
  const number = (): string => {
    const m = /^-?(Infinity|NaN|\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) return fail('bad number');
    i += m[0].length;
    return m[0];
  };
  const value = (key: string | null): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = str();
        ws();
        if (text[i++] !== ':') fail('expected :');
        obj[k] = value(k);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return obj;
        } else fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(null));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return arr;
        } else fail('expected , or ]');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    const n = number();
    return key !== null && VALUE_KEYS.has(key) ? new NumText(n) : Number(n);
  };
  const v = value(null);
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

export interface ParsedStatement {
  error: boolean;
  error_message?: string;
  position?: string;
  statements?: { node: { [k: string]: unknown } }[];
}

/** json_serialize_sql takes only a constant; the text is a quoted literal and is parsed, never run. */
export async function serialize(db: Db, sql: string): Promise<ParsedStatement> {
  const json = await db.value<string>(`SELECT json_serialize_sql(${sqlString(sql)})`);
  return parseSqlTree(json ?? '{}') as ParsedStatement;
}

export function parseError(tree: ParsedStatement, offset: number): EngineError {
  const pos = tree.position !== undefined ? Math.max(0, Number(tree.position) - offset) : undefined;
  return new EngineError('bad-filter', tree.error_message ?? 'the filter does not parse', pos === undefined ? {} : { position: pos });
}
