import { useState } from 'preact/hooks';
import { RESOLUTIONS } from '../camera/camera';
import { devOptions } from '../dev-options';
import { t } from '../i18n/i18n';
import { liveError, liveStatus } from '../session/live-session';
import { ErrorPanel } from './ErrorPanel';
import { Header } from './Header';
import { LivePanel } from './LivePanel';
import { StartPanel, type StartChoice } from './StartPanel';
import { UpdateBanner } from './UpdateBanner';

export function App() {
  const [choice, setChoice] = useState<StartChoice>({ deviceId: null, resolutionId: RESOLUTIONS[0].id });
  const [sessionKey, setSessionKey] = useState(0);
  const status = liveStatus.value;
  const error = liveError.value;
  const start = () => {
    liveStatus.value = 'starting';
    setSessionKey((k) => k + 1);
  };
  const resolution = RESOLUTIONS.find((r) => r.id === choice.resolutionId) ?? RESOLUTIONS[0];
  return (
    <>
      <Header />
      <UpdateBanner />
      <main>
        {(status === 'starting' || status === 'live') && (
          <LivePanel
            key={sessionKey}
            request={{
              deviceId: choice.deviceId,
              width: resolution.width,
              height: resolution.height,
              forceBackend: devOptions.forceBackend,
              framePath: devOptions.framePath,
            }}
          />
        )}
        {status === 'error' && error && <ErrorPanel error={error} onRetry={start} />}
        {(status === 'idle' || status === 'stopped' || status === 'paused-hidden') && (
          <>
            {status === 'stopped' && <p class="banner subtle" role="status" data-testid="stopped">{t('session.stopped')}</p>}
            {status === 'paused-hidden' && <p class="banner subtle" role="status">{t('session.pausedHidden')}</p>}
            <StartPanel choice={choice} onChange={setChoice} onStart={start} />
          </>
        )}
      </main>
    </>
  );
}
