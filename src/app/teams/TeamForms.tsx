/** Create a team (then show its invite) and join one by invite link or code. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { InviteCard } from './InviteCard';
import { parseInvite } from './invite';
import { busy, createTeam, createdTeam, dismissInvite, draftInvite, draftTeamName, joinTeam, openTeam, pendingInvite } from './state';

const MAX_NAME = 80;

export function PendingInvite(): JSX.Element | null {
  const code = pendingInvite.value;
  if (!code) return null;
  return (
    <div class="teams-invited" data-testid="invite-pending">
      <p><strong>{t('teams.invited.title')}</strong></p>
      <button type="button" class="primary" data-testid="accept-invite" disabled={busy.value !== null} onClick={() => void joinTeam(code)}>
        {t('teams.invited.join')}
      </button>
      <button type="button" class="link-button" onClick={dismissInvite}>{t('teams.invited.dismiss')}</button>
    </div>
  );
}

export function CreateTeamForm(): JSX.Element {
  const working = busy.value !== null;
  const created = createdTeam.value;
  return (
    <form
      class="team-form"
      data-testid="create-team"
      onSubmit={(e) => {
        e.preventDefault();
        if (draftTeamName.value.trim()) void createTeam(draftTeamName.value);
      }}
    >
      <h3>{t('teams.create.title')}</h3>
      <label>
        {t('teams.create.name')}
        <input
          type="text"
          name="team-name"
          required
          maxLength={MAX_NAME}
          autoComplete="off"
          value={draftTeamName.value}
          onInput={(e) => (draftTeamName.value = e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={working}>{t('teams.create.submit')}</button>
      {/* Once the new team is open above, its invite is shown there; not twice. */}
      {created?.inviteCode && openTeam.value?.id !== created.id && <InviteCard teamId={created.id} code={created.inviteCode} />}
    </form>
  );
}

export function JoinTeamForm(): JSX.Element {
  const [invalid, setInvalid] = useState(false);
  const working = busy.value !== null;
  return (
    <form
      class="team-form"
      data-testid="join-team"
      onSubmit={(e) => {
        e.preventDefault();
        const code = parseInvite(draftInvite.value);
        setInvalid(code === null);
        if (code) void joinTeam(code);
      }}
    >
      <h3>{t('teams.join.title')}</h3>
      <label>
        {t('teams.join.code')}
        <input
          type="text"
          name="invite"
          required
          autoComplete="off"
          spellcheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'invite-invalid' : undefined}
          value={draftInvite.value}
          onInput={(e) => {
            draftInvite.value = e.currentTarget.value;
            setInvalid(false);
          }}
        />
      </label>
      {invalid && <p id="invite-invalid" class="field-error" role="alert">{t('teams.join.invalid')}</p>}
      <button type="submit" disabled={working}>{t('teams.join.submit')}</button>
    </form>
  );
}
