import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime, zoneLabel } from '../../renderer/app/format.ts';
import {
  dataEnd,
  formatTimeInput,
  matchingPreset,
  parseTimeInput,
  presetRange,
} from '../../renderer/features/filters/time-presets.ts';

// A zone with an offset and DST, so local and UTC differ (Node re-reads TZ when it is assigned).
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const MAX = '2025-03-05T22:59:30.250Z';

describe('time presets relative to the data', () => {
  it('end at the whole minute after the newest event', () => {
    expect(new Date(dataEnd(MAX)).toISOString()).toBe('2025-03-05T23:00:00.000Z');
    expect(new Date(dataEnd('2025-03-05T23:00:00.000Z')).toISOString()).toBe('2025-03-05T23:01:00.000Z');
  });

  it('span the last hour, day and week of the data', () => {
    expect(presetRange('hour', MAX)).toEqual({ from: '2025-03-05T22:00:00.000Z', to: '2025-03-05T23:00:00.000Z' });
    expect(presetRange('day', MAX)).toEqual({ from: '2025-03-04T23:00:00.000Z', to: '2025-03-05T23:00:00.000Z' });
    expect(presetRange('week', MAX)).toEqual({ from: '2025-02-26T23:00:00.000Z', to: '2025-03-05T23:00:00.000Z' });
  });

  it('recognise a range that is exactly a preset', () => {
    expect(matchingPreset(presetRange('day', MAX), MAX)).toBe('day');
    expect(matchingPreset({ from: '2025-03-05T00:00:00Z', to: '2025-03-06T00:00:00Z' }, MAX)).toBeNull();
    expect(matchingPreset({}, MAX)).toBeNull();
    expect(matchingPreset(presetRange('hour', MAX), null)).toBeNull();
  });
});

describe('time inputs', () => {
  it('read YYYY-MM-DD HH:MM[:SS[.mmm]] in the display zone', () => {
    expect(parseTimeInput('2025-03-04 09:30', 'UTC')).toEqual({ ok: true, iso: '2025-03-04T09:30:00.000Z' });
    expect(parseTimeInput('2025-03-04T09:30:15.5', 'UTC')).toEqual({ ok: true, iso: '2025-03-04T09:30:15.500Z' });
    expect(parseTimeInput('2025-03-04', 'UTC')).toEqual({ ok: true, iso: '2025-03-04T00:00:00.000Z' });
    // Berlin is UTC+1 in March before the DST switch, UTC+2 in July.
    expect(parseTimeInput('2025-03-04 09:30', 'local')).toEqual({ ok: true, iso: '2025-03-04T08:30:00.000Z' });
    expect(parseTimeInput('2025-07-01 12:00', 'local')).toEqual({ ok: true, iso: '2025-07-01T10:00:00.000Z' });
  });

  it('take a full ISO instant with an offset as is, whatever the zone', () => {
    expect(parseTimeInput('2025-03-04T09:30:00Z', 'local')).toEqual({ ok: true, iso: '2025-03-04T09:30:00.000Z' });
    expect(parseTimeInput('2025-03-04T09:30:00+02:00', 'UTC')).toEqual({ ok: true, iso: '2025-03-04T07:30:00.000Z' });
  });

  it('treat empty as no bound and refuse typos', () => {
    expect(parseTimeInput('  ', 'UTC')).toEqual({ ok: true, iso: undefined });
    expect(parseTimeInput('2025-02-30 10:00', 'UTC').ok).toBe(false);
    expect(parseTimeInput('2025-03-04 25:00', 'UTC').ok).toBe(false);
    expect(parseTimeInput('yesterday', 'UTC').ok).toBe(false);
  });

  it('show instants in the display zone, seconds only when present', () => {
    expect(formatTimeInput('2025-03-04T08:30:00.000Z', 'UTC')).toBe('2025-03-04 08:30');
    expect(formatTimeInput('2025-03-04T08:30:00.000Z', 'local')).toBe('2025-03-04 09:30');
    expect(formatTimeInput('2025-03-04T08:30:05.000Z', 'UTC')).toBe('2025-03-04 08:30:05');
    expect(formatTimeInput('2025-03-04T08:30:05.120Z', 'UTC')).toBe('2025-03-04 08:30:05.120');
    expect(formatTimeInput(undefined, 'UTC')).toBe('');
  });

  it('round-trip through parse in both zones', () => {
    for (const zone of ['UTC', 'local'] as const) {
      for (const iso of ['2025-10-26T03:15:07.250Z', '2025-03-30T00:59:00.000Z', '2024-12-31T23:00:00.000Z']) {
        expect(parseTimeInput(formatTimeInput(iso, zone), zone)).toEqual({ ok: true, iso });
      }
    }
  });

  it('read the hour a DST fall-back repeats as its first occurrence; an offset picks the other', () => {
    // 02:15 in Berlin on 26 Oct 2025 happens at 00:15Z (summer time) and again at 01:15Z.
    expect(parseTimeInput('2025-10-26 02:15', 'local')).toEqual({ ok: true, iso: '2025-10-26T00:15:00.000Z' });
    expect(parseTimeInput('2025-10-26T02:15:00+01:00', 'local')).toEqual({ ok: true, iso: '2025-10-26T01:15:00.000Z' });
  });
});

describe('formatTime for the table', () => {
  it('keeps the fixed-width shape in both zones', () => {
    expect(formatTime('2025-03-04T08:30:05.120Z', 'UTC')).toBe('2025-03-04 08:30:05.120');
    expect(formatTime('2025-03-04T08:30:05.120Z', 'local')).toBe('2025-03-04 09:30:05.120');
    expect(formatTime(null, 'local')).toBe('');
    expect(formatTime('not a time', 'UTC')).toBe('not a time');
  });

  it('names the zone', () => {
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('local')).toBe('Europe/Berlin (local)');
  });
});
