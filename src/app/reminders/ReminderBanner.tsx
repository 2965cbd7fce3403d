import { formatTime, t } from '../i18n/i18n';
import { liveStatus } from '../live/live';
import { naturalBreak, pauseReminders, postponeBreak, reminderSettings, reminderStatus, resumeReminders, skipBreak, startBreakNow } from './reminders';

/** Shown in the app whatever the notification permission: the in-app side of a reminder. */
export function ReminderBanner() {
  const status = reminderStatus.value;
  const settings = reminderSettings.value;
  if (!status || !settings || liveStatus.value === 'live' || liveStatus.value === 'starting') return null;
  if (status.kind === 'paused') {
    const time = formatTime(status.until, true);
    return (
      <div class="banner subtle" role="status" data-testid="reminder-paused">
        <span>{t('reminder.paused', { time })}</span>
        <button type="button" onClick={resumeReminders}>{t('reminder.resume')}</button>
      </div>
    );
  }
  if (naturalBreak.value && status.kind === 'waiting') {
    return (
      <div class="banner subtle" role="status" data-testid="natural-break">
        <span>{t('reminder.naturalBreak')}</span>
        <button type="button" onClick={() => { naturalBreak.value = false; }}>{t('teams.close')}</button>
      </div>
    );
  }
  if (status.kind !== 'due' && status.kind !== 'warning') return null;
  return (
    <div class="banner reminder" role="alert" data-testid="reminder-banner" data-kind={status.kind}>
      <strong>{status.kind === 'due' ? t('reminder.due') : t('reminder.warning', { seconds: status.secondsLeft })}</strong>
      <button type="button" class="primary" data-testid="reminder-start" onClick={startBreakNow}>{t('reminder.startNow')}</button>
      {status.postponesLeft > 0 && (
        <button type="button" onClick={() => postponeBreak()}>{t('reminder.postpone', { minutes: settings.postponeMinutes, left: status.postponesLeft })}</button>
      )}
      <button type="button" onClick={skipBreak}>{t('reminder.skip')}</button>
      <button type="button" onClick={() => pauseReminders(60)}>{t('reminder.pauseHour')}</button>
      <button type="button" onClick={() => pauseReminders('tomorrow')}>{t('reminder.pauseTomorrow')}</button>
    </div>
  );
}
