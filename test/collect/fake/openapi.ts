import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/**
 * Just enough OpenAPI 3 to hold the collectors to the vendors' descriptions: find the operation
 * for a method and path, check path/query parameters (known names, required, integer, enum,
 * date), the security scheme's header, a JSON request body against its schema, and the fake's
 * own responses against the response schema (so the fakes answer in the vendor's shape).
 */

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  maximum?: number;
};
type Param = { $ref?: string; name: string; in: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>; security?: Record<string, string[]>[] };
type SecurityScheme = { type: string; scheme?: string; in?: string; name?: string };
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Param>; securitySchemes?: Record<string, SecurityScheme> };
}

export const SPEC_DIR = new URL('../specs/', import.meta.url);

export function loadSpec(file: string): Spec {
  const text = readFileSync(new URL(file, SPEC_DIR), 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : load(text)) as Spec;
}

export interface SpecRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

export class SpecValidator {
  constructor(
    private readonly spec: Spec,
    /** Expected Authorization prefixes per scheme (e.g. apiToken → SSWS), where the spec says it in prose. */
    private readonly prefixes: Record<string, string> = {},
  ) {}

  private deref<T extends { $ref?: string }>(x: T): T {
    if (!x.$ref) return x;
    const parts = x.$ref.replace(/^#\//, '').split('/');
    let cur: unknown = this.spec;
    for (const p of parts) cur = (cur as Record<string, unknown>)[p];
    return this.deref(cur as T);
  }

  operation(method: string, path: string): { template: string; op: Operation; params: Record<string, string> } | undefined {
    for (const [template, ops] of Object.entries(this.spec.paths)) {
      const names: string[] = [];
      const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`);
      const m = re.exec(path);
      const op = ops[method.toLowerCase()];
      if (m && op) return { template, op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])) };
    }
    return undefined;
  }

  checkSchema(value: unknown, schemaIn: Schema | undefined, where: string, strict: boolean): string[] {
    if (!schemaIn) return [];
    const s = this.deref(schemaIn);
    if (s.anyOf) {
      const ok = s.anyOf.some((a) => this.checkSchema(value, a, where, strict).length === 0);
      return ok ? [] : [`${where}: matches none of anyOf`];
    }
    const errs: string[] = [];
    if (s.enum && !s.enum.includes(value)) errs.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
    switch (s.type) {
      case 'object': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
        const obj = value as Record<string, unknown>;
        for (const r of s.required ?? []) if (!(r in obj)) errs.push(`${where}.${r}: required`);
        for (const [k, v] of Object.entries(obj)) {
          const ps = s.properties?.[k];
          if (ps) errs.push(...this.checkSchema(v, ps, `${where}.${k}`, strict));
          else if (strict && s.properties) errs.push(`${where}.${k}: not in the schema`);
        }
        break;
      }
      case 'array':
        if (!Array.isArray(value)) return [`${where}: expected an array`];
        value.forEach((v, i) => errs.push(...this.checkSchema(v, s.items, `${where}[${i}]`, strict)));
        break;
      case 'string':
        if (typeof value !== 'string') errs.push(`${where}: expected a string`);
        break;
      case 'integer':
        if (!Number.isInteger(value)) errs.push(`${where}: expected an integer`);
        break;
      case 'number':
        if (typeof value !== 'number') errs.push(`${where}: expected a number`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') errs.push(`${where}: expected a boolean`);
        break;
      default:
        break;
    }
    return errs;
  }

  private checkParam(p: Param, raw: string | undefined): string[] {
    if (raw === undefined) return p.required ? [`${p.in} parameter ${p.name} is required`] : [];
    const s = p.schema ? this.deref(p.schema) : undefined;
    if (!s) return [];
    const values = s.type === 'array' ? raw.split(',') : [raw];
    const item = s.type === 'array' ? (s.items ? this.deref(s.items) : undefined) : s;
    const errs: string[] = [];
    for (const v of values) {
      if (item?.type === 'integer') {
        if (!/^-?\d+$/.test(v)) errs.push(`${p.name}=${v}: not an integer`);
        else if (item.maximum !== undefined && Number(v) > item.maximum) errs.push(`${p.name}=${v}: over the maximum ${item.maximum}`);
      }
      if (item?.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) errs.push(`${p.name}=${v}: not a date (YYYY-MM-DD)`);
      if (item?.enum && !item.enum.includes(v)) errs.push(`${p.name}=${v}: not one of ${item.enum.join(', ')}`);
    }
    return errs;
  }

  private checkSecurity(op: Operation, headers: Record<string, string | undefined>): string[] {
    const reqs = op.security ?? this.spec.security ?? [];
    if (reqs.length === 0) return [];
    const schemes = this.spec.components?.securitySchemes ?? {};
    const failures: string[] = [];
    for (const alt of reqs) {
      const names = Object.keys(alt);
      const ok = names.every((n) => {
        const sc = schemes[n];
        if (!sc) return true;
        if (sc.type === 'http' && sc.scheme === 'bearer') return /^Bearer \S+$/.test(headers['authorization'] ?? '');
        if (sc.type === 'oauth2') return /^Bearer \S+$/.test(headers['authorization'] ?? '');
        if (sc.type === 'apiKey' && sc.in === 'header' && sc.name) {
          const v = headers[sc.name.toLowerCase()];
          if (v === undefined) return false;
          const prefix = this.prefixes[n];
          return prefix ? v.startsWith(`${prefix} `) && v.length > prefix.length + 1 : v.length > 0;
        }
        return true;
      });
      if (ok) return [];
      failures.push(names.join('+'));
    }
    return [`no valid credential for any of: ${failures.join(', ')}`];
  }

  /** Everything wrong with a request, or [] when it is one the spec allows. */
  validate(r: SpecRequest): string[] {
    const found = this.operation(r.method, r.path);
    if (!found) return [`${r.method} ${r.path} is not an operation of the spec`];
    const params = (found.op.parameters ?? []).map((p) => this.deref(p));
    const errs: string[] = [];
    for (const p of params.filter((x) => x.in === 'path')) errs.push(...this.checkParam(p, found.params[p.name]));
    const queryParams = params.filter((x) => x.in === 'query');
    for (const p of queryParams) errs.push(...this.checkParam(p, r.query.get(p.name) ?? undefined));
    for (const k of new Set(r.query.keys())) {
      if (!queryParams.some((p) => p.name === k)) errs.push(`query parameter ${k} is not in the spec`);
    }
    errs.push(...this.checkSecurity(found.op, r.headers));
    const bodySchema = found.op.requestBody?.content?.['application/json']?.schema;
    if (bodySchema) {
      if (!/^application\/json/.test(r.headers['content-type'] ?? '')) errs.push('the body must be application/json');
      errs.push(...this.checkSchema(r.body, bodySchema, 'body', true));
    } else if (r.body !== undefined) errs.push('this operation takes no body');
    return errs;
  }

  /** Does a response the fake is about to send fit the spec's schema for that status? */
  validateResponse(method: string, path: string, status: number, body: unknown): string[] {
    const found = this.operation(method, path);
    const schema = found?.op.responses?.[String(status)]?.content?.['application/json']?.schema;
    return schema ? this.checkSchema(body, schema, `response ${status}`, false) : [];
  }
}
