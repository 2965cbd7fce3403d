import { formatTime, t } from '../i18n/i18n';
import { useModels } from '../models';

/** Shown in the app whatever the notification permission: the in-app side of a reminder. */
export function ReminderBanner() {
  const { reminders, live: { status: liveStatus } } = useModels();
  const status = reminders.status.value;
  const settings = reminders.settings.value;
  if (!status || !settings || liveStatus.value === 'live' || liveStatus.value === 'starting') return null;
  if (status.kind === 'paused') {
    const time = formatTime(status.until, true);
    return (
      <div class="banner subtle" role="status" data-testid="reminder-paused">
        <span>{t('reminder.paused', { time })}</span>
        <button type="button" onClick={reminders.resume}>{t('reminder.resume')}</button>
      </div>
    );
  }
  if (reminders.naturalBreak.value && status.kind === 'waiting') {
    return (
      <div class="banner subtle" role="status" data-testid="natural-break">
        <span>{t('reminder.naturalBreak')}</span>
        <button type="button" onClick={reminders.dismissNaturalBreak}>{t('teams.close')}</button>
      </div>
    );
  }
  if (status.kind !== 'due' && status.kind !== 'warning') return null;
  return (
    <div class="banner reminder" role="alert" data-testid="reminder-banner" data-kind={status.kind}>
      <strong>{status.kind === 'due' ? t('reminder.due') : t('reminder.warning', { seconds: status.secondsLeft })}</strong>
      <button type="button" class="primary" data-testid="reminder-start" onClick={reminders.startBreakNow}>{t('reminder.startNow')}</button>
      {status.postponesLeft > 0 && (
        <button type="button" onClick={() => reminders.postpone()}>{t('reminder.postpone', { minutes: settings.postponeMinutes, left: status.postponesLeft })}</button>
      )}
      <button type="button" onClick={reminders.skip}>{t('reminder.skip')}</button>
      <button type="button" onClick={() => reminders.pause(60)}>{t('reminder.pauseHour')}</button>
      <button type="button" onClick={() => reminders.pause('tomorrow')}>{t('reminder.pauseTomorrow')}</button>
    </div>
  );
}
