/**
 * Create a team (it opens with its invite) and join one by invite link or code; an opened invite
 * link says which team it leads to before joining, or in plain words that it no longer works.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '../i18n/i18n';
import { EXAMPLE_CODE, parseInvite } from './invite';
import { problemText } from './Outcome';
import { ResultsRules } from './Rules';
import { useModels } from '../models';

const MAX_NAME = 80;

export function PendingInvite(): JSX.Element | null {
  const { busy, dismissInvite, invitePreview, joinTeam, pendingInvite, previewInvite } = useModels().teams;
  const code = pendingInvite.value;
  useEffect(() => {
    if (code) void previewInvite(code);
  }, [code]);
  if (!code) return null;
  const preview = invitePreview.value?.code === code ? invitePreview.value : null;
  const working = busy.value !== null;
  if (preview?.state === 'gone') {
    return (
      <div class="teams-invited" role="alert" data-testid="invite-pending" data-state="gone">
        <p><strong>{t('teams.invited.gone.title')}</strong></p>
        <p>{t('teams.invited.gone')}</p>
        <div class="row">
          <button type="button" onClick={dismissInvite}>{t('teams.close')}</button>
        </div>
      </div>
    );
  }
  if (preview?.state === 'ready' && preview.member) {
    return (
      <div class="teams-invited" data-testid="invite-pending" data-state="member">
        <p>{t('teams.joined.already', { name: preview.name })}</p>
        <div class="row">
          <button type="button" onClick={dismissInvite}>{t('teams.close')}</button>
        </div>
      </div>
    );
  }
  return (
    <div class="teams-invited" data-testid="invite-pending" data-state={preview?.state ?? 'loading'}>
      {preview?.state === 'ready' ? (
        <>
          <p data-testid="invite-team"><strong>{t('teams.invited.to', { name: preview.name })}</strong></p>
          <p class="subtle" data-testid="invite-team-size">{tn('teams.memberCount', preview.memberCount)}</p>
        </>
      ) : (
        <p><strong>{t('teams.invited.title')}</strong></p>
      )}
      {preview?.state === 'loading' && <p class="subtle" role="status">{t('teams.invited.checking')}</p>}
      {preview?.state === 'failed' && <p class="subtle">{problemText(preview.problem)}</p>}
      <div class="row">
        <button type="button" class="primary" data-testid="accept-invite" disabled={working || preview?.state === 'loading'} onClick={() => void joinTeam(code)}>
          {preview?.state === 'ready' ? t('teams.invited.joinNamed', { name: preview.name }) : t('teams.invited.join')}
        </button>
        <button type="button" class="link-button" onClick={dismissInvite}>{t('teams.invited.dismiss')}</button>
      </div>
    </div>
  );
}

export function CreateTeamForm(): JSX.Element {
  const { busy, createTeam, draftTeamName, setDraftTeamName } = useModels().teams;
  const working = busy.value !== null;
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
          onInput={(e) => setDraftTeamName(e.currentTarget.value)}
        />
      </label>
      <ResultsRules testId="create-team-rules" />
      <button type="submit" disabled={working}>{t('teams.create.submit')}</button>
    </form>
  );
}

export function JoinTeamForm(): JSX.Element {
  const { busy, draftInvite, joinTeam, setDraftInvite } = useModels().teams;
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
          placeholder={EXAMPLE_CODE}
          aria-describedby={invalid ? 'invite-invalid' : undefined}
          value={draftInvite.value}
          onInput={(e) => {
            setDraftInvite(e.currentTarget.value);
            setInvalid(false);
          }}
        />
      </label>
      {invalid && <p id="invite-invalid" class="field-error" role="alert">{t('teams.join.invalid', { example: EXAMPLE_CODE })}</p>}
      <button type="submit" disabled={working}>{t('teams.join.submit')}</button>
    </form>
  );
}
