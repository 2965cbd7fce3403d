/**
 * What a team of a given size will see and when, said before creating a team or a challenge and
 * in a team still too small for totals. The numbers are the server's own constants
 * (src/core/aggregates: MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS), never copied into the texts.
 */
import type { JSX } from 'preact';
import { MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS } from '../../core/aggregates';
import { t } from '../i18n/i18n';

const numbers = { min: MIN_CONTRIBUTORS, days: UPLOAD_WINDOW_DAYS };

/** The general rule, and that a team under the threshold gets nothing. */
export function ResultsRules({ testId }: { testId: string }): JSX.Element {
  return (
    <p class="subtle rules" data-testid={testId}>
      {t('teams.rules.totals', numbers)} {t('teams.rules.small', numbers)}
    </p>
  );
}

/** Inside a team with fewer members than the threshold: no totals yet, and how many to invite. */
export function TooSmallNote({ memberCount, testId = 'team-too-small' }: { memberCount: number; testId?: string }): JSX.Element | null {
  if (memberCount >= MIN_CONTRIBUTORS) return null;
  return (
    <p class="rules-note" data-testid={testId}>
      {t('teams.rules.tooSmall', { ...numbers, n: memberCount, missing: MIN_CONTRIBUTORS - memberCount })}
    </p>
  );
}
