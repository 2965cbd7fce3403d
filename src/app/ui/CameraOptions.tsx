import { useEffect, useState } from 'preact/hooks';
import { RESOLUTIONS, listCameras, type CameraDevice } from '../camera/camera';
import { t } from '../i18n/i18n';

export interface CameraChoice { deviceId: string | null; resolutionId: string }

/** Camera and resolution; the camera list only appears when there is a choice to make. */
export function CameraOptions({ choice, onChange }: { choice: CameraChoice; onChange: (choice: CameraChoice) => void }) {
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  useEffect(() => {
    listCameras().then(setCameras, () => setCameras([]));
  }, []);
  return (
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
  );
}
