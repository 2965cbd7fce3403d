import { useEffect, useState } from 'preact/hooks';
import type { GameId } from '../../core/games';
import { GOAL_TARGETS, type DailyGoal, type GoalKind } from '../../core/metrics';
import { t, tn } from '../i18n/i18n';
import { useModels } from '../models';
import type { PlayProgress } from './progress';

const days = (n: number) => tn('history.days', n);

/** Today's progress toward the user's own goal, the streak measured against it, and a game to try next. */
export function GoalCard({ onProgress, onPick }: { onProgress: (progress: PlayProgress) => void; onPick: (game: GameId) => void }) {
  const models = useModels().progress;
  const [progress, setProgress] = useState<PlayProgress | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const current = models.goal.value;
  useEffect(() => {
    if (!current) void models.loadGoal();
  }, []);
  useEffect(() => {
    if (!current) return;
    models.load(current).then((p) => { setProgress(p); onProgress(p); }, () => setProgress(null));
  }, [current?.kind, current?.target]);
  if (!current || !progress) return null;
  const { today } = progress;
  const change = (next: DailyGoal) => {
    setSaveFailed(false);
    models.saveGoal(next).catch(() => setSaveFailed(true));
  };
  return (
    <section class="panel goal" aria-labelledby="goal-title" data-testid="goal" data-met={today.met ? 'yes' : 'no'}>
      <div class="goal-head">
        <h2 id="goal-title">{t('goal.title')}</h2>
        <span class="goal-count" data-testid="goal-progress">{t(`goal.progress.${current.kind}`, { done: today.done, target: today.target })}</span>
      </div>
      <progress class="goal-bar" max={today.target} value={Math.min(today.done, today.target)} aria-labelledby="goal-title" />
      <p class="goal-line">
        {today.met ? <strong class="goal-met">{t('goal.met')}</strong> : t('goal.notYet')}
        {' · '}<span data-testid="goal-streak">{t('goal.streak', { days: days(progress.streak) })}</span>
      </p>
      <div class="goal-row">
        <button type="button" class="suggested" data-testid="suggested" onClick={() => onPick(progress.suggested)}>
          {t('goal.suggested', { game: t(`game.${progress.suggested}.name`) })}
        </button>
        <details class="goal-edit">
          <summary data-testid="goal-change">{t('goal.change')}</summary>
          <div class="options">
            <label>
              {t('goal.kind')}
              <select data-testid="goal-kind" value={current.kind} onChange={(e) => {
                const kind = (e.currentTarget as HTMLSelectElement).value as GoalKind;
                change({ kind, target: GOAL_TARGETS[kind].includes(current.target) ? current.target : GOAL_TARGETS[kind][1] });
              }}>
                <option value="breaks">{t('goal.kind.breaks')}</option>
                <option value="minutes">{t('goal.kind.minutes')}</option>
              </select>
            </label>
            <label>
              {t('goal.target')}
              <select data-testid="goal-target" value={String(current.target)} onChange={(e) => change({ ...current, target: Number((e.currentTarget as HTMLSelectElement).value) })}>
                {GOAL_TARGETS[current.kind].map((n) => <option key={n} value={String(n)}>{n}</option>)}
              </select>
            </label>
          </div>
          {saveFailed && <p class="subtle" role="alert">{t('goal.saveFailed')}</p>}
        </details>
      </div>
    </section>
  );
}
