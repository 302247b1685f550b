import { API_METHODS, type ApiError, type ApiMethod, type ArgKind, type AuditApi, type Result } from '../preload/api.ts';

/**
 * The one place where untrusted arguments (from IPC or HTTP) meet the engine. Both hosts call
 * `callApi`, so argument checks and the "never throw across a process boundary" rule live here once.
 */

export function isApiMethod(name: string): name is ApiMethod {
  // Object.hasOwn, not `in`: names like `constructor` or `__proto__` must not count as methods.
  return Object.hasOwn(API_METHODS, name);
}

function kindOf(value: unknown): ArgKind | 'other' {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return 'object';
  return 'other';
}

export function checkArgs(method: ApiMethod, args: readonly unknown[]): ApiError | null {
  const kinds: readonly ArgKind[] = API_METHODS[method];
  if (args.length !== kinds.length) {
    return { code: 'bad-input', message: `${method} takes ${kinds.length} argument(s), got ${args.length}` };
  }
  for (const [i, kind] of kinds.entries()) {
    if (kindOf(args[i]) !== kind) {
      return { code: 'bad-input', message: `${method}: argument ${i + 1} must be a ${kind}` };
    }
  }
  return null;
}

type AnyMethod = (...args: unknown[]) => Promise<Result<unknown>>;

export async function callApi(api: AuditApi, method: ApiMethod, args: readonly unknown[]): Promise<Result<unknown>> {
  const bad = checkArgs(method, args);
  if (bad) return { ok: false, error: bad };
  try {
    // The cast is safe after checkArgs: the shapes match the contract's parameter list.
    const fn = api[method] as unknown as AnyMethod;
    return await fn.apply(api, [...args]);
  } catch (e) {
    // The engine returns Results; a throw here is a bug, reported without its stack.
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}
