import { useEffect, useRef, useState } from 'preact/hooks';
import { toScreen } from '../../core/games';
import { SteadyGuidance, wantedGuidance, workUnit, type Guidance } from '../../core/play';
import { t } from '../i18n/i18n';
import { DemoFigure } from './DemoFigure';
import { useModels } from '../models';
import { stageInFrame } from './play';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The get-ready message, steadied in core (each stays ≥ 1 s); a timer shows one that waited its turn. */
function useGuidance(wanted: Guidance): Guidance {
  const steady = useRef<SteadyGuidance | null>(null);
  steady.current ??= new SteadyGuidance(wanted, performance.now());
  const shown = steady.current.update(wanted, performance.now());
  const [, redraw] = useState(0);
  const at = steady.current.nextChangeAt;
  useEffect(() => {
    if (at === null) return;
    const timer = setTimeout(() => redraw((n) => n + 1), Math.max(0, at - performance.now()));
    return () => clearTimeout(timer);
  }, [at]);
  return shown;
}

const guidanceText = (g: Guidance) => (g === 'loading' ? t('hud.loading') : g === 'hold-still' ? t('hud.holdStill') : t(`needs.${g}`));

/** Circumference of the hold ring (r = 42 in a 100-unit box). */
const RING = 2 * Math.PI * 42;

/**
 * Fills while a stretch is held. A progress bar for assistive technology: not a live region, so
 * screen readers read it when asked, not on every step (the "Hold it" status says when a hold starts).
 */
function HoldRing({ fraction, holding }: { fraction: number; holding: boolean }) {
  const percent = Math.round(fraction * 100);
  return (
    <svg class={holding ? 'hold-ring holding' : 'hold-ring'} viewBox="0 0 100 100" role="progressbar" aria-label={t('hud.holdRing')}
      aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="hold-ring" data-fraction={fraction}>
      <circle class="track" cx="50" cy="50" r="42" />
      <circle class="fill" cx="50" cy="50" r="42" stroke-dasharray={RING} stroke-dashoffset={RING * (1 - fraction)} transform="rotate(-90 50 50)" />
    </svg>
  );
}

/** Drawn over the camera picture. Reads only the HUD signal, which changes when something visible does. */
export function GameHud() {
  const { hud, stageBox } = useModels().play;
  const state = hud.value;
  const guidance = useGuidance(wantedGuidance(state?.loading ?? true, state?.needs ?? null));
  if (!state) return null;
  const { target, frame, hold } = state;
  // Where the target is on screen: the stage may crop or letterbox the (mirrored) picture.
  const view = frame && stageInFrame(frame, stageBox.value);
  const spot = target && view && toScreen(target, view);
  return (
    <div class="hud" data-testid="hud" data-phase={state.phase}>
      {state.phase === 'get-ready' && (
        <p class="hud-center" role="status">
          <span class="hud-title">{t('hud.getReady')}</span>
          <span data-testid="guidance" data-guidance={guidance}>{guidanceText(guidance)}</span>
        </p>
      )}
      {state.phase === 'countdown' && (
        <p class="hud-center countdown" role="status" aria-live="assertive">{state.countdown}</p>
      )}
      {state.phase === 'playing' && (
        <>
          <div class={hold ? 'hud-counter with-ring' : 'hud-counter'}>
            {hold && <HoldRing fraction={hold.fraction} holding={hold.side !== null} />}
            <div class="hud-count" aria-live="polite">
              <span class="label">{t(`hud.work.${workUnit(state.game)}`)}</span>
              {/* Keyed by the count: each new rep, hit or held second remounts it and plays the pop. */}
              <span class="value pop" key={state.work} data-testid="hud-work">{state.work}</span>
            </div>
          </div>
          <div class="hud-timer">
            <span class="label">{t('hud.timeLeft')}</span>
            <span class="value" data-testid="time-left">{clock(state.secondsLeft)}</span>
          </div>
          {spot && view && (
            <div
              class="reach-target"
              data-testid="reach-target"
              aria-label={t('hud.touchTarget')}
              style={{ left: `${spot.x * 100}%`, top: `${spot.y * 100}%`, width: `${(target!.r / view.width) * 200}%` }}
            />
          )}
          {hold && (
            <div class="hud-hold" role="status">
              <span>{hold.side ? t('hud.holding') : t('hud.lean', { side: t(`side.${hold.nextSide}`) })}</span>
            </div>
          )}
          {state.attempt && !state.lost && <p class="hud-cue" role="status" data-testid="cue">{t(`cue.${state.attempt.cue}`)}</p>}
          {state.lost && <p class="hud-center lost" role="alert">{t('hud.lost')}</p>}
        </>
      )}
      {/* "Do this": the movement, small in a corner, from get-ready on. */}
      {!state.lost && (
        <div class="hud-demo" aria-hidden="true">
          <DemoFigure game={state.game} />
          <span class="label">{t('hud.doThis')}</span>
        </div>
      )}
    </div>
  );
}
