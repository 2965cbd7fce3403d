/**
 * The team's week: the published team total and the comparison with other teams (average per
 * participant a day), each only once published; otherwise one line saying why not yet.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { METRICS, UPLOAD_WINDOW_DAYS } from '../../core/aggregates';
import { addDays } from '../../core/calendar';
import { t } from '../i18n/i18n';
import { weekFromNow, type WeekSummary } from './team-week';
import { formatDay, formatNumber, metricName } from './format';
import { problemText } from './Outcome';
import { useModels } from '../models';

export function WeekPanel({ teamId }: { teamId: string }): JSX.Element {
  const { teams: { returned }, teamWeek: { loadWeekSummary, summaryProblem, weekSummary } } = useModels();
  const [offset, setOffset] = useState<0 | -1>(0);
  const week = weekFromNow(offset);
  useEffect(() => void loadWeekSummary(teamId, week), [teamId, week, returned.value]);
  const summary = weekSummary.value;
  const current = summary && summary.teamId === teamId && summary.week === week ? summary : null;
  const error = summaryProblem.value;
  return (
    <section class="week-panel" aria-labelledby={`week-${teamId}`} data-testid="week-panel" data-week={week}>
      <div class="row spread">
        <h5 id={`week-${teamId}`}>{t('week.title')}</h5>
        <div class="week-toggle" role="group" aria-label={t('week.title')}>
          <button type="button" aria-pressed={offset === 0} data-testid="week-this" onClick={() => setOffset(0)}>{t('week.this')}</button>
          <button type="button" aria-pressed={offset === -1} data-testid="week-last" onClick={() => setOffset(-1)}>{t('week.last')}</button>
        </div>
      </div>
      {error && !current && <p class="field-error" role="alert">{problemText(error)}</p>}
      {!error && !current && <p class="subtle" role="status">{t('week.loading')}</p>}
      {current && <WeekResults summary={current} />}
    </section>
  );
}

function WeekResults({ summary }: { summary: WeekSummary }): JSX.Element {
  const { totals, comparison } = summary;
  const closed = totals.days.filter((d) => !d.open).length;
  const total = totals.total;
  return (
    <>
      <div data-testid="week-total" data-published={total.published}>
        <h6>{t('week.total.title')}</h6>
        {total.published && total.totals ? (
          <>
            <dl class="week-figures">
              {METRICS.map((m) => (
                <div key={m}>
                  <dt>{metricName(m)}</dt>
                  <dd>{formatNumber(total.totals![m])}</dd>
                </div>
              ))}
            </dl>
            <p class="subtle">
              {t('week.total.basis', { days: total.daysPublished, contributorDays: total.contributorDays ?? 0 })}
              {totals.noise && ` ${t('week.total.noise')}`}
            </p>
          </>
        ) : closed === 0 ? (
          <p class="subtle">{t('week.total.notYet', { days: UPLOAD_WINDOW_DAYS, date: formatDay(addDays(totals.days[0].day, UPLOAD_WINDOW_DAYS + 1)) })}</p>
        ) : (
          <p class="subtle">{t('week.total.few', { min: totals.minContributors })}</p>
        )}
      </div>
      {closed > 0 && (
        <div data-testid="week-comparison" data-eligible={comparison.eligible}>
          <h6>{t('week.compare.title')}</h6>
          {comparison.eligible && comparison.yourTeam ? (
            <table class="week-compare">
              <thead>
                <tr>
                  <td />
                  <th scope="col">{t('week.compare.you')}</th>
                  {comparison.others.averages && <th scope="col">{t('week.compare.others', { teams: comparison.others.teams })}</th>}
                </tr>
              </thead>
              <tbody>
                {METRICS.map((m) => (
                  <tr key={m}>
                    <th scope="row">{metricName(m)}</th>
                    <td>{formatNumber(comparison.yourTeam![m])}</td>
                    {comparison.others.averages && <td>{formatNumber(comparison.others.averages[m])}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="subtle">{t('week.compare.few', { min: comparison.minContributors })}</p>
          )}
          {comparison.eligible && !comparison.others.averages && <p class="subtle">{t('week.compare.noOthers', { min: comparison.minContributors })}</p>}
        </div>
      )}
    </>
  );
}
