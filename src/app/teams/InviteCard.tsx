/**
 * An owner's invite, inside the team it belongs to: "Invite people to “name”", the code in
 * groups people can read aloud, the link, copy and share, and a new code (the old one stops).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { inviteLink } from './invite';
import { useModels } from '../models';

export function InviteCard({ team, code }: { team: { id: string; name: string }; code: string }): JSX.Element {
  const { busy, rotateInvite } = useModels().teams;
  const [copied, setCopied] = useState<'link' | 'code' | null>(null);
  const [confirmNew, setConfirmNew] = useState(false);
  const link = inviteLink(code);
  const copy = async (what: 'link' | 'code') => {
    try {
      await navigator.clipboard.writeText(what === 'link' ? link : code);
      setCopied(what);
    } catch {
      setCopied(null); // clipboard refused: both are selectable text
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title: t('teams.invite.shareTitle', { name: team.name }), text: t('teams.invite.shareText', { name: team.name, code }), url: link });
    } catch {
      // cancelled or refused: nothing to say
    }
  };
  const titleId = `invite-${team.id}`;
  return (
    <section class="invite-card" aria-labelledby={titleId} data-testid="invite-card">
      <h5 id={titleId}>{t('teams.invite.title', { name: team.name })}</h5>
      <p class="subtle">{t('teams.invite.how')}</p>
      <div class="invite-code">
        <span class="subtle" id={`${titleId}-code`}>{t('teams.invite.code')}</span>
        <output aria-labelledby={`${titleId}-code`} data-testid="invite-code">{code}</output>
      </div>
      <label>
        {t('teams.invite.link')}
        <input type="text" readOnly value={link} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="row">
        <button type="button" onClick={() => void copy('link')}>{t('teams.invite.copy')}</button>
        <button type="button" onClick={() => void copy('code')}>{t('teams.invite.copyCode')}</button>
        {typeof navigator.share === 'function' && <button type="button" onClick={() => void share()}>{t('teams.invite.share')}</button>}
        {copied && <span role="status">{t(copied === 'link' ? 'teams.invite.copied' : 'teams.invite.copiedCode')}</span>}
      </div>
      {!confirmNew ? (
        <button type="button" class="link-button" disabled={busy.value !== null} data-testid="rotate-invite" onClick={() => setConfirmNew(true)}>
          {t('teams.invite.rotate')}
        </button>
      ) : (
        <div class="confirm" role="group" aria-label={t('teams.invite.rotate')}>
          <p>{t('teams.invite.rotateConfirm')}</p>
          <div class="row">
            <button
              type="button"
              data-testid="rotate-invite-confirm"
              disabled={busy.value !== null}
              onClick={() => void rotateInvite(team.id).then(() => setConfirmNew(false))}
            >
              {t('teams.invite.rotateYes')}
            </button>
            <button type="button" onClick={() => setConfirmNew(false)}>{t('teams.cancel')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
