/** What the Play screen shows of the user's progress: the daily goal, its streak, bests and a suggested game. */
import { createModel, signal } from '@preact/signals';
import type { GameId } from '../../core/games';
import { addDays, localDay } from '../../core/calendar';
import { goalProgress, goalStreaks, parseGoal, suggestNextGame, type DailyGoal } from '../../core/metrics';
import type { PersonalBest } from '../storage/db';
import { dailyTotals, personalBests, sessionsBetween } from '../storage/sessions';
import { getSetting, setSetting } from '../storage/settings';

export const GOAL_KEY = 'daily.goal';
/** How far back the suggestion looks for variety. */
const RECENT_DAYS = 14;
/** The first date any history can have (retention purges older). */
const EPOCH = '1970-01-01';

export interface PlayProgress {
  goal: DailyGoal;
  today: { done: number; target: number; met: boolean };
  streak: number;
  bests: Map<GameId, PersonalBest>;
  suggested: GameId;
}

/** The goal as stored (its default when none or unreadable). */
export async function readGoal(): Promise<DailyGoal> {
  return parseGoal(await getSetting<unknown>(GOAL_KEY, null));
}

export const ProgressModel = createModel(() => {
  const goal = signal<DailyGoal | null>(null);
  /** At least one break is saved on this device: only then is "Install app" offered. */
  const hasBreak = signal(false);
  return {
    goal,
    hasBreak,
    async loadGoal(): Promise<void> {
      goal.value = await readGoal();
    },
    async saveGoal(next: DailyGoal): Promise<void> {
      goal.value = next; // shown at once; kept for this visit even if storage fails
      await setSetting(GOAL_KEY, next);
    },
    noteBreak(): void {
      hasBreak.value = true;
    },
    async load(current: DailyGoal, now = new Date()): Promise<PlayProgress> {
      const today = localDay(now);
      const [days, bests, recent] = await Promise.all([dailyTotals(EPOCH, today), personalBests(), sessionsBetween(addDays(today, -RECENT_DAYS), today)]);
      if (days.some((d) => d.sessions > 0)) hasBreak.value = true;
      const games = recent.sort((a, b) => b.startedAt - a.startedAt).map((s) => s.game);
      return {
        goal: current,
        today: goalProgress(days.find((d) => d.date === today), current),
        streak: goalStreaks(days, current, today).current,
        bests,
        suggested: suggestNextGame(games),
      };
    },
  };
});
export type ProgressModel = InstanceType<typeof ProgressModel>;
