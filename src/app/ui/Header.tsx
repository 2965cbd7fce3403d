import { cameraOn } from '../session/live-session';
import { locale, setLocale, t } from '../i18n/i18n';
import { InstallButton } from './InstallButton';

export function Header() {
  return (
    <header class="app-header">
      <div class="brand">
        <img src="/icons/icon.svg" alt="" width={32} height={32} />
        <div>
          <h1>{t('app.name')}</h1>
          <p class="tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <div class="header-actions">
        <CameraIndicator />
        <InstallButton />
        <button
          type="button"
          class="link-button"
          aria-label={t('lang.label')}
          onClick={() => setLocale(locale.value === 'en' ? 'sv' : 'en')}
        >
          {t('lang.switch')}
        </button>
      </div>
    </header>
  );
}

/** Always visible while the camera is on: the user must never have to wonder. */
function CameraIndicator() {
  const on = cameraOn.value;
  return (
    <span class={on ? 'camera-indicator on' : 'camera-indicator'} role="status" data-testid="camera-indicator" data-on={on}>
      <span class="dot" aria-hidden="true" />
      {on ? t('camera.on') : t('camera.off')}
    </span>
  );
}
