/** What the last team action did (role=status) or why it failed (role=alert), in the user's words. */
import type { JSX } from 'preact';
import { t, type MessageKey } from '../i18n/i18n';
import type { ApiProblem } from './api';
import { notice, problem } from './state';

const CODE_MESSAGES: Record<string, MessageKey> = {
  'invite-not-found': 'teams.error.invite-not-found',
  'team-not-found': 'teams.error.team-not-found',
  'not-owner': 'teams.error.forbidden',
};

export function problemMessage(error: ApiProblem): MessageKey {
  if (error.code && CODE_MESSAGES[error.code]) return CODE_MESSAGES[error.code];
  switch (error.kind) {
    case 'offline': return 'teams.error.offline';
    case 'sign-in': return 'teams.error.sign-in';
    case 'unavailable': return 'teams.error.unavailable';
    case 'not-found': return 'teams.error.team-not-found';
    case 'forbidden': return 'teams.error.forbidden';
    case 'conflict': return 'teams.error.conflict';
    case 'invalid': return 'teams.error.invalid';
    default: return 'teams.error.server';
  }
}

export function Outcome(): JSX.Element | null {
  const error = problem.value;
  const done = notice.value;
  if (error) {
    return (
      <div class="teams-problem" role="alert" data-testid="teams-problem" data-kind={error.kind} data-code={error.code ?? ''}>
        <p>{t(problemMessage(error))}</p>
        {error.kind !== 'offline' && (
          <details>
            <summary>{t('teams.error.details')}</summary>
            <code>{error.code ? `${error.code}: ` : ''}{error.message}</code>
          </details>
        )}
      </div>
    );
  }
  if (done) {
    return <p class="teams-notice" role="status" data-testid="teams-notice">{t(done.key, done.params)}</p>;
  }
  return null;
}
