/**
 * Team state for the view: the signed-in person's teams (kept on this device for offline display),
 * the team whose members are shown, drafts that survive a sign-in redirect, and what the last
 * action did or why it failed.
 */
import { createModel, signal } from '@preact/signals';
import { auth, collectDraftsWith, forgetSignIn } from '../auth';
import type { MessageKey } from '../i18n/i18n';
import { forgetTokens } from '../aggregates/tokens';
import { MeReply } from '../../core/api/account';
import { InviteReply, JoinedTeam, JoinPreview, LeaveReply, TeamDetail, type TeamSummary } from '../../core/api/teams';
import { api, apiChecked, ApiProblem, asProblem, teamPath } from './api';
import { clearInviteFromLocation, inviteFromLocation } from './invite';
import { readStored, readStoredJson, store } from '../storage/web-storage';

export type { TeamDetail, TeamMember, TeamSummary } from '../../core/api/teams';

export type Notice = { key: MessageKey; params?: Record<string, string | number> };

/** Which team the pending invite leads to, asked before joining ('gone': the code no longer works). */
export type InvitePreview =
  | { code: string; state: 'loading' }
  | { code: string; state: 'ready'; name: string; memberCount: number; member: boolean }
  | { code: string; state: 'gone' }
  | { code: string; state: 'failed'; problem: ApiProblem };

const CACHE_KEY = 'microbreak.teams.cache';
/** The open team survives a reload (per tab, like the current view). */
const OPEN_KEY = 'microbreak.teams.open';

function rememberOpen(id: string | null): void {
  store(OPEN_KEY, id || null, 'session');
}

/** The team that was open before a reload, if it is still in the list. */
export function openedBeforeReload(list: TeamSummary[]): string | null {
  const id = readStored(OPEN_KEY, 'session');
  return id && list.some((team) => team.id === id) ? id : null;
}

function cacheTeams(list: TeamSummary[]): void {
  store(CACHE_KEY, JSON.stringify({ username: auth.value.account?.username ?? '', teams: list }));
}

const readCache = () => readStoredJson(CACHE_KEY) as { username?: string; teams?: TeamSummary[] } | null;

function cachedTeams(): TeamSummary[] | null {
  const value = readCache();
  return value && value.username === auth.value.account?.username && Array.isArray(value.teams) ? value.teams : null;
}

/** Team names known on this device (the current list, else the last one kept), for labels elsewhere. */
export function knownTeamNames(current: TeamSummary[] | null): Map<string, string> {
  const list = current ?? readCache()?.teams;
  return new Map((Array.isArray(list) ? list : []).map((team) => [team.id, team.name]));
}

export const TeamsModel = createModel(() => {
  const teamList = signal<TeamSummary[] | null>(null);
  /** True when the list comes from this device's copy (offline), not from the server. */
  const teamsFromCache = signal(false);
  const openTeam = signal<TeamDetail | null>(null);
  /** The team just created: its invite is shown until another action. */
  const createdTeam = signal<TeamDetail | null>(null);
  /** Which action is running (buttons are disabled meanwhile). */
  const busy = signal<string | null>(null);
  const problem = signal<ApiProblem | null>(null);
  const notice = signal<Notice | null>(null);
  /** An invite from an opened link, waiting for the user to accept it. */
  const pendingInvite = signal<string | null>(inviteFromLocation());
  const invitePreview = signal<InvitePreview | null>(null);

  /** Bumped when the user comes back to the page: the open team's challenges and week load again. */
  const returned = signal(0);

  const draftTeamName = signal('');
  const draftInvite = signal('');

  const fetchTeam = (id: string) => apiChecked(TeamDetail, 'GET', teamPath(id));

  function closeTeam(): void {
    openTeam.value = null;
    rememberOpen(null);
  }

  function forgetTeams(): void {
    teamList.value = null;
    closeTeam();
    createdTeam.value = null;
    store(CACHE_KEY, null);
  }

  /** Runs one action: marks it busy, clears the last outcome, keeps the failure for the view. */
  async function run(name: string, action: () => Promise<void>): Promise<boolean> {
    busy.value = name;
    problem.value = null;
    notice.value = null;
    try {
      await action();
      return true;
    } catch (error) {
      problem.value = asProblem(error);
      return false;
    } finally {
      busy.value = null;
    }
  }

  function loadTeams(): Promise<boolean> {
    return run('load', async () => {
      try {
        await refreshList();
      } catch (error) {
        const cached = error instanceof ApiProblem && error.kind === 'offline' ? cachedTeams() : null;
        if (cached) {
          teamList.value = cached;
          teamsFromCache.value = true;
        }
        throw error;
      }
    });
  }

  function createTeam(name: string): Promise<boolean> {
    return run('create', async () => {
      const team = await apiChecked(TeamDetail, 'POST', '/api/teams', { name });
      createdTeam.value = team;
      // The new team opens: its invite is shown inside it.
      openTeam.value = team;
      rememberOpen(team.id);
      draftTeamName.value = '';
      notice.value = { key: 'teams.created', params: { name: team.name } };
      await refreshList();
    });
  }

  function joinTeam(code: string): Promise<boolean> {
    return run('join', async () => {
      const team = await apiChecked(JoinedTeam, 'POST', '/api/teams/join', { inviteCode: code });
      notice.value = { key: team.joined ? 'teams.joined' : 'teams.joined.already', params: { name: team.name } };
      draftInvite.value = '';
      if (pendingInvite.value === code) dismissInvite();
      openTeam.value = team;
      rememberOpen(team.id);
      await refreshList();
    });
  }

  function dismissInvite(): void {
    pendingInvite.value = null;
    invitePreview.value = null;
    clearInviteFromLocation();
  }

  /** Asks which team the pending invite leads to (nothing is stored by asking). */
  async function previewInvite(code: string): Promise<void> {
    if (invitePreview.value?.code === code && invitePreview.value.state !== 'failed') return;
    invitePreview.value = { code, state: 'loading' };
    try {
      const team = await apiChecked(JoinPreview, 'POST', '/api/teams/join/preview', { inviteCode: code });
      if (pendingInvite.value === code) invitePreview.value = { code, state: 'ready', ...team };
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : new ApiProblem('server', null, String(error));
      if (pendingInvite.value !== code) return;
      invitePreview.value = failure.code === 'invite-not-found' || failure.code === 'invalid-invite' ? { code, state: 'gone' } : { code, state: 'failed', problem: failure };
    }
  }

  function showTeam(id: string): Promise<boolean> {
    return run(`open:${id}`, async () => {
      openTeam.value = await fetchTeam(id);
      rememberOpen(id);
    });
  }

  /** The open team again from the server, and its challenges and week (via `returned`). */
  async function reloadOpenTeam(): Promise<void> {
    const open = openTeam.value;
    if (open) {
      try {
        const fresh = await fetchTeam(open.id);
        if (openTeam.value?.id === open.id) openTeam.value = fresh;
      } catch (error) {
        if (error instanceof ApiProblem && error.kind === 'not-found' && openTeam.value?.id === open.id) closeTeam();
        else throw error;
      }
    }
    returned.value += 1;
  }

  let refreshing = false;

  /**
   * The user came back (the page is visible again, or the window has focus): the list, the open
   * team and its challenges are fetched again, quietly (no busy state, the last outcome stays).
   * Every request goes to the network (api.ts: no-store; the service worker leaves /api alone).
   */
  async function refreshOnReturn(): Promise<void> {
    if (refreshing || busy.value !== null || auth.value.status !== 'signed-in' || document.visibilityState !== 'visible') return;
    refreshing = true;
    try {
      await refreshList();
      await reloadOpenTeam();
    } catch {
      // Offline or refused: the page keeps what it shows; the next action says why.
    } finally {
      refreshing = false;
    }
  }

  function leaveTeam(team: { id: string; name: string }): Promise<boolean> {
    return run(`leave:${team.id}`, async () => {
      const result = await apiChecked(LeaveReply, 'POST', `${teamPath(team.id)}/leave`);
      notice.value = { key: result.teamClosed ? 'teams.left.closed' : 'teams.left', params: { name: team.name } };
      if (openTeam.value?.id === team.id) closeTeam();
      if (createdTeam.value?.id === team.id) createdTeam.value = null;
      await refreshList();
    });
  }

  function removeMember(teamId: string, memberId: string): Promise<boolean> {
    return run(`remove:${memberId}`, async () => {
      await api<void>('DELETE', `${teamPath(teamId)}/members/${encodeURIComponent(memberId)}`);
      notice.value = { key: 'teams.members.removed' };
      openTeam.value = await fetchTeam(teamId);
      await refreshList();
    });
  }

  function rotateInvite(teamId: string): Promise<boolean> {
    return run(`invite:${teamId}`, async () => {
      const { inviteCode } = await apiChecked(InviteReply, 'POST', `${teamPath(teamId)}/invite`);
      if (openTeam.value?.id === teamId) openTeam.value = { ...openTeam.value, inviteCode };
      if (createdTeam.value?.id === teamId) createdTeam.value = { ...createdTeam.value, inviteCode };
      notice.value = { key: 'teams.invite.rotated' };
    });
  }

  function deleteAccount(): Promise<boolean> {
    return run('delete-account', async () => {
      await api<unknown>('DELETE', '/api/me');
      // Tokens for the coming days would still let this device contribute to teams it has left:
      // if they cannot be dropped, the person is told (after the sign-out, which goes ahead).
      const tokensDropped = await forgetTokens().then(() => true, (error: unknown) => { console.warn('tokens not dropped', error); return false; });
      forgetTeams();
      await forgetSignIn();
      notice.value = { key: tokensDropped ? 'account.deleted' : 'account.deletedTokensKept' };
    });
  }

  async function refreshList(): Promise<void> {
    const { teams: list } = await apiChecked(MeReply, 'GET', '/api/me');
    teamList.value = list;
    teamsFromCache.value = false;
    cacheTeams(list);
  }

  // Drafts go with the user through a sign-in redirect (src/app/auth/pending.ts).
  collectDraftsWith(() => ({
    ...(draftTeamName.value ? { teamName: draftTeamName.value } : {}),
    ...(draftInvite.value ? { invite: draftInvite.value } : {}),
  }));
  /** Drafts brought back by a sign-in redirect. */
  function restoreDrafts(drafts: { teamName?: string; invite?: string }): void {
    if (drafts.teamName) draftTeamName.value = drafts.teamName;
    if (drafts.invite) draftInvite.value = drafts.invite;
  }
  function setDraftTeamName(value: string): void {
    draftTeamName.value = value;
  }
  function setDraftInvite(value: string): void {
    draftInvite.value = value;
  }

  return {
    teamList, teamsFromCache, openTeam, createdTeam, busy, problem, notice, pendingInvite,
    invitePreview, returned, draftTeamName, draftInvite, previewInvite, reloadOpenTeam, refreshOnReturn,
    closeTeam, forgetTeams, loadTeams, createTeam, joinTeam, dismissInvite, showTeam, leaveTeam,
    removeMember, rotateInvite, deleteAccount, restoreDrafts, setDraftTeamName, setDraftInvite
  };
});
export type TeamsModel = InstanceType<typeof TeamsModel>;
