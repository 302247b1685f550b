/** The custody log: what was done to the case, append-only. */
import type { ArgKind, Result } from './common.ts';

export interface CustodyEntry {
  id: number;
  /** ISO instant (UTC). */
  at: string;
  /** `case-created`, `import`, `pull`, `export`, `annotation`, … */
  action: string;
  actor: string | null;
  tool_version: string;
  /** The entry's JSON details, parsed. */
  details: unknown;
}

export interface CustodyQuery {
  /** Only these actions (default: all). */
  actions?: string[];
  /** Case-insensitive text the action, actor or details contain. */
  text?: string;
  /** Oldest first (default) or newest first. */
  newestFirst?: boolean;
  offset?: number;
  limit?: number;
}

export interface CustodyPage {
  total: number;
  rows: CustodyEntry[];
  /** Every action in the log with its count, for the panel's filter. */
  actions: { action: string; count: number }[];
}

export interface CustodyApi {
  listCustody(q: CustodyQuery): Promise<Result<CustodyPage>>;
}

export const CUSTODY_METHODS = {
  listCustody: ['object'],
} as const satisfies Record<keyof CustodyApi, readonly ArgKind[]>;
