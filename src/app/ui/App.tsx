import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { RESOLUTIONS } from '../camera/camera';
import { devOptions } from '../dev-options';
import { GameHud } from '../games/GameHud';
import { GamePicker, PLAY_MINUTES, type PickerChoice } from '../games/GamePicker';
import { GoalCard } from '../games/GoalCard';
import { Welcome } from '../games/Welcome';
import type { PlayProgress } from '../games/progress';
import { SummaryPanel } from '../games/SummaryPanel';
import { HistoryView } from '../history/HistoryView';
import { ConsentPanel } from '../privacy/ConsentPanel';
import { useModels } from '../models';
import { PrivacyView } from '../privacy/PrivacyView';
import { ReminderBanner } from '../reminders/ReminderBanner';
import { ReminderSettings } from '../reminders/ReminderSettings';
import { t } from '../i18n/i18n';
import { TeamsView } from '../teams/TeamsView';
import { getSetting, setSetting } from '../storage/settings';
import { storageNotice } from '../storage/db';
import { CameraOptions, type CameraChoice } from './CameraOptions';
import { ErrorPanel } from './ErrorPanel';
import { Header } from './Header';
import { LivePanel } from './LivePanel';
import { NotFound, isKnownPath } from './NotFound';
import type { View } from './nav';
import { UpdateBanner } from './UpdateBanner';

const PLAY_CHOICE_KEY = 'play.choice';

function Nav() {
  const { nav, play, live } = useModels();
  const liveStatus = live.status;
  const current = nav.view.value;
  const busy = liveStatus.value === 'live' || liveStatus.value === 'starting';
  const item = (id: View, label: string) => (
    <button type="button" class="nav-item" aria-current={current === id ? 'page' : undefined} disabled={busy && id !== current}
      data-testid={`nav-${id}`} onClick={() => { if (id === 'play') play.closeSummary(true); nav.show(id); }}>
      {label}
    </button>
  );
  return <nav class="app-nav" aria-label="Microbreak">{item('play', t('nav.play'))}{item('history', t('nav.history'))}{item('teams', t('nav.teams'))}{item('privacy', t('nav.privacy'))}</nav>;
}

function StorageNotice() {
  const notice = storageNotice.value;
  if (!notice) return null;
  return (
    <div class="banner" role="alert">
      <span>{t(`storage.${notice}`)}</span>
      {notice === 'reload-needed' && <button type="button" onClick={() => location.reload()}>{t('storage.reload')}</button>}
    </div>
  );
}

function PlayView() {
  const { consent, nav, play: game, live } = useModels();
  const summary = game.summary;
  const cameraConsent = consent.given;
  const [camera, setCamera] = useState<CameraChoice>({ deviceId: null, resolutionId: RESOLUTIONS[0].id });
  const [choice, setChoice] = useState<PickerChoice>({ game: 'arm-raises', minutes: 1, recordTrace: false });
  const [sessionKey, setSessionKey] = useState(0);
  const [progress, setProgress] = useState<PlayProgress | null>(null);
  useEffect(() => {
    void getSetting<Partial<PickerChoice>>(PLAY_CHOICE_KEY, {}).then((saved) => {
      if (saved.game && saved.minutes && PLAY_MINUTES.includes(saved.minutes as 1)) setChoice((c) => ({ ...c, game: saved.game!, minutes: saved.minutes! }));
    });
  }, []);
  const status = live.status.value;
  const error = live.error.value;
  const play = () => {
    void setSetting(PLAY_CHOICE_KEY, { game: choice.game, minutes: choice.minutes }).catch(() => undefined);
    game.start({ game: choice.game, durationSeconds: devOptions.durationSeconds ?? choice.minutes * 60, recordTrace: choice.recordTrace });
    live.announceStart();
    setSessionKey((k) => k + 1);
  };
  useEffect(() => {
    if (nav.breakPending.value && cameraConsent.value === true && status !== 'live' && status !== 'starting') {
      nav.takeBreak();
      play();
    }
  }, [nav.breakPending.value, cameraConsent.value]);
  const resolution = RESOLUTIONS.find((r) => r.id === camera.resolutionId) ?? RESOLUTIONS[0];
  const phase = cameraConsent.value === null ? 'loading' : cameraConsent.value === false ? 'consent' : status === 'starting' || status === 'live' ? 'live' : summary.value ? 'summary' : status === 'error' ? 'error' : 'picker';
  useFocusOnChange(phase);
  // First run: what a break is, then the consent: no camera request of any kind before an explicit
  // yes (and nothing at all while it loads).
  if (cameraConsent.value !== true) return cameraConsent.value === false ? <><Welcome /><ConsentPanel /></> : null;
  if (status === 'starting' || status === 'live') {
    return (
      <LivePanel
        key={sessionKey}
        request={{
          deviceId: camera.deviceId,
          width: resolution.width,
          height: resolution.height,
          forceBackend: devOptions.forceBackend,
          framePath: devOptions.framePath,
        }}
      >
        <GameHud />
      </LivePanel>
    );
  }
  return (
    <>
      {status === 'error' && error && <ErrorPanel error={error} onRetry={play} />}
      {status === 'paused-hidden' && <p class="banner subtle" role="status">{t('session.pausedHidden')}</p>}
      {status === 'paused-empty' && <p class="banner subtle" role="status" data-testid="paused-empty">{t('session.pausedEmpty')}</p>}
      {status === 'stopped' && !summary.value && <p class="banner subtle" role="status" data-testid="stopped">{t('session.stopped')}</p>}
      {summary.value ? (
        <SummaryPanel onAgain={play} onHistory={() => { game.closeSummary(); nav.show('history'); }} onGames={() => game.closeSummary()} />
      ) : (
        <>
          <GoalCard onProgress={setProgress} onPick={(game) => setChoice((c) => ({ ...c, game }))} />
          <GamePicker choice={choice} onChange={setChoice} onPlay={play} bests={progress?.bests} suggested={progress?.suggested}>
            <CameraOptions choice={camera} onChange={setCamera} />
          </GamePicker>
          <ReminderSettings />
        </>
      )}
    </>
  );
}

const VIEW_COMPONENTS: Record<View, () => JSX.Element> = {
  play: () => <PlayView />,
  history: () => <HistoryView />,
  teams: () => <TeamsView />,
  privacy: () => <PrivacyView />,
};

/**
 * After consent, Play and the summary the screen's content is replaced: focus goes to the new
 * content (the Stop button while playing, else the new heading) so keyboard and screen-reader
 * users are not left on a button that no longer exists. Not on first load.
 */
function useFocusOnChange(phase: string) {
  const previous = useRef(phase);
  useEffect(() => {
    const before = previous.current;
    previous.current = phase;
    if (before === phase || before === 'loading') return;
    const main = document.getElementById('main');
    const target = main?.querySelector<HTMLElement>(phase === 'live' ? '[data-testid=stop]' : 'h2') ?? main;
    if (!target) return;
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [phase]);
}

export function App() {
  const { nav } = useModels();
  if (!isKnownPath(location.pathname)) return <NotFound />;
  return (
    <>
      <a class="skip-link" href="#main">{t('skip.toMain')}</a>
      <Header />
      <UpdateBanner />
      <ReminderBanner />
      <StorageNotice />
      <Nav />
      <main id="main" tabIndex={-1}>{VIEW_COMPONENTS[nav.view.value]()}</main>
    </>
  );
}
