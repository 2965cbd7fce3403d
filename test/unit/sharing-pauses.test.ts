import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { isPaused, parsePauses, pause, pausedOn, resume } from '../../src/core/aggregates/sharing';

describe('pausing team uploads', () => {
  it('a paused day is skipped, before and after it are not; resuming keeps the day it resumed on paused', () => {
    let spans = pause(undefined, '2026-11-20');
    expect(isPaused(spans)).toBe(true);
    expect(pausedOn(spans, '2026-11-19')).toBe(false);
    expect(pausedOn(spans, '2026-11-20')).toBe(true);
    expect(pausedOn(spans, '2026-12-31')).toBe(true);
    spans = resume(spans, '2026-11-22');
    expect(isPaused(spans)).toBe(false);
    expect(spans).toEqual([{ from: '2026-11-20', to: '2026-11-22' }]);
    // No back-fill: the paused days stay paused after resuming.
    expect(['2026-11-20', '2026-11-21', '2026-11-22'].map((d) => pausedOn(spans, d))).toEqual([true, true, true]);
    expect(pausedOn(spans, '2026-11-23')).toBe(false);
    // Pausing twice changes nothing; a second pause adds a span.
    expect(pause(pause(spans, '2026-11-25'), '2026-11-26')).toEqual([...spans, { from: '2026-11-25', to: null }]);
  });

  it('a stored value that is not spans pauses nothing', () => {
    expect(parsePauses(null)).toEqual({});
    expect(parsePauses({ a: 'x', b: [{ from: 'no', to: null }, { from: '2026-11-20', to: '2026-11-19' }], c: [{ from: '2026-11-20', to: null, extra: 1 }] })).toEqual({ c: [{ from: '2026-11-20', to: null }] });
  });

  it('property: any day on which the switch was off at some moment is paused for good', () => {
    const start = '2026-01-01';
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), on: fc.boolean() }), { maxLength: 20 }), fc.boolean(), (events, offAtStart) => {
        const sorted = [...events].sort((a, b) => a.day - b.day);
        let spans = offAtStart ? pause(undefined, start) : [];
        for (const e of sorted) spans = e.on ? resume(spans, addDays(start, e.day)) : pause(spans, addDays(start, e.day));
        // The model: a day is paused when the switch was off at any moment of it.
        let off = offAtStart;
        for (let d = 0; d <= 60; d++) {
          let any = off;
          for (const e of sorted.filter((x) => x.day === d)) {
            off = !e.on;
            any ||= off;
          }
          expect(pausedOn(spans, addDays(start, d)), `day ${d}`).toBe(any);
        }
        expect(parsePauses(JSON.parse(JSON.stringify({ t: spans })))).toEqual(spans.length ? { t: spans } : {});
      }),
      { numRuns: 300 },
    );
  });
});
