/**
 * Break reminders while a window of the app is open (docs/design.md §8): the pure schedule decides, this
 * module keeps one timer at the wake time it returns, shows a system notification when a break is
 * due (an in-app banner always), sets the app badge, and starts a game from the notification.
 */
import { createModel, signal } from '@preact/signals';
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

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const RemindersModel = createModel(() => {
  const settings = signal<ScheduleSettings | null>(null);
  const status = signal<ScheduleStatus | null>(null);
  /** Incremented when the user asks for a break now (banner or notification); the Play view starts the game. */
  const breakRequest = signal(0);
  /** Set when an absence just counted as a break, so the app can say why no reminder came. */
  const naturalBreak = signal(false);
  let state: ScheduleState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function tick(idleMs = currentAwayMs()): void {
    const current = settings.value;
    if (!current) return;
    const now = Date.now();
    state ??= initialState(current, now, timeZone());
    const result = evaluate(state, current, now, timeZone(), { idleMs });
    if (result.status.kind === 'due' || result.status.kind === 'warning') naturalBreak.value = false;
    state = result.state;
    void setSetting(STATE_KEY, state).catch(() => undefined);
    status.value = result.status;
    if (result.notify === 'due') notifyDue();
    updateBadge(result.status);
    if (timer) clearTimeout(timer);
    timer = null;
    if (result.wakeAt !== null) timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(1000, result.wakeAt - now)));
  }

  function notifyDue(): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return; // the banner still shows
    const notification = new Notification(t('reminder.title'), { body: t('reminder.body'), tag: 'microbreak-break', icon: '/icons/icon-192.png' });
    notification.onclick = () => {
      window.focus();
      notification.close();
      breakRequest.value++;
    };
  }

  function act(change: (current: ScheduleState, settings: ScheduleSettings, now: number) => ScheduleState): void {
    const current = settings.value;
    if (!current) return;
    const now = Date.now();
    state = change(state ?? initialState(current, now, timeZone()), current, now);
    tick();
  }

  return {
    settings,
    status,
    breakRequest,
    naturalBreak,
    async start(): Promise<void> {
      const stored = await getSetting<unknown>(SETTINGS_KEY, null);
      const parsed = stored ? validateSchedule(stored) : null;
      // Off until the user turns reminders on (that is also when notification permission is asked).
      settings.value = parsed?.ok ? parsed.settings : { ...DEFAULT_SCHEDULE, enabled: false };
      state = parseScheduleState(await getSetting<unknown>(STATE_KEY, null));
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') tick();
      });
      // Coming back from an absence: pass its length once, so the next interval counts from now.
      watchPresence((awayForMs) => {
        const before = status.value?.kind;
        tick(awayForMs);
        const counted = awayForMs >= NATURAL_BREAK_MINUTES * 60_000 && settings.value?.enabled === true;
        if (counted && (before === 'due' || before === 'warning' || before === 'waiting')) naturalBreak.value = true;
      });
      tick();
    },
    startBreakNow(): void {
      breakRequest.value++;
    },
    dismissNaturalBreak(): void {
      naturalBreak.value = false;
    },
    /** A game was played: the next break counts from now. */
    recordBreakTaken(): void {
      act((s, current, now) => breakTaken(s, current, now, timeZone()));
    },
    /** The break cannot be taken now (the camera is busy in a meeting): ask again in `minutes`. */
    remindLater(minutes = 15): void {
      act((s, current, now) => remindIn(s, current, minutes, now, timeZone()));
    },
    skip(): void {
      act((s, current, now) => skip(s, current, now, timeZone()));
    },
    /** Returns false when the postpone limit is reached. */
    postpone(): boolean {
      let ok = true;
      act((s, current, now) => {
        const result = postpone(s, current, now, timeZone());
        ok = result.ok;
        return result.state;
      });
      return ok;
    },
    pause(minutes: number | 'tomorrow'): void {
      act((s, current, now) => (minutes === 'tomorrow' ? pauseUntilTomorrow(s, current, now, timeZone()) : pauseFor(s, minutes, now)));
    },
    resume(): void {
      act((s, current, now) => resume(s, current, now, timeZone()));
    },
    /** Saves new settings; turning reminders on is the moment to ask for notification permission. */
    async save(input: ScheduleSettings): Promise<string[]> {
      const checked = validateSchedule(input);
      if (!checked.ok) return checked.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
      const turningOn = checked.settings.enabled && !settings.value?.enabled;
      if (turningOn) {
        // Both prompts start within the click; Idle Detection lets a locked screen count as a break.
        const idle = requestIdleDetection().catch(() => undefined);
        if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied');
        await idle;
      }
      settings.value = checked.settings;
      await setSetting(SETTINGS_KEY, checked.settings);
      act((s, current, now) => applySettings(s, current, now, timeZone()));
      return [];
    },
  };
});
export type RemindersModel = InstanceType<typeof RemindersModel>;

function updateBadge(status: ScheduleStatus): void {
  const nav = navigator as Navigator & { setAppBadge?: () => Promise<void>; clearAppBadge?: () => Promise<void> };
  const due = status.kind === 'due';
  void (due ? nav.setAppBadge?.() : nav.clearAppBadge?.())?.catch(() => undefined);
}
