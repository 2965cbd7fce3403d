import { serializeTrace } from '../../core/trace';
import { t } from '../i18n/i18n';
import { reminderSettings, saveReminderSettings } from '../reminders/reminders';
import { persist, summary, type GameSummary } from './play-session';

function downloadTrace(result: GameSummary): void {
  if (!result.trace) return;
  const blob = new Blob([serializeTrace(result.trace)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `pose-trace-${result.session.game}-${result.session.date}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function SummaryPanel({ onAgain, onHistory }: { onAgain: () => void; onHistory: () => void }) {
  const result = summary.value;
  if (!result) return null;
  const { session, save } = result;
  return (
    <section class="panel summary" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">{t('summary.title')} · {t(`game.${session.game}.name`)}</h2>
      {result.cutShort && <p class="subtle">{t('summary.cutShort')}</p>}
      <dl class="stats">
        <div><dt>{t('summary.reps')}</dt><dd data-testid="summary-reps">{session.reps}</dd></div>
        {session.hits !== undefined && <div><dt>{t('summary.hits')}</dt><dd>{session.hits}</dd></div>}
        {session.holdSeconds !== undefined && <div><dt>{t('summary.holdSeconds')}</dt><dd>{t('summary.seconds', { n: session.holdSeconds })}</dd></div>}
        <div><dt>{t('summary.activeTime')}</dt><dd data-testid="summary-active">{t('summary.seconds', { n: Math.round(session.activeSeconds) })}</dd></div>
        <div><dt>{t('summary.points')}</dt><dd data-testid="summary-points">{session.movementPoints}</dd></div>
      </dl>
      {save.state === 'saved' && save.result.isNewBest && <p class="best" role="status">{t('summary.newBest')}</p>}
      {save.state === 'saved' && !save.result.isNewBest && save.result.previousBest && (
        <p class="subtle">{t('summary.best', { reps: save.result.previousBest.reps })}</p>
      )}
      <p role="status" data-testid="save-state" data-state={save.state}>
        {save.state === 'saving' && t('summary.saving')}
        {save.state === 'saved' && t('summary.saved')}
        {save.state === 'failed' && `${t('summary.saveFailed')} ${t(`storage.${save.code}`)}`}
      </p>
      {reminderSettings.value && !reminderSettings.value.enabled && (
        // A sensible moment to offer reminders (and so to ask for notification permission): right after a break.
        <p class="reminder-offer">
          {t('reminder.offer')}{' '}
          <button type="button" data-testid="reminder-offer" onClick={() => void saveReminderSettings({ ...reminderSettings.value!, enabled: true })}>{t('reminder.turnOn')}</button>
        </p>
      )}
      <div class="actions">
        {save.state === 'failed' && <button type="button" onClick={() => void persist(session)}>{t('summary.retry')}</button>}
        <button type="button" class="primary" onClick={onAgain}>{t('summary.again')}</button>
        <button type="button" onClick={onHistory} data-testid="to-history">{t('summary.toHistory')}</button>
        {result.trace && <button type="button" onClick={() => downloadTrace(result)}>{t('summary.downloadTrace')}</button>}
      </div>
    </section>
  );
}
