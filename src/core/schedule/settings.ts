/** The user's break schedule: when they work and how often a break is due. */

export interface ScheduleSettings {
  /** Reminders on or off altogether. */
  enabled: boolean;
  /** ISO weekdays on which work *starts*: 1 = Monday … 7 = Sunday; sorted, no duplicates. */
  workingDays: readonly number[];
  /** Local start of the working period, 'HH:MM' (24-hour). */
  workStart: string;
  /**
   * Local end, 'HH:MM'. An end at or before the start means the period runs past midnight into the
   * next day (a night shift); it still belongs to the day it started on.
   */
  workEnd: string;
  /** Minutes of work between breaks, 15–120. */
  intervalMinutes: number;
  /** Seconds of warning before a break is due, 0–300 (0: no warning). */
  warningSeconds: number;
  /** How many times one break may be postponed, 0–5. */
  maxPostpones: number;
  /** Minutes one postpone adds, 5–60. */
  postponeMinutes: number;
}

export const INTERVAL_MINUTES = { min: 15, max: 120 } as const;
export const WARNING_SECONDS = { min: 0, max: 300 } as const;
export const MAX_POSTPONES = { min: 0, max: 5 } as const;
export const POSTPONE_MINUTES = { min: 5, max: 60 } as const;

/**
 * Defaults.
 * - Monday–Friday, 09:00–17:00: an ordinary office day; the user changes it on first run.
 * - A break every 45 minutes: guidance on desk work says to interrupt sitting every 30–60 minutes;
 *   45 is the middle of that range, between Stretchly's 30-minute long breaks (too naggy for a
 *   1–2 minute exercise game on top of real work) and 60 (the upper end). About 10 breaks in a day.
 * - 60 s warning: time to finish a sentence before the game asks for the camera.
 * - 2 postpones of 10 minutes: a break can slip at most 20 minutes, then it is "take or skip"
 *   (Stretchly allows postponing once; two gives room for a meeting that runs over).
 */
export const DEFAULT_SCHEDULE: Readonly<ScheduleSettings> = Object.freeze({
  enabled: true,
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
  workStart: '09:00',
  workEnd: '17:00',
  intervalMinutes: 45,
  warningSeconds: 60,
  maxPostpones: 2,
  postponeMinutes: 10,
});

export interface ScheduleError {
  /** The offending field, or null for the input as a whole. */
  field: keyof ScheduleSettings | null;
  message: string;
}

export type ScheduleValidation = { ok: true; settings: ScheduleSettings } | { ok: false; errors: ScheduleError[] };

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of a valid 'HH:MM'. */
export function parseTime(hhmm: string): number {
  const m = TIME_RE.exec(hhmm);
  if (!m) throw new RangeError(`not an 'HH:MM' time: ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Length of the working period in wall-clock minutes (ignoring daylight-saving changes). */
export function workingMinutes(workStart: string, workEnd: string): number {
  const length = parseTime(workEnd) - parseTime(workStart);
  return length > 0 ? length : length + 1440;
}

function show(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}

/**
 * Checks settings from an untrusted source (an import file, old storage). Missing fields take their
 * default, unknown fields are ignored, anything present but wrong is reported — never silently fixed.
 */
export function validateSchedule(input: unknown): ScheduleValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: null, message: `schedule settings must be an object (got ${show(input)})` }] };
  }
  const raw = input as Record<string, unknown>;
  const errors: ScheduleError[] = [];
  const out: ScheduleSettings = { ...DEFAULT_SCHEDULE };

  if (raw.enabled !== undefined) {
    if (typeof raw.enabled === 'boolean') out.enabled = raw.enabled;
    else errors.push({ field: 'enabled', message: `enabled must be true or false (got ${show(raw.enabled)})` });
  }

  if (raw.workingDays !== undefined) {
    const days = raw.workingDays;
    if (!Array.isArray(days) || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      errors.push({
        field: 'workingDays',
        message: `workingDays must be a list of weekday numbers 1 (Monday) to 7 (Sunday) (got ${show(days)})`,
      });
    } else if (days.length === 0) {
      errors.push({ field: 'workingDays', message: 'workingDays must name at least one day (turn reminders off instead)' });
    } else {
      out.workingDays = [...new Set(days as number[])].sort((a, b) => a - b);
    }
  }

  for (const field of ['workStart', 'workEnd'] as const) {
    const v = raw[field];
    if (v === undefined) continue;
    if (typeof v === 'string' && TIME_RE.test(v)) out[field] = v;
    else errors.push({ field, message: `${field} must be a 24-hour time 'HH:MM' from 00:00 to 23:59 (got ${show(v)})` });
  }

  const int = (field: 'intervalMinutes' | 'warningSeconds' | 'maxPostpones' | 'postponeMinutes', range: { min: number; max: number }, unit: string) => {
    const v = raw[field];
    if (v === undefined) return;
    if (typeof v === 'number' && Number.isInteger(v) && v >= range.min && v <= range.max) out[field] = v;
    else errors.push({ field, message: `${field} must be a whole number of ${unit} from ${range.min} to ${range.max} (got ${show(v)})` });
  };
  int('intervalMinutes', INTERVAL_MINUTES, 'minutes');
  int('warningSeconds', WARNING_SECONDS, 'seconds');
  int('maxPostpones', MAX_POSTPONES, 'postpones');
  int('postponeMinutes', POSTPONE_MINUTES, 'minutes');

  // Rules across fields, checked only on values that passed their own check.
  const bad = new Set(errors.map((e) => e.field));
  if (!bad.has('workStart') && !bad.has('workEnd')) {
    if (out.workStart === out.workEnd) {
      errors.push({ field: 'workEnd', message: `workEnd must differ from workStart (both ${out.workStart})` });
    } else if (!bad.has('intervalMinutes')) {
      const length = workingMinutes(out.workStart, out.workEnd);
      if (length <= out.intervalMinutes) {
        errors.push({
          field: 'intervalMinutes',
          message: `working hours ${out.workStart}–${out.workEnd} (${length} min) must be longer than the break interval (${out.intervalMinutes} min)`,
        });
      }
    }
  }
  if (!bad.has('warningSeconds') && !bad.has('postponeMinutes') && out.warningSeconds >= out.postponeMinutes * 60) {
    errors.push({
      field: 'warningSeconds',
      message: `warningSeconds (${out.warningSeconds}) must be shorter than one postpone (${out.postponeMinutes} min)`,
    });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}
