import { t, type MessageKey } from '../i18n/i18n';
import type { LiveError } from '../session/live-session';

function messageKeys(error: LiveError): [MessageKey, MessageKey] {
  if (error.source === 'camera') return [`error.${error.code}`, `error.${error.code}.help`];
  if (error.code === 'model-load-failed' || error.code === 'no-backend' || error.code === 'ready-timeout') {
    return ['error.model', 'error.model.help'];
  }
  return ['error.worker', 'error.worker.help'];
}

export function ErrorPanel({ error, onRetry }: { error: LiveError; onRetry: () => void }) {
  const [message, help] = messageKeys(error);
  return (
    <section class="panel error" role="alert" data-testid="error" data-code={error.code}>
      <h2>{t('error.title')}</h2>
      <p class="error-message">{t(message)}</p>
      <p>{t(help)}</p>
      <button type="button" class="primary" onClick={onRetry}>{t('error.retry')}</button>
      <details>
        <summary>{t('error.details')}</summary>
        <code>{error.source}/{error.code}: {error.detail}</code>
      </details>
    </section>
  );
}
