import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_B64_LENGTH, UPLOAD_LIMITS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import { endpointRefusal } from '../../src/core/aggregates/endpoint';
import { UPLOAD_SPREAD_HOURS, uploadDeadline, uploadDueAt } from '../../src/core/aggregates/timing';
import { contributionBody } from '../../src/core/aggregates/upload-body';
import { addDays } from '../../src/core/calendar';

const metadata = { operator: 'Example AB', jurisdiction: 'SE', region: 'swedencentral', eea: true, apiVersion: 1 };

describe('endpoint metadata', () => {
  it('accepts EU/EEA jurisdictions only, and only when the server agrees', () => {
    expect(endpointRefusal(metadata)).toBeNull();
    expect(endpointRefusal({ ...metadata, jurisdiction: 'EU' })).toBeNull();
    expect(endpointRefusal({ ...metadata, jurisdiction: 'NO' })).toBeNull();
    expect(endpointRefusal({ ...metadata, jurisdiction: 'US', eea: true })).toBe('not-eea');
    expect(endpointRefusal({ ...metadata, jurisdiction: 'CH', eea: false })).toBe('not-eea');
    expect(endpointRefusal({ ...metadata, eea: false })).toBe('not-eea');
    expect(endpointRefusal({ ...metadata, eea: 'true' })).toBe('not-eea');
  });

  it('refuses missing or malformed metadata', () => {
    for (const bad of [null, undefined, 'EU', 42, {}, { ...metadata, jurisdiction: undefined }, { ...metadata, region: 1 }, { ...metadata, operator: null }]) {
      expect(endpointRefusal(bad), JSON.stringify(bad)).toBe('no-metadata');
    }
  });
});

describe('the upload body', () => {
  const token = 'A'.repeat(TOKEN_B64_LENGTH);
  const team = 'T'.repeat(22);

  it('has exactly the six fields, in a fixed order, with clipped whole numbers', () => {
    const body = contributionBody(token, team, '2026-11-20', { activeMinutes: 12.6, reps: -3, movementPoints: 1e9 });
    expect(body).toBe(`{"token":"${token}","team":"${team}","day":"2026-11-20","activeMinutes":13 ,"reps":0   ,"movementPoints":${UPLOAD_LIMITS.movementPoints.max}}`);
    expect(JSON.parse(body)).toEqual({ token, team, day: '2026-11-20', activeMinutes: 13, reps: 0, movementPoints: UPLOAD_LIMITS.movementPoints.max });
    expect(Object.keys(JSON.parse(contributionBody(token, team, '2026-11-20', { activeMinutes: NaN, reps: Infinity, movementPoints: 0 })))).toEqual([
      'token', 'team', 'day', 'activeMinutes', 'reps', 'movementPoints',
    ]);
  });

  it('is zeros, not absent, for a day without movement', () => {
    expect(JSON.parse(contributionBody(token, team, '2026-11-20', { activeMinutes: 0, reps: 0, movementPoints: 0 }))).toMatchObject({ activeMinutes: 0, reps: 0, movementPoints: 0 });
  });

  it('always holds values the server accepts, and always has the same length', () => {
    const size = contributionBody(token, team, '2026-11-20', { activeMinutes: 0, reps: 0, movementPoints: 0 }).length;
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), (a, r, m) => {
        const text = contributionBody(token, team, '2026-11-20', { activeMinutes: a, reps: r, movementPoints: m });
        expect(text.length).toBe(size);
        const body = JSON.parse(text);
        for (const metric of ['activeMinutes', 'reps', 'movementPoints'] as const) {
          expect(Number.isInteger(body[metric])).toBe(true);
          expect(body[metric]).toBeGreaterThanOrEqual(UPLOAD_LIMITS[metric].min);
          expect(body[metric]).toBeLessThanOrEqual(UPLOAD_LIMITS[metric].max);
        }
      }),
    );
  });
});

describe('when an upload may go', () => {
  const day = '2026-11-20';
  const utcEnd = Date.parse('2026-11-21T00:00:00Z');

  it('waits for the UTC day to end even where the local day ends earlier (east of UTC)', () => {
    const stockholmEnd = Date.parse('2026-11-20T23:00:00Z');
    expect(uploadDueAt(day, stockholmEnd, 0)).toBe(utcEnd);
  });

  it('waits for the local day to end where it ends later (west of UTC)', () => {
    const newYorkEnd = Date.parse('2026-11-21T05:00:00Z');
    expect(uploadDueAt(day, newYorkEnd, 0)).toBe(newYorkEnd);
  });

  it('spreads uploads uniformly over the window, and always before the server stops accepting them', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: -14, max: 14 }), (r, offsetHours) => {
        const localEnd = utcEnd - offsetHours * 3_600_000;
        const due = uploadDueAt(day, localEnd, r);
        expect(due).toBeGreaterThanOrEqual(Math.max(utcEnd, localEnd));
        expect(due).toBeLessThan(Math.max(utcEnd, localEnd) + UPLOAD_SPREAD_HOURS * 3_600_000);
        expect(due).toBeLessThan(uploadDeadline(day));
      }),
    );
  });

  it('the deadline is the last moment of the server window (day + UPLOAD_WINDOW_DAYS, UTC)', () => {
    const last = new Date(uploadDeadline(day)).toISOString();
    expect(last).toBe(`${addDays(day, UPLOAD_WINDOW_DAYS)}T23:59:59.999Z`);
  });
});
