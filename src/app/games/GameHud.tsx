import { useEffect, useRef, useState } from 'preact/hooks';
import { workUnit } from '../../core/play';
import { t } from '../i18n/i18n';
import { hud } from './play-session';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Get-ready guidance changes at most once a second, so a person at the edge of a rule sees no flicker. */
export const GUIDANCE_MIN_MS = 1000;

function useSteady<T>(value: T, minMs: number): T {
  const [shown, setShown] = useState(value);
  const since = useRef(0);
  useEffect(() => {
    if (value === shown) return;
    const wait = since.current + minMs - Date.now();
    const show = () => { since.current = Date.now(); setShown(value); };
    if (wait <= 0) show();
    else {
      const timer = setTimeout(show, wait);
      return () => clearTimeout(timer);
    }
  }, [value, shown]);
  return shown;
}

/** Drawn over the camera picture. Reads only the HUD signal, which changes when something visible does. */
export function GameHud() {
  const state = hud.value;
  const guidance = useSteady(state?.needs ?? null, GUIDANCE_MIN_MS);
  if (!state) return null;
  const { target } = state;
  return (
    <div class="hud" data-testid="hud" data-phase={state.phase}>
      {state.phase === 'get-ready' && (
        <p class="hud-center" role="status">
          <span class="hud-title">{t('hud.getReady')}</span>
          <span data-testid="guidance">{state.loading ? t('hud.loading') : guidance ? t(`needs.${guidance}`) : t('hud.holdStill')}</span>
        </p>
      )}
      {state.phase === 'countdown' && (
        <p class="hud-center countdown" role="status" aria-live="assertive">{state.countdown}</p>
      )}
      {state.phase === 'playing' && (
        <>
          <div class="hud-counter" aria-live="polite">
            <span class="label">{t(`hud.work.${workUnit(state.game)}`)}</span>
            {/* Keyed by the count: each new rep, hit or held second remounts it and plays the pop. */}
            <span class="value pop" key={state.work} data-testid="hud-work">{state.work}</span>
          </div>
          <div class="hud-timer">
            <span class="label">{t('hud.timeLeft')}</span>
            <span class="value" data-testid="time-left">{clock(state.secondsLeft)}</span>
          </div>
          {target && (
            <div
              class="reach-target"
              aria-label={t('hud.touchTarget')}
              // Keypoints are unmirrored; the picture is shown mirrored, so the target is too.
              style={{ left: `${(1 - target.x) * 100}%`, top: `${target.y * 100}%`, width: `${target.r * 200}%` }}
            />
          )}
          {state.hold && (
            <div class="hud-hold" role="status">
              <span>{state.hold.side ? t('hud.holding') : t('hud.lean', { side: t(`side.${state.hold.nextSide}`) })}</span>
              <progress max={1} value={state.hold.fraction} />
            </div>
          )}
          {state.attempt && !state.lost && <p class="hud-cue" role="status" data-testid="cue">{t(`cue.${state.attempt.cue}`)}</p>}
          {state.lost && <p class="hud-center lost" role="alert">{t('hud.lost')}</p>}
        </>
      )}
    </div>
  );
}
