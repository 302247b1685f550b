import type { ApiError } from '../../preload/api.ts';

/** An error the engine means to report to the user (file, line, reason), as opposed to a bug. */
export class EngineError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly where: { file?: string; line?: number; position?: number; positions?: number[] } = {},
  ) {
    super(message);
  }

  toApi(): ApiError {
    return { code: this.code, message: this.message, ...this.where };
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof EngineError) return e.toApi();
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: msg };
}
