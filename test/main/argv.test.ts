import { describe, expect, it } from 'vitest';
import { caseFromArgv } from '../../main/argv.ts';

describe('caseFromArgv', () => {
  it('finds the case file after the executable, resolved against the launch directory', () => {
    expect(caseFromArgv(['/opt/AuditLens/auditlens', 'cases/a.duckdb'], '/home/ann')).toBe('/home/ann/cases/a.duckdb');
  });

  it('skips the app path and flags in development launches', () => {
    expect(caseFromArgv(['electron', '.', '--inspect=9229', '/tmp/B.DUCKDB'], '/x')).toBe('/tmp/B.DUCKDB');
  });

  it('returns undefined when no case is named', () => {
    expect(caseFromArgv(['electron', '.', '--flag'], '/x')).toBeUndefined();
  });
});
