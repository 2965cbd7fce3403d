/**
 * What the last team action did (role=status) or why it failed (role=alert), in the user's words:
 * the server's error code picks the text (like the upload log's refusals), never shown itself; a
 * code we have no words for reads by its kind (offline, not allowed, …).
 */
import type { JSX } from 'preact';
import { t, tn, type MessageKey } from '../i18n/i18n';
import type { ApiProblem } from './api';
import { useModels } from '../models';

/** API error codes with a message of their own (`teams.error.<code>`, checked by the type). */
const OWN_MESSAGE_CODES = [
  'invite-not-found', 'invalid-invite', 'team-not-found', 'too-many-teams', 'team-full', 'invalid-name', 'member-not-found', 'cannot-remove-self',
] as const;

export function problemMessage(error: ApiProblem): MessageKey {
  const code = OWN_MESSAGE_CODES.find((c) => c === error.code);
  if (code) return `teams.error.${code}`;
  if (error.code === 'not-owner') return 'teams.error.forbidden';
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

/** The whole sentence; a refusal for too many tries says how many minutes to wait. */
export function problemText(error: ApiProblem, message: MessageKey = problemMessage(error)): string {
  if (error.kind === 'rate-limited') return tn('teams.error.rate-limited', Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)));
  return t(message);
}

export function Outcome(): JSX.Element | null {
  const { notice, problem } = useModels().teams;
  const error = problem.value;
  const done = notice.value;
  if (error) {
    // The code stays out of sight (data-code, for support and tests); the text is the user's.
    return (
      <div class="teams-problem" role="alert" data-testid="teams-problem" data-kind={error.kind} data-code={error.code ?? ''}>
        <p>{problemText(error)}</p>
      </div>
    );
  }
  if (done) {
    return <p class="teams-notice" role="status" data-testid="teams-notice">{t(done.key, done.params)}</p>;
  }
  return null;
}
