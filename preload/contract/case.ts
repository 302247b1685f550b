/** Opening, creating and closing case files; per-machine state (recent cases, the demo). */
import type { ArgKind, Result } from './common.ts';

export interface CaseInfo {
  path: string;
  schemaVersion: number;
  readOnly: boolean;
  events: number;
  sources: number;
  batches: number;
  rejects: number;
  timeMin: string | null;
  timeMax: string | null;
  byVendor: { vendor: string; events: number }[];
}

export interface CaseApi {
  createCase(path: string): Promise<Result<CaseInfo>>;
  openCase(path: string): Promise<Result<CaseInfo>>;
  closeCase(): Promise<Result<null>>;
  caseInfo(): Promise<Result<CaseInfo>>;
  /** Recently opened cases on this machine, newest first. */
  recentCases(): Promise<Result<string[]>>;
  /** Opens the bundled demo case (built on first use). */
  openDemoCase(): Promise<Result<CaseInfo>>;
}

export const CASE_METHODS = {
  createCase: ['string'],
  openCase: ['string'],
  closeCase: [],
  caseInfo: [],
  recentCases: [],
  openDemoCase: [],
} as const satisfies Record<keyof CaseApi, readonly ArgKind[]>;

export interface CaseEvents {
  'case-changed': CaseInfo | null;
}

export const CASE_EVENTS = { 'case-changed': true } as const satisfies Record<keyof CaseEvents, true>;
