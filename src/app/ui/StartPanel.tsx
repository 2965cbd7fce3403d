import { useEffect, useState } from 'preact/hooks';
import { RESOLUTIONS, listCameras, type CameraDevice } from '../camera/camera';
import { t } from '../i18n/i18n';

export interface StartChoice { deviceId: string | null; resolutionId: string }

export function StartPanel({ choice, onChange, onStart }: {
  choice: StartChoice;
  onChange: (choice: StartChoice) => void;
  onStart: () => void;
}) {
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  useEffect(() => {
    listCameras().then(setCameras, () => setCameras([]));
  }, []);
  return (
    <section class="panel" aria-labelledby="start-title">
      <h2 id="start-title">{t('start.title')}</h2>
      <p class="privacy-note">{t('start.privacy')}</p>
      <div class="options">
        {cameras.length > 1 && (
          <label>
            {t('start.cameraLabel')}
            <select
              value={choice.deviceId ?? ''}
              onChange={(e) => onChange({ ...choice, deviceId: (e.currentTarget as HTMLSelectElement).value || null })}
            >
              <option value="">{t('start.cameraDefault')}</option>
              {cameras.map((c) => <option key={c.deviceId} value={c.deviceId}>{c.label}</option>)}
            </select>
          </label>
        )}
        <label>
          {t('start.resolutionLabel')}
          <select
            value={choice.resolutionId}
            onChange={(e) => onChange({ ...choice, resolutionId: (e.currentTarget as HTMLSelectElement).value })}
          >
            {RESOLUTIONS.map((r) => <option key={r.id} value={r.id}>{r.width} × {r.height}</option>)}
          </select>
        </label>
      </div>
      <button type="button" class="primary" data-testid="start" onClick={onStart}>{t('start.button')}</button>
    </section>
  );
}
