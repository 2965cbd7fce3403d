/**
 * Break reminders while a window of the app is open (docs/design.md §8): the pure schedule decides, this
 * module keeps one timer at the wake time it returns, shows a system notification when a break is
 * due (an in-app banner always), sets the app badge, and starts a game from the notification.
 */
import { signal } from '@preact/signals';
import {
  applySettings, breakTaken, DEFAULT_SCHEDULE, evaluate, initialState, parseScheduleState, pauseFor, pauseUntilTomorrow,
  postpone, remindIn, resume, skip, validateSchedule, NATURAL_BREAK_MINUTES, type ScheduleSettings, type ScheduleState, type ScheduleStatus,
} from '../../core/schedule';
import { t } from '../i18n/i18n';
import { getSetting, setSetting } from '../storage/settings';
import { currentAwayMs, requestIdleDetection, watchPresence } from './idle';

const SETTINGS_KEY = 'reminders.settings';
const STATE_KEY = 'reminders.state';
/** Re-check at least this often: timers drift across sleep and clock changes; evaluate is idempotent. */
const MAX_TIMER_MS = 5 * 60 * 1000;

export const reminderSettings = signal<ScheduleSettings | null>(null);
export const reminderStatus = signal<ScheduleStatus | null>(null);
/** Incremented when the user asks for a break now (banner or notification); the Play view starts the game. */
export const breakRequest = signal(0);
/** Set when an absence just counted as a break, so the app can say why no reminder came. */
export const naturalBreak = signal(false);
/** For tests and the developer view: the last system notification shown. */
export const reminderDebug = { notifications: 0 };

let state: ScheduleState | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export async function startReminders(): Promise<void> {
  const stored = await getSetting<unknown>(SETTINGS_KEY, null);
  const parsed = stored ? validateSchedule(stored) : null;
  // Off until the user turns reminders on (that is also when notification permission is asked).
  reminderSettings.value = parsed?.ok ? parsed.settings : { ...DEFAULT_SCHEDULE, enabled: false };
  state = parseScheduleState(await getSetting<unknown>(STATE_KEY, null));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') tick();
  });
  // Coming back from an absence: pass its length once, so the next interval counts from now.
  watchPresence((awayForMs) => {
    const before = reminderStatus.value?.kind;
    tick(awayForMs);
    const counted = awayForMs >= NATURAL_BREAK_MINUTES * 60_000 && reminderSettings.value?.enabled === true;
    if (counted && (before === 'due' || before === 'warning' || before === 'waiting')) naturalBreak.value = true;
  });
  tick();
}

function tick(idleMs = currentAwayMs()): void {
  const settings = reminderSettings.value;
  if (!settings) return;
  const now = Date.now();
  state ??= initialState(settings, now, timeZone());
  const result = evaluate(state, settings, now, timeZone(), { idleMs });
  if (result.status.kind === 'due' || result.status.kind === 'warning') naturalBreak.value = false;
  state = result.state;
  void setSetting(STATE_KEY, state).catch(() => undefined);
  reminderStatus.value = result.status;
  if (result.notify === 'due') notifyDue();
  updateBadge(result.status);
  if (timer) clearTimeout(timer);
  timer = null;
  if (result.wakeAt !== null) timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(1000, result.wakeAt - now)));
}

function notifyDue(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return; // the banner still shows
  const notification = new Notification(t('reminder.title'), { body: t('reminder.body'), tag: 'microbreak-break', icon: '/icons/icon-192.png' });
  reminderDebug.notifications++;
  notification.onclick = () => {
    window.focus();
    notification.close();
    startBreakNow();
  };
}

function updateBadge(status: ScheduleStatus): void {
  const nav = navigator as Navigator & { setAppBadge?: () => Promise<void>; clearAppBadge?: () => Promise<void> };
  const due = status.kind === 'due';
  void (due ? nav.setAppBadge?.() : nav.clearAppBadge?.())?.catch(() => undefined);
}

function act(change: (current: ScheduleState, settings: ScheduleSettings, now: number) => ScheduleState): void {
  const settings = reminderSettings.value;
  if (!settings) return;
  const now = Date.now();
  state = change(state ?? initialState(settings, now, timeZone()), settings, now);
  tick();
}

export function startBreakNow(): void {
  breakRequest.value++;
}

/** A game was played: the next break counts from now. */
export function recordBreakTaken(): void {
  act((s, settings, now) => breakTaken(s, settings, now, timeZone()));
}

/** The break cannot be taken now (the camera is busy in a meeting): ask again in `minutes`. */
export function remindLater(minutes = 15): void {
  act((s, settings, now) => remindIn(s, settings, minutes, now, timeZone()));
}

export function skipBreak(): void {
  act((s, settings, now) => skip(s, settings, now, timeZone()));
}

/** Returns false when the postpone limit is reached. */
export function postponeBreak(): boolean {
  let ok = true;
  act((s, settings, now) => {
    const result = postpone(s, settings, now, timeZone());
    ok = result.ok;
    return result.state;
  });
  return ok;
}

export function pauseReminders(minutes: number | 'tomorrow'): void {
  act((s, settings, now) => (minutes === 'tomorrow' ? pauseUntilTomorrow(s, settings, now, timeZone()) : pauseFor(s, minutes, now)));
}

export function resumeReminders(): void {
  act((s, settings, now) => resume(s, settings, now, timeZone()));
}

/** Saves new settings; turning reminders on is the moment to ask for notification permission. */
export async function saveReminderSettings(input: ScheduleSettings): Promise<string[]> {
  const checked = validateSchedule(input);
  if (!checked.ok) return checked.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const turningOn = checked.settings.enabled && !reminderSettings.value?.enabled;
  if (turningOn) {
    // Both prompts start within the click; Idle Detection lets a locked screen count as a break.
    const idle = requestIdleDetection().catch(() => undefined);
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied');
    await idle;
  }
  reminderSettings.value = checked.settings;
  await setSetting(SETTINGS_KEY, checked.settings);
  act((s, settings, now) => applySettings(s, settings, now, timeZone()));
  return [];
}
