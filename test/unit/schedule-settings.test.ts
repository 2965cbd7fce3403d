import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, validateSchedule, type ScheduleError } from '../../src/core/schedule';

function errorsOf(input: unknown): ScheduleError[] {
  const r = validateSchedule(input);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.settings)}`);
  return r.errors;
}

describe('schedule settings', () => {
  it('has valid, frozen defaults', () => {
    expect(validateSchedule(DEFAULT_SCHEDULE)).toEqual({ ok: true, settings: DEFAULT_SCHEDULE });
    expect(Object.isFrozen(DEFAULT_SCHEDULE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCHEDULE.workingDays)).toBe(true);
  });

  it('fills missing fields with defaults and ignores unknown ones', () => {
    const r = validateSchedule({ intervalMinutes: 30, theme: 'dark' });
    expect(r).toEqual({ ok: true, settings: { ...DEFAULT_SCHEDULE, intervalMinutes: 30 } });
  });

  it('accepts a night shift and tidies the day list', () => {
    const r = validateSchedule({ workingDays: [5, 1, 3, 3], workStart: '22:00', workEnd: '06:00', enabled: false });
    expect(r.ok && r.settings).toEqual({ ...DEFAULT_SCHEDULE, workingDays: [1, 3, 5], workStart: '22:00', workEnd: '06:00', enabled: false });
  });

  it('rejects what is not an object', () => {
    for (const bad of [null, 42, 'x', [1, 2]]) {
      expect(errorsOf(bad)).toEqual([{ field: null, message: expect.stringContaining('must be an object') }]);
    }
  });

  it.each([
    [{ enabled: 'yes' }, 'enabled', 'true or false'],
    [{ workingDays: [] }, 'workingDays', 'at least one day'],
    [{ workingDays: [0, 8] }, 'workingDays', '1 (Monday) to 7 (Sunday)'],
    [{ workingDays: 'Mon-Fri' }, 'workingDays', 'weekday numbers'],
    [{ workingDays: [1.5] }, 'workingDays', 'weekday numbers'],
    [{ workStart: '9:00' }, 'workStart', "'HH:MM'"],
    [{ workEnd: '24:00' }, 'workEnd', '00:00 to 23:59'],
    [{ workStart: 900 }, 'workStart', "'HH:MM'"],
    [{ intervalMinutes: 10 }, 'intervalMinutes', 'from 15 to 120'],
    [{ intervalMinutes: 121 }, 'intervalMinutes', 'from 15 to 120'],
    [{ intervalMinutes: 45.5 }, 'intervalMinutes', 'whole number'],
    [{ intervalMinutes: '45' }, 'intervalMinutes', '(got "45")'],
    [{ intervalMinutes: Number.NaN }, 'intervalMinutes', '(got NaN)'],
    [{ warningSeconds: -1 }, 'warningSeconds', 'from 0 to 300'],
    [{ maxPostpones: 6 }, 'maxPostpones', 'from 0 to 5'],
    [{ postponeMinutes: 1 }, 'postponeMinutes', 'from 5 to 60'],
    [{ workStart: '09:00', workEnd: '09:00' }, 'workEnd', 'must differ'],
    [{ workStart: '09:00', workEnd: '09:30', intervalMinutes: 45 }, 'intervalMinutes', 'longer than the break interval'],
    [{ warningSeconds: 300, postponeMinutes: 5 }, 'warningSeconds', 'shorter than one postpone'],
  ])('explains %j', (input, field, text) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toContain(text);
  });

  it('reports every problem at once, and no follow-on errors from a field that is already wrong', () => {
    const errors = errorsOf({ enabled: 1, workStart: 'noon', workEnd: '09:30', intervalMinutes: 200, maxPostpones: -1 });
    expect(errors.map((e) => e.field)).toEqual(['enabled', 'workStart', 'intervalMinutes', 'maxPostpones']);
  });

  it('measures a night shift across midnight when checking it against the interval', () => {
    expect(validateSchedule({ workStart: '23:50', workEnd: '00:20', intervalMinutes: 15 }).ok).toBe(true);
    expect(errorsOf({ workStart: '23:50', workEnd: '00:20', intervalMinutes: 30 })[0].message).toContain('(30 min)');
  });
});
