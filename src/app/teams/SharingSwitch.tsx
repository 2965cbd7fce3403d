/** The team's "Share my movement with this team" switch (device-only; see core/aggregates/sharing). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isPaused } from '../../core/aggregates/sharing';
import { t } from '../i18n/i18n';
import { useModels } from '../models';
import './sharing.css';

export function SharingSwitch({ teamId }: { teamId: string }): JSX.Element {
  const sharingModel = useModels().sharing;
  const [failed, setFailed] = useState(false);
  useEffect(() => void sharingModel.load().catch(() => setFailed(true)), []);
  const all = sharingModel.pauses.value;
  const sharing = !isPaused(all?.[teamId]);
  const id = `share-${teamId}`;
  const toggle = (share: boolean) => {
    setFailed(false);
    sharingModel.set(teamId, share).catch(() => setFailed(true));
  };
  return (
    <div class="sharing" data-testid="sharing" data-sharing={all ? String(sharing) : ''}>
      <label for={id} class="switch-label">
        <input
          id={id}
          type="checkbox"
          role="switch"
          data-testid="sharing-switch"
          disabled={all === null}
          checked={sharing}
          aria-describedby={`${id}-help`}
          onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('teams.sharing.label')}
      </label>
      <p id={`${id}-help`} class="subtle">{t(sharing ? 'teams.sharing.on' : 'teams.sharing.off')}</p>
      {failed && <p role="alert" class="field-error">{t('teams.sharing.failed')}</p>}
    </div>
  );
}
