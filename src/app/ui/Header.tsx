import { LOCALES } from '../i18n/format';
import { LOCALE_NAMES, locale, setLocale, t, type Locale } from '../i18n/i18n';
import { useModels } from '../models';
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
        <LanguagePicker />
      </div>
    </header>
  );
}

/** Always visible while the camera is on: the user must never have to wonder. */
function CameraIndicator() {
  const on = useModels().live.cameraOn.value;
  return (
    <span class={on ? 'camera-indicator on' : 'camera-indicator'} role="status" data-testid="camera-indicator" data-on={on}>
      <span class="dot" aria-hidden="true" />
      {on ? t('camera.on') : t('camera.off')}
    </span>
  );
}

/** A labelled list: its accessible name is the visible word "Language", each option the language's own name. */
function LanguagePicker() {
  return (
    <label class="lang-picker">
      <span>{t('lang.label')}</span>
      <select data-testid="language" value={locale.value} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
        {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
