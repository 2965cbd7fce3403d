/**
 * Teams: the one part of the app that needs signing in. Signed out it offers the provider
 * buttons; signed in it lists teams, creates and joins them, shows members, leaves, signs out and
 * deletes the account. Nothing here blocks the rest of the app, online or offline.
 */
import { brokenInviteInLocation } from './invite';
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { auth, initAuth, restoredDrafts } from '../auth';
import { t } from '../i18n/i18n';
import { AccountBar, DeleteAccount } from './AccountPanel';
import { Outcome } from './Outcome';
import { RenewPanel, SignInPanel } from './SignInPanel';
import { CreateTeamForm, JoinTeamForm, PendingInvite } from './TeamForms';
import { TeamList } from './TeamList';
import { useModels } from '../models';
import { openedBeforeReload } from './state';
import './teams.css';

let reopened = false;

/** Read once: the link the app was opened with. */
const brokenInvite = brokenInviteInLocation();

export function TeamsView(): JSX.Element {
  const { busy, loadTeams, openTeam, refreshOnReturn, restoreDrafts, showTeam, teamList: teams, teamsFromCache } = useModels().teams;
  const view = auth.value;
  useEffect(() => void initAuth(), []);
  useEffect(() => {
    restoreDrafts(restoredDrafts.value);
  }, [restoredDrafts.value]);
  useEffect(() => {
    if (view.status === 'signed-in' && teams.value === null && busy.value === null) void loadTeams();
  }, [view.status]);
  useEffect(() => {
    // After a reload the team that was open opens again, fetched fresh (once per page load;
    // the list may come from here or from the upload scheduler's own load).
    const list = teams.value;
    if (!list || reopened || teamsFromCache.value) return;
    reopened = true;
    const id = openTeam.value ? null : openedBeforeReload(list);
    if (id) void showTeam(id);
  }, [teams.value]);
  useEffect(() => {
    const again = () => void refreshOnReturn();
    document.addEventListener('visibilitychange', again);
    window.addEventListener('focus', again);
    return () => {
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('focus', again);
    };
  }, []);

  return (
    <section class="panel teams" aria-labelledby="teams-title" data-testid="teams" data-auth={view.status}>
      <h2 id="teams-title">{t('teams.title')}</h2>
      {brokenInvite && <p class="banner" role="alert" data-testid="broken-invite">{t('teams.invite.broken')}</p>}
      {view.isDevSignIn && (
        <p class="dev-sign-in" data-testid="dev-sign-in-label">{t('auth.dev.label')}</p>
      )}
      {view.status === 'loading' && <p role="status">{t('auth.loading')}</p>}
      {view.status === 'unavailable' && <p class="subtle">{t('auth.unavailable')}</p>}
      {view.status === 'unreachable' && <p class="subtle">{t('auth.unreachable')}</p>}
      {view.status === 'redirecting' && <p role="status" data-testid="redirecting">{t('auth.redirecting')}</p>}
      {view.status === 'signed-out' && (
        <>
          <Outcome />
          <SignInPanel />
        </>
      )}
      {view.status === 'renew-needed' && <RenewPanel />}
      {view.status === 'signed-in' && (
        <>
          <AccountBar />
          <Outcome />
          <PendingInvite />
          <TeamList />
          <div class="team-forms">
            <CreateTeamForm />
            <JoinTeamForm />
          </div>
          <DeleteAccount />
        </>
      )}
      {busy.value && <p class="subtle" role="status">{t('teams.working')}</p>}
    </section>
  );
}
