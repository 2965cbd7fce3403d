/**
 * The open team's challenges ("500 active minutes together this week") with their progress from
 * the published team totals, the owner's form to add one and delete buttons, and the week panel.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { METRICS, MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS, type Metric } from '../../core/aggregates';
import { CHALLENGE_KINDS, maxGoal } from '../../core/api/challenges';
import { t, type MessageKey } from '../i18n/i18n';
import type { ApiProblem } from './api';
import type { Challenge, ChallengeKind, ChallengeList } from './team-week';
import { formatDay, formatNumber, metricName } from './format';
import { problemMessage, problemText } from './Outcome';
import { TooSmallNote } from './Rules';
import { useModels } from '../models';
import type { TeamDetail } from './state';
import { WeekPanel } from './WeekPanel';

const SUGGESTED: Record<ChallengeKind, Record<Metric, number>> = {
  'team-total': { activeMinutes: 500, reps: 1000, movementPoints: 10000 },
  'per-participant-day': { activeMinutes: 10, reps: 20, movementPoints: 200 },
};

/** API error codes with a challenge message of their own (`challenges.error.<code>`, checked by the type). */
const OWN_MESSAGE_CODES = ['week-in-past', 'week-too-far', 'too-many-challenges', 'invalid-goal', 'challenge-not-found'] as const;

function messageOf(error: ApiProblem): MessageKey {
  const code = OWN_MESSAGE_CODES.find((c) => c === error.code);
  return code ? `challenges.error.${code}` : problemMessage(error);
}

export function goalText(c: Pick<Challenge, 'goal' | 'metric' | 'kind'>, next: boolean): string {
  const params = { goal: formatNumber(c.goal), metric: metricName(c.metric), when: t(next ? 'challenges.when.next' : 'challenges.when.this') };
  return t(c.kind === 'team-total' ? 'challenges.goal.team-total' : 'challenges.goal.per-participant-day', params);
}

function statusText(c: Challenge, list: ChallengeList): string {
  const value = c.value === null ? '' : formatNumber(c.value);
  const goal = formatNumber(c.goal);
  switch (c.status) {
    case 'not-yet':
      return t('challenges.status.not-yet', { date: formatDay(c.resultsFrom), days: list.uploadWindowDays });
    case 'waiting':
      return t('challenges.status.waiting', { min: list.minContributors });
    case 'reached':
      return t('challenges.status.reached', { value, goal });
    default:
      return c.complete ? t('challenges.status.final', { value, goal }) : t('challenges.status.in-progress', { value, goal, days: c.daysPublished });
  }
}

export function TeamChallenges({ team }: { team: TeamDetail }): JSX.Element {
  const { teams: { returned }, teamWeek: { challengeProblem, loadChallenges, teamWeek } } = useModels();
  // Again whenever the user comes back to the page: an owner's new challenge shows up.
  useEffect(() => void loadChallenges(team.id), [team.id, returned.value]);
  const data = teamWeek.value?.teamId === team.id ? teamWeek.value : null;
  const owner = team.you.role === 'owner';
  const error = challengeProblem.value;
  return (
    <>
      <section class="challenges" aria-labelledby={`challenges-${team.id}`} data-testid="challenges">
        <h5 id={`challenges-${team.id}`}>{t('challenges.title')}</h5>
        {error && (
          <div class="teams-problem" role="alert" data-testid="challenges-problem" data-code={error.code ?? ''}>
            <p>{problemText(error, messageOf(error))}</p>
            {!data && <button type="button" onClick={() => void loadChallenges(team.id)}>{t('challenges.retry')}</button>}
          </div>
        )}
        {!data && !error && <p class="subtle" role="status">{t('challenges.loading')}</p>}
        {data && (
          <>
            <ChallengeWeek teamId={team.id} list={data.thisWeek} next={false} owner={owner} />
            {data.nextWeek.challenges.length > 0 && <ChallengeWeek teamId={team.id} list={data.nextWeek} next owner={owner} />}
            <p class="subtle">{t('challenges.privacy', { days: data.thisWeek.uploadWindowDays, min: data.thisWeek.minContributors })}</p>
            {owner && <CreateChallenge teamId={team.id} memberCount={team.memberCount} thisWeek={data.thisWeek.week} nextWeek={data.nextWeek.week} max={data.thisWeek.maxPerWeek} />}
          </>
        )}
      </section>
      <WeekPanel teamId={team.id} />
    </>
  );
}

function ChallengeWeek({ teamId, list, next, owner }: { teamId: string; list: ChallengeList; next: boolean; owner: boolean }): JSX.Element {
  return (
    <div data-testid={next ? 'challenges-next' : 'challenges-this'} data-week={list.week}>
      <h6>{t(next ? 'challenges.nextWeek' : 'challenges.thisWeek')}</h6>
      {list.challenges.length === 0 ? (
        <p class="subtle" data-testid="no-challenges">{t(owner ? 'challenges.none.owner' : 'challenges.none')}</p>
      ) : (
        <ul class="challenge-list">
          {list.challenges.map((c) => (
            <ChallengeItem key={c.id} teamId={teamId} challenge={c} list={list} next={next} owner={owner} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChallengeItem({ teamId, challenge: c, list, next, owner }: { teamId: string; challenge: Challenge; list: ChallengeList; next: boolean; owner: boolean }): JSX.Element {
  const { challengeBusy, deleteChallenge } = useModels().teamWeek;
  const goal = goalText(c, next);
  const status = statusText(c, list);
  const percent = Math.round((c.fraction ?? 0) * 100);
  return (
    <li class="challenge" data-testid="challenge" data-challenge-id={c.id} data-status={c.status}>
      <span class="challenge-goal" id={`challenge-${c.id}`}>{goal}</span>
      <div
        class="challenge-bar"
        role="progressbar"
        aria-labelledby={`challenge-${c.id}`}
        aria-valuemin={0}
        aria-valuemax={c.goal}
        aria-valuenow={c.value === null ? 0 : Math.min(c.value, c.goal)}
        aria-valuetext={status}
        data-testid="challenge-progress"
      >
        <span style={{ width: `${percent}%` }} data-reached={c.reached} />
      </div>
      <p class="challenge-status" data-testid="challenge-status">{status}</p>
      {owner && (
        <button
          type="button"
          class="link-button"
          data-testid="challenge-delete"
          disabled={challengeBusy.value !== null}
          aria-label={t('challenges.delete.label', { goal })}
          onClick={() => void deleteChallenge(teamId, c.id)}
        >
          {t('challenges.delete')}
        </button>
      )}
    </li>
  );
}

function CreateChallenge({ teamId, memberCount, thisWeek, nextWeek, max }: { teamId: string; memberCount: number; thisWeek: string; nextWeek: string; max: number }): JSX.Element {
  const { challengeBusy, createChallenge } = useModels().teamWeek;
  const [metric, setMetric] = useState<Metric>('activeMinutes');
  const [kind, setKind] = useState<ChallengeKind>('team-total');
  const [goal, setGoal] = useState(String(SUGGESTED['team-total'].activeMinutes));
  const [week, setWeek] = useState(thisWeek);
  const choose = (m: Metric, k: ChallengeKind) => {
    setMetric(m);
    setKind(k);
    setGoal(String(SUGGESTED[k][m]));
  };
  const limit = maxGoal(metric, kind);
  return (
    <details class="challenge-create" data-testid="challenge-create">
      <summary>{t('challenges.create.title')}</summary>
      <form
        class="team-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(goal);
          if (Number.isInteger(n) && n >= 1 && n <= limit) void createChallenge(teamId, { metric, kind, goal: n, week });
        }}
      >
        <label>
          {t('challenges.create.metric')}
          <select name="metric" value={metric} onChange={(e) => choose(e.currentTarget.value as Metric, kind)}>
            {METRICS.map((m) => <option key={m} value={m}>{metricName(m)}</option>)}
          </select>
        </label>
        <label>
          {t('challenges.create.kind')}
          <select name="kind" value={kind} onChange={(e) => choose(metric, e.currentTarget.value as ChallengeKind)}>
            {CHALLENGE_KINDS.map((k) => <option key={k} value={k}>{t(`challenges.create.kind.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('challenges.create.goal')}
          <input type="number" name="goal" required min={1} max={limit} step={1} inputMode="numeric" value={goal} onInput={(e) => setGoal(e.currentTarget.value)} />
        </label>
        <label>
          {t('challenges.create.week')}
          <select name="week" value={week} onChange={(e) => setWeek(e.currentTarget.value)}>
            <option value={thisWeek}>{t('challenges.thisWeek')}</option>
            <option value={nextWeek}>{t('challenges.nextWeek')}</option>
          </select>
        </label>
        <p class="subtle">{t('challenges.create.limit', { max })}</p>
        {/* What members will see and when, before the challenge is set. */}
        <p class="subtle" data-testid="challenge-rules">{t('challenges.create.rules', { min: MIN_CONTRIBUTORS, days: UPLOAD_WINDOW_DAYS })}</p>
        <TooSmallNote memberCount={memberCount} testId="challenge-too-small" />
        <button type="submit" data-testid="challenge-submit" disabled={challengeBusy.value !== null}>{t('challenges.create.submit')}</button>
      </form>
    </details>
  );
}
