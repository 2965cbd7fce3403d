import { MIN_BREAK_SECONDS, workDone } from '../../core/play';
import { serializeTrace } from '../../core/trace';
import { t } from '../i18n/i18n';
import { useModels } from '../models';
import type { SummaryState } from './play';

function downloadTrace(result: SummaryState): void {
  if (!result.trace) return;
  const blob = new Blob([serializeTrace(result.trace)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `pose-trace-${result.session.game}-${result.session.date}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * The result in the game's own unit (reps, targets hit or seconds held). Praise, a personal best and
 * saving only for a run that was a break (core/play/break.ts); otherwise a kind word and nothing saved.
 */
export function SummaryPanel({ onAgain, onHistory, onGames }: { onAgain: () => void; onHistory: () => void; onGames: () => void }) {
  const { reminders, play } = useModels();
  const result = play.summary.value;
  if (!result) return null;
  const { session, save, notABreak } = result;
  const work = workDone(session);
  return (
    <section class={notABreak ? 'panel summary not-break' : 'panel summary'} aria-labelledby="summary-title" data-testid="summary" data-break={notABreak ? 'no' : 'yes'}>
      <h2 id="summary-title" tabIndex={-1}>{t(notABreak ? 'summary.titleNotBreak' : 'summary.title')} · {t(`game.${session.game}.name`)}</h2>
      {notABreak ? (
        <p class="not-break-note" data-testid="not-a-break" data-reason={notABreak}>
          {notABreak === 'too-short' ? t('summary.notBreak.too-short', { min: MIN_BREAK_SECONDS }) : t(`summary.notBreak.nothing-done.${work.unit}`)}
        </p>
      ) : (
        result.cutShort && <p class="subtle">{t('summary.cutShort')}</p>
      )}
      <dl class="stats">
        <div class="main-stat">
          <dt>{t(`summary.work.${work.unit}`)}</dt>
          <dd data-testid="summary-work" data-unit={work.unit}>{work.unit === 'holdSeconds' ? t('summary.seconds', { n: work.value }) : work.value}</dd>
        </div>
        {session.game === 'side-bend' && <div><dt>{t('summary.holds')}</dt><dd data-testid="summary-holds">{session.reps}</dd></div>}
        <div><dt>{t('summary.activeTime')}</dt><dd data-testid="summary-active">{t('summary.seconds', { n: Math.round(session.activeSeconds) })}</dd></div>
        <div><dt>{t('summary.points')}</dt><dd data-testid="summary-points">{session.movementPoints}</dd></div>
      </dl>
      {save.state === 'saved' && save.result.isNewBest && <p class="best" role="status" data-testid="new-best">{t('summary.newBest')}</p>}
      {save.state === 'saved' && !save.result.isNewBest && save.result.previousBest && (
        <p class="subtle">{t(`summary.bestIn.${work.unit}`, { n: save.result.previousBest.reps })}</p>
      )}
      <p role="status" data-testid="save-state" data-state={save.state} class={save.state === 'not-saved' ? 'subtle' : undefined}>
        {save.state === 'not-saved' && t('summary.notSaved')}
        {save.state === 'saving' && t('summary.saving')}
        {save.state === 'saved' && t('summary.saved')}
        {save.state === 'failed' && `${t('summary.saveFailed')} ${t(`storage.${save.code}`)}`}
      </p>
      {!notABreak && reminders.settings.value && !reminders.settings.value.enabled && (
        // A sensible moment to offer reminders (and so to ask for notification permission): right after a break.
        <p class="reminder-offer">
          {t('reminder.offer')}{' '}
          <button type="button" data-testid="reminder-offer" onClick={() => void reminders.save({ ...reminders.settings.value!, enabled: true })}>{t('reminder.turnOn')}</button>
        </p>
      )}
      <div class="actions">
        {save.state === 'failed' && <button type="button" onClick={() => void play.persist(session)}>{t('summary.retry')}</button>}
        <button type="button" class="primary" data-testid="again" onClick={onAgain}>{t(notABreak ? 'summary.tryAgain' : 'summary.again')}</button>
        {save.state !== 'failed' && <button type="button" data-testid="to-games" onClick={onGames}>{t('summary.otherGame')}</button>}
        <button type="button" onClick={onHistory} data-testid="to-history">{t('summary.toHistory')}</button>
        {result.trace && <button type="button" onClick={() => downloadTrace(result)}>{t('summary.downloadTrace')}</button>}
      </div>
    </section>
  );
}
