/**
 * Feeds the schedule the user's absence: page input and focus everywhere, plus the system idle
 * and screen-lock state where the user granted Idle Detection. `onReturn` is called once when
 * the user comes back from an absence, with its length, so the schedule can count it as a break.
 */
import { awayMs, type AbsenceSignals } from '../../core/schedule';

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

interface IdleDetectorLike extends EventTarget {
  userState: 'active' | 'idle' | null;
  screenState: 'locked' | 'unlocked' | null;
  start(options: { threshold: number; signal?: AbortSignal }): Promise<void>;
}
interface IdleDetectorClass {
  new (): IdleDetectorLike;
  requestPermission(): Promise<'granted' | 'denied'>;
}
const IdleDetectorApi = (globalThis as unknown as { IdleDetector?: IdleDetectorClass }).IdleDetector;

const signals: AbsenceSignals = { lastInputAt: Date.now(), focused: true, systemIdleSince: null };
let returnListener: (awayForMs: number) => void = () => undefined;

export const currentAwayMs = (now = Date.now()) => awayMs(signals, now);

function present(now: number): void {
  const away = awayMs(signals, now);
  signals.lastInputAt = now;
  signals.systemIdleSince = null;
  if (away > 0) returnListener(away);
}

export function watchPresence(onReturn: (awayForMs: number) => void): void {
  returnListener = onReturn;
  signals.focused = document.hasFocus();
  let lastSeen = 0;
  for (const type of INPUT_EVENTS) {
    addEventListener(type, () => {
      const now = Date.now();
      if (now - lastSeen < 1000) return; // pointermove fires constantly; once a second is enough
      lastSeen = now;
      present(now);
      signals.focused = true; // input reaches only the window with focus
    }, { passive: true, capture: true });
  }
  addEventListener('focus', () => {
    signals.focused = true;
    present(Date.now());
  });
  addEventListener('blur', () => {
    // The user is elsewhere on the computer: not away, so nothing counts until focus returns.
    signals.focused = false;
    signals.lastInputAt = Date.now();
  });
  void startIdleDetector();
}

/** Asks for Idle Detection (needs a click): system idle and screen lock then count as away. */
export async function requestIdleDetection(): Promise<void> {
  if (!IdleDetectorApi) return;
  const answer = await IdleDetectorApi.requestPermission().catch(() => 'denied' as const);
  if (answer === 'granted') await startIdleDetector();
}

let detecting = false;
async function startIdleDetector(): Promise<void> {
  if (!IdleDetectorApi || detecting) return;
  const permission = await navigator.permissions?.query({ name: 'idle-detection' as PermissionName }).catch(() => null);
  if (permission?.state !== 'granted') return;
  const detector = new IdleDetectorApi();
  const threshold = 60_000;
  detector.addEventListener('change', () => {
    const now = Date.now();
    if (detector.userState === 'idle' || detector.screenState === 'locked') {
      signals.systemIdleSince ??= now - (detector.userState === 'idle' ? threshold : 0);
    } else {
      present(now);
    }
  });
  try {
    await detector.start({ threshold });
    detecting = true;
  } catch {
    // not available here; page activity still counts
  }
}
