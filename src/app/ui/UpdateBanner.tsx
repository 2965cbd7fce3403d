import { t } from '../i18n/i18n';
import { useModels } from '../models';

export function UpdateBanner() {
  const { pwa: { updateWaiting, offlineReady, applyUpdate }, live: { status: liveStatus } } = useModels();
  const busy = liveStatus.value === 'live' || liveStatus.value === 'starting';
  if (!updateWaiting.value) {
    // A line of news, not worth the room it takes from the picture while a game runs.
    return offlineReady.value && !busy ? <p class="banner subtle" role="status" data-testid="offline-ready">{t('offline.ready')}</p> : null;
  }
  // Never reload in the middle of a game: the button only appears between sessions.
  return (
    <div class="banner" role="status" data-testid="update-banner">
      <span>{t('update.available')}</span>
      {busy ? <span>{t('update.afterGame')}</span> : (
        <button type="button" onClick={applyUpdate}>{t('update.apply')}</button>
      )}
    </div>
  );
}
