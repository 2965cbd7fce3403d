import { useEffect, useState } from 'preact/hooks';
import { workDone } from '../../core/play';
import type { StoredSession } from '../storage/db';
import { locale, t, tn, weekLabel } from '../i18n/i18n';
import { BarChart } from './BarChart';
import { loadHistory, type HistorySnapshot } from './history-data';

const minutes = (seconds: number) => Math.round(seconds / 6) / 10;
const days = (n: number) => tn('history.days', n);

function dayLabel(date: string, lang: string, style: 'weekday' | 'date'): string {
  const options: Intl.DateTimeFormatOptions = style === 'weekday' ? { weekday: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(`${date}T00:00:00Z`));
}

function BreakRow({ session, lang, today }: { session: StoredSession; lang: string; today: string }) {
  const work = workDone(session);
  const when = new Date(session.startedAt);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(when);
  const day = session.date === today ? t('history.today') : dayLabel(session.date, lang, 'date');
  const value = work.unit === 'holdSeconds' ? t('summary.seconds', { n: work.value }) : String(work.value);
  return (
    <li data-testid="break-row">
      <span class="when">{day} {time}</span>
      <strong>{t(`game.${session.game}.name`)}</strong>
      <span>{t(`summary.work.${work.unit}`)}: {value}</span>
      <span class="subtle">{t('history.played', { n: Math.round(session.durationSeconds) })}</span>
    </li>
  );
}

export function HistoryView() {
  const [history, setHistory] = useState<HistorySnapshot | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadHistory().then(setHistory, () => setFailed(true));
  }, []);
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
          <div><dt>{t('history.points')}</dt><dd data-testid="today-points">{todayTotal.movementPoints}</dd></div>
          <div><dt>{t('history.activeMinutes')}</dt><dd>{minutes(todayTotal.activeSeconds)}</dd></div>
          {/* No total of "reps": games count in different units (reps, targets hit, seconds held). */}
          <div><dt>{t('history.sessions')}</dt><dd data-testid="today-sessions">{todayTotal.sessions}</dd></div>
        </dl>
      )}
      <p>
        <strong>{t('history.streak')}: </strong><span data-testid="streak">{days(history.currentStreak)}</span>
        {' · '}{t('history.longest', { days: days(history.longestStreak) })}
      </p>
      <p class="subtle">{t(`history.streakGoal.${history.goal.kind}`, { target: history.goal.target })}</p>
      <h3>{t('history.breaks')}</h3>
      {history.breaks.length === 0 ? <p class="subtle">{t('history.noBreaks')}</p> : (
        <ul class="break-list" data-testid="break-list">
          {history.breaks.map((b) => <BreakRow key={b.id} session={b} lang={lang} today={history.today} />)}
        </ul>
      )}
      <h3>{t('history.thisWeek')}</h3>
      <div class="charts">
        <BarChart
          title={t('history.points')}
          bars={week.map((d) => ({ label: dayLabel(d.date, lang, 'weekday'), value: d.movementPoints, highlight: d.date === history.today }))}
        />
        <BarChart
          title={t('history.activeMinutes')}
          bars={week.map((d) => ({ label: dayLabel(d.date, lang, 'weekday'), value: minutes(d.activeSeconds), highlight: d.date === history.today }))}
        />
      </div>
      <h3>{t('history.pastWeeks')}</h3>
      <div class="charts">
        <BarChart title={t('history.points')} bars={weeks.map((w) => ({ label: weekLabel(w.start), value: w.movementPoints }))} />
        <BarChart title={t('history.activeMinutes')} bars={weeks.map((w) => ({ label: weekLabel(w.start), value: minutes(w.activeSeconds) }))} />
      </div>
    </section>
  );
}
