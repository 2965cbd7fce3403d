import { useEffect, useState } from 'preact/hooks';
import { formatNumber, locale, t, tn, weekLabel } from '../i18n/i18n';
import { isoWeek } from '../../core/calendar';
import { BarChart } from './BarChart';
import { BreakList } from './BreakList';
import { loadHistory, type HistorySnapshot } from './history-data';

const minutes = (seconds: number) => Math.round(seconds / 6) / 10;
const days = (n: number) => tn('history.days', n);
/** "W41" under a bar: eight full "Week 41" labels overlap at any width. */
const weekAxis = (start: string) => t('history.weekAxis', { week: String(isoWeek(start).week) });

function dayLabel(date: string, lang: string, style: 'weekday' | 'date'): string {
  const options: Intl.DateTimeFormatOptions = style === 'weekday' ? { weekday: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(`${date}T00:00:00Z`));
}

export function HistoryView() {
  const [history, setHistory] = useState<HistorySnapshot | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = () => loadHistory().then(setHistory, () => setFailed(true));
  useEffect(() => void reload(), []);
  const lang = locale.value;
  if (failed) return <section class="panel error" role="alert">{t('history.loadFailed')}</section>;
  if (!history) return null;
  const { todayTotal, week, weeks } = history;
  return (
    <section class="panel history" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">{t('history.title')}</h2>
      <p class="subtle">{t('history.onDevice')}</p>
      <h3>{t('history.today')}</h3>
      {todayTotal.sessions === 0 ? <p>{t('history.empty')}</p> : (
        <dl class="stats" data-testid="today">
          <div><dt>{t('history.points')}</dt><dd data-testid="today-points">{formatNumber(todayTotal.movementPoints)}</dd></div>
          <div><dt>{t('history.activeMinutes')}</dt><dd>{formatNumber(minutes(todayTotal.activeSeconds))}</dd></div>
          {/* No total of "reps": games count in different units (reps, targets hit, seconds held). */}
          <div><dt>{t('history.sessions')}</dt><dd data-testid="today-sessions">{todayTotal.sessions}</dd></div>
        </dl>
      )}
      <p>
        <strong>{t('history.streak')}: </strong><span data-testid="streak">{days(history.currentStreak)}</span>
        {' · '}{t('history.longest', { days: days(history.longestStreak) })}
      </p>
      <p class="subtle">{t(`history.streakGoal.${history.goal.kind}`, { target: history.goal.target })}</p>
      <BreakList breaks={history.breaks} lang={lang} today={history.today} onChanged={reload} />
      <h3>{t('history.thisWeek')}</h3>
      <div class="charts">
        <BarChart
          title={t('history.points')}
          bars={week.map((d) => ({ label: dayLabel(d.date, lang, 'weekday'), value: d.movementPoints, highlight: d.date === history.today }))}
          format={formatNumber}
        />
        <BarChart
          title={t('history.activeMinutes')}
          bars={week.map((d) => ({ label: dayLabel(d.date, lang, 'weekday'), value: minutes(d.activeSeconds), highlight: d.date === history.today }))}
          format={formatNumber}
        />
      </div>
      <h3>{t('history.pastWeeks')}</h3>
      <div class="charts">
        <BarChart title={t('history.points')} bars={weeks.map((w) => ({ label: weekLabel(w.start), axis: weekAxis(w.start), value: w.movementPoints }))} format={formatNumber} />
        <BarChart title={t('history.activeMinutes')} bars={weeks.map((w) => ({ label: weekLabel(w.start), axis: weekAxis(w.start), value: minutes(w.activeSeconds) }))} format={formatNumber} />
      </div>
    </section>
  );
}
