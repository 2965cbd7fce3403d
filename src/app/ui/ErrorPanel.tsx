import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n/i18n';
import { useModels } from '../models';
import type { LiveError } from '../live/live';

function messageKeys(error: LiveError): [MessageKey, MessageKey] {
  if (error.source === 'camera') return [`error.${error.code}`, `error.${error.code}.help`];
  if (error.code === 'model-load-failed' || error.code === 'no-backend' || error.code === 'ready-timeout') {
    return ['error.model', 'error.model.help'];
  }
  return ['error.worker', 'error.worker.help'];
}

export function ErrorPanel({ error, onRetry }: { error: LiveError; onRetry: () => void }) {
  const [message, help] = messageKeys(error);
  const { reminders } = useModels();
  const [later, setLater] = useState(false);
  // A meeting app holds the camera: say so, and offer to come back to the break after it.
  const busy = error.source === 'camera' && error.code === 'in-use' && reminders.settings.value?.enabled === true;
  return (
    <section class="panel error" role="alert" data-testid="error" data-code={error.code}>
      <h2>{t('error.title')}</h2>
      {busy ? <p class="error-message" data-testid="camera-busy">{t('reminder.cameraBusy')}</p> : <><p class="error-message">{t(message)}</p><p>{t(help)}</p></>}
      <div class="actions">
        <button type="button" class="primary" onClick={onRetry}>{t('error.retry')}</button>
        {busy && !later && <button type="button" data-testid="remind-later" onClick={() => { reminders.remindLater(15); setLater(true); }}>{t('reminder.in15')}</button>}
      </div>
      {later && <p role="status" data-testid="remind-later-set">{t('reminder.in15.set')}</p>}
      <details>
        <summary>{t('error.details')}</summary>
        <code>{error.source}/{error.code}: {error.detail}</code>
      </details>
    </section>
  );
}
