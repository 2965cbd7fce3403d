/** An owner's invite: the link to share (with a copy button) and the bare code. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { inviteLink } from './invite';
import { busy, rotateInvite } from './state';

export function InviteCard({ teamId, code }: { teamId: string; code: string }): JSX.Element {
  const [copied, setCopied] = useState(false);
  const link = inviteLink(code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard refused: the link is selectable text
    }
  };
  return (
    <div class="invite-card" data-testid="invite-card">
      <label>
        {t('teams.invite.link')}
        <input type="text" readOnly value={link} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <label>
        {t('teams.invite.code')}
        <input type="text" readOnly value={code} data-testid="invite-code" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="row">
        <button type="button" onClick={() => void copy()}>{t('teams.invite.copy')}</button>
        <button type="button" disabled={busy.value !== null} data-testid="rotate-invite" onClick={() => void rotateInvite(teamId)}>
          {t('teams.invite.rotate')}
        </button>
        {copied && <span role="status">{t('teams.invite.copied')}</span>}
      </div>
    </div>
  );
}
