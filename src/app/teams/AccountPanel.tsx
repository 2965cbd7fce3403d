/** Who is signed in, sign out, and account deletion behind an explicit confirmation. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { auth, signOut } from '../auth';
import { t } from '../i18n/i18n';
import { useModels } from '../models';

export function AccountBar(): JSX.Element {
  const { forgetTeams } = useModels().teams;
  const account = auth.value.account;
  return (
    <div class="row spread account-bar">
      <p data-testid="signed-in-as">{t('auth.signedInAs', { name: account?.username || account?.name || '' })}</p>
      <button
        type="button"
        data-testid="sign-out"
        onClick={() => {
          forgetTeams();
          void signOut();
        }}
      >
        {t('auth.signOut')}
      </button>
    </div>
  );
}

export function DeleteAccount(): JSX.Element {
  const { busy, deleteAccount } = useModels().teams;
  const [confirming, setConfirming] = useState(false);
  const working = busy.value !== null;
  return (
    <details class="delete-account" data-testid="delete-account">
      <summary>{t('account.delete.title')}</summary>
      <p>{t('account.delete.text')}</p>
      {!confirming && (
        <button type="button" class="danger-outline" data-testid="delete-account-start" onClick={() => setConfirming(true)}>
          {t('account.delete.button')}
        </button>
      )}
      {confirming && (
        <div class="confirm" role="group" aria-label={t('account.delete.title')}>
          <p>{t('account.delete.confirm')}</p>
          <button type="button" class="danger" data-testid="delete-account-confirm" disabled={working} autoFocus onClick={() => void deleteAccount()}>
            {t('account.delete.yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>{t('teams.cancel')}</button>
        </div>
      )}
    </details>
  );
}
