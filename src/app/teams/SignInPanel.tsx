/** Signed out: "Sign in to join your team" with one button per provider; or "sign in again". */
import type { JSX } from 'preact';
import { devOptions } from '../dev-options';
import { auth, signIn, signInAgain, signOut } from '../auth';
import { t } from '../i18n/i18n';
import { useModels } from '../models';

// Every provider and every problem has its text: `auth.provider.<id>`, `auth.problem.<problem>` (checked by the type).

export function AuthProblemNote(): JSX.Element | null {
  const { problem, detail } = auth.value;
  if (!problem) return null;
  return (
    <div class="teams-problem" role="alert" data-testid="auth-problem" data-problem={problem}>
      <p>{t(`auth.problem.${problem}`)}</p>
      {/* The sign-in library's own words are for developers (?dev=1), never in front of users. */}
      {detail && problem !== 'offline' && devOptions.developer && (
        <details>
          <summary>{t('auth.problem.details')}</summary>
          <code>{detail}</code>
        </details>
      )}
    </div>
  );
}

export function SignInPanel(): JSX.Element {
  const { pendingInvite } = useModels().teams;
  const { providers } = auth.value;
  return (
    <div class="sign-in" data-testid="sign-in">
      <h3>{t('auth.signIn.title')}</h3>
      {pendingInvite.value && (
        <p class="teams-invited" data-testid="invite-pending">
          <strong>{t('teams.invited.title')}.</strong> {t('teams.invited.signIn')}
        </p>
      )}
      <p class="privacy-note">{t('auth.signIn.why')}</p>
      <AuthProblemNote />
      <div class="provider-buttons">
        {providers.map((p) => (
          <button
            key={p.id}
            type="button"
            class="provider"
            data-testid={`sign-in-${p.id}`}
            aria-label={t('auth.provider.label', { provider: t(`auth.provider.${p.id}`) })}
            onClick={() => void signIn(p.id)}
          >
            {t(`auth.provider.${p.id}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

export function RenewPanel(): JSX.Element {
  const { account } = auth.value;
  return (
    <div class="sign-in" data-testid="renew">
      <h3>{t('auth.renew.title')}</h3>
      <p>{t('auth.renew.text')}</p>
      <AuthProblemNote />
      <div class="provider-buttons">
        <button type="button" class="primary" data-testid="sign-in-again" onClick={() => void signInAgain()}>
          {t('auth.renew.continue', { name: account?.username || '…' })}
        </button>
        <button type="button" class="link-button" data-testid="use-other-account" onClick={() => void signOut()}>
          {t('auth.renew.other')}
        </button>
      </div>
    </div>
  );
}
