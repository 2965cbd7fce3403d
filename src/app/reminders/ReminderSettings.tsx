import { useState } from 'preact/hooks';
import { INTERVAL_MINUTES, type ScheduleSettings } from '../../core/schedule';
import { locale, t } from '../i18n/i18n';
import { useModels } from '../models';

const INTERVALS = [15, 30, 45, 60, 90, 120].filter((m) => m >= INTERVAL_MINUTES.min && m <= INTERVAL_MINUTES.max);
const WARNINGS = [0, 30, 60, 120];

/** ISO weekday (1 = Monday) as a short name in the UI language; 2024-01-01 was a Monday. */
const weekday = (iso: number, lang: string) =>
  new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, iso)));

export function ReminderSettings() {
  const { reminders } = useModels();
  const saved = reminders.settings.value;
  const [draft, setDraft] = useState<ScheduleSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const value = draft ?? saved;
  if (!value) return null;
  const change = (patch: Partial<ScheduleSettings>) => { setDraft({ ...value, ...patch }); setMessage(null); };
  const save = async () => {
    const errors = await reminders.save(value);
    if (errors.length > 0) return setMessage(t('reminders.invalid', { errors: errors.join('; ') }));
    setDraft(null);
    const denied = value.enabled && typeof Notification !== 'undefined' && Notification.permission === 'denied';
    setMessage(denied ? t('reminders.notificationsDenied') : t('reminders.saved'));
  };
  const lang = locale.value;
  return (
    <details class="panel reminders" data-testid="reminder-settings">
      <summary>{t('reminders.title')}</summary>
      <p class="subtle">{t('reminders.honest')}</p>
      <label class="checkbox">
        <input type="checkbox" data-testid="reminders-enabled" checked={value.enabled} onChange={(e) => change({ enabled: (e.currentTarget as HTMLInputElement).checked })} />
        {t('reminders.enabled')}
      </label>
      <fieldset class="days">
        <legend>{t('reminders.days')}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((day) => (
          <label class="checkbox" key={day}>
            <input
              type="checkbox"
              checked={value.workingDays.includes(day)}
              onChange={(e) => change({ workingDays: (e.currentTarget as HTMLInputElement).checked ? [...value.workingDays, day].sort() : value.workingDays.filter((d) => d !== day) })}
            />
            {weekday(day, lang)}
          </label>
        ))}
      </fieldset>
      <div class="options">
        <label>{t('reminders.start')}<input type="time" value={value.workStart} onChange={(e) => change({ workStart: (e.currentTarget as HTMLInputElement).value })} /></label>
        <label>{t('reminders.end')}<input type="time" value={value.workEnd} onChange={(e) => change({ workEnd: (e.currentTarget as HTMLInputElement).value })} /></label>
        <label>
          {t('reminders.every')}
          <select value={String(value.intervalMinutes)} onChange={(e) => change({ intervalMinutes: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {INTERVALS.map((m) => <option key={m} value={String(m)}>{t('reminders.minutes', { n: m })}</option>)}
          </select>
        </label>
        <label>
          {t('reminders.warning')}
          <select value={String(value.warningSeconds)} onChange={(e) => change({ warningSeconds: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {WARNINGS.map((s) => <option key={s} value={String(s)}>{s === 0 ? t('reminders.noWarning') : t('reminders.seconds', { n: s })}</option>)}
          </select>
        </label>
      </div>
      <p class="subtle">{t('reminders.default')}</p>
      <button type="button" data-testid="reminders-save" onClick={() => void save()}>{t('reminders.save')}</button>
      {message && <p role="status" data-testid="reminders-message">{message}</p>}
    </details>
  );
}
