/** The user's teams, and the open team's members with the owner's actions and "leave". */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t, tn } from '../i18n/i18n';
import { TeamChallenges } from './Challenges';
import { InviteCard } from './InviteCard';
import { TooSmallNote } from './Rules';
import { SharingSwitch } from './SharingSwitch';
import { useModels } from '../models';
import type { TeamDetail, TeamMember } from './state';

function memberLabel(member: TeamMember): string {
  if (member.you) return t('teams.members.you');
  const n = /(\d+)$/.exec(member.label)?.[1];
  return n ? t('teams.members.member', { n }) : member.label;
}

const countText = (count: number) => tn('teams.memberCount', count);

export function TeamList(): JSX.Element {
  const { busy, loadTeams, openTeam, reloadOpenTeam, showTeam, teamList: teams, teamsFromCache } = useModels().teams;
  const list = teams.value;
  const working = busy.value !== null;
  return (
    <div class="team-list" data-testid="team-list">
      <div class="row spread">
        <h3>{t('teams.list.title')}</h3>
        <button type="button" class="link-button" disabled={working} onClick={() => void loadTeams().then((ok) => (ok ? reloadOpenTeam() : undefined)).catch(() => undefined)}>{t('teams.refresh')}</button>
      </div>
      {teamsFromCache.value && <p class="subtle" role="status">{t('teams.list.cached')}</p>}
      {list && list.length === 0 && <p class="subtle" data-testid="no-teams">{t('teams.list.empty')}</p>}
      {list && list.length > 0 && (
        <ul>
          {list.map((team) => (
            <li key={team.id} data-testid="team" data-team-id={team.id}>
              <span class="team-name">{team.name}</span>
              <span class="subtle">
                {team.role === 'owner' ? t('teams.role.owner') : t('teams.role.member')} · {countText(team.memberCount)}
              </span>
              <button type="button" disabled={working} aria-expanded={openTeam.value?.id === team.id} onClick={() => void showTeam(team.id)}>
                {t('teams.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {openTeam.value && <TeamMembers team={openTeam.value} />}
    </div>
  );
}

function TeamMembers({ team }: { team: TeamDetail }): JSX.Element {
  const { busy, closeTeam, leaveTeam, removeMember } = useModels().teams;
  const [confirmLeave, setConfirmLeave] = useState(false);
  const working = busy.value !== null;
  const owner = team.you.role === 'owner';
  return (
    <section class="team-detail" aria-labelledby={`team-${team.id}`} data-testid="team-detail">
      <div class="row spread">
        <h4 id={`team-${team.id}`}>{t('teams.members.title', { name: team.name })}</h4>
        <button type="button" class="link-button" onClick={closeTeam}>{t('teams.close')}</button>
      </div>
      <p class="subtle">{t('teams.members.privacy')}</p>
      <ul class="members">
        {team.members.map((m) => (
          <li key={m.memberId} data-testid="member" data-you={m.you} data-role={m.role}>
            <span>{memberLabel(m)}</span>
            <span class="subtle">{m.role === 'owner' ? t('teams.role.owner') : t('teams.role.member')}</span>
            {owner && !m.you && (
              <button
                type="button"
                disabled={working}
                aria-label={t('teams.members.removeLabel', { member: memberLabel(m) })}
                onClick={() => void removeMember(team.id, m.memberId)}
              >
                {t('teams.members.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <TooSmallNote memberCount={team.memberCount} />
      <SharingSwitch teamId={team.id} />
      {owner && team.inviteCode && <InviteCard team={team} code={team.inviteCode} />}
      <TeamChallenges team={team} />
      {!confirmLeave && (
        <button type="button" class="danger-outline" data-testid="leave" disabled={working} onClick={() => setConfirmLeave(true)}>
          {t('teams.leave')}
        </button>
      )}
      {confirmLeave && (
        <div class="confirm" role="group" aria-label={t('teams.leave')}>
          <p>{t(owner ? 'teams.leave.confirmOwner' : 'teams.leave.confirm', { name: team.name })}</p>
          <button type="button" class="danger" data-testid="leave-confirm" disabled={working} autoFocus onClick={() => void leaveTeam(team)}>
            {t('teams.leave.yes')}
          </button>
          <button type="button" onClick={() => setConfirmLeave(false)}>{t('teams.cancel')}</button>
        </div>
      )}
    </section>
  );
}
