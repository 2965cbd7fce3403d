import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { stageFit } from '../../core/games';
import { devOptions } from '../dev-options';
import { t } from '../i18n/i18n';
import { useModels } from '../models';
import type { StartRequest } from '../live/live';

/** Mounted once per session: its canvas is handed to the pose worker, which draws the skeleton. */
export function LivePanel({ request, children }: { request: Omit<StartRequest, 'video' | 'overlay'>; children?: ComponentChildren }) {
  const { play, live: { frameSize, status: liveStatus, personVisible, start: startLive, stop: stopLive, trackingRate } } = useModels();
  const video = useRef<HTMLVideoElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (video.current) void startLive({ ...request, video: video.current, overlay: overlay.current });
    return () => stopLive('stopped');
    // Start once per mount; a new session remounts with a fresh canvas.
  }, []);
  useEffect(() => {
    // Play fills the window (styles: body.playing); Escape stops it (ui/keyboard.ts), like the big Stop button.
    document.body.classList.add('playing');
    return () => document.body.classList.remove('playing');
  }, []);
  useEffect(() => {
    // The stage fills the window; what of the picture it shows depends on its size (see stageFit).
    const el = stage.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => play.setStageBox({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      play.setStageBox(null);
    };
  }, []);
  const status = liveStatus.value;
  const rate = trackingRate.value;
  const size = frameSize.value;
  const box = play.stageBox.value;
  // Video and skeleton are fitted alike, so the skeleton and the HUD line up with the picture.
  const fit = size && box ? { objectFit: stageFit(size, box) } : undefined;
  return (
    <section class="panel live" aria-live="polite">
      <div class="stage" ref={stage} data-fit={fit?.objectFit}>
        <video ref={video} muted playsInline autoPlay aria-label={t('session.videoLabel')} style={fit} />
        <canvas ref={overlay} data-testid="overlay" aria-hidden="true" style={fit} />
        {children}
        {status === 'live' && !children && !personVisible.value && <p class="stage-hint">{t('session.noPerson')}</p>}
      </div>
      <div class="live-bar">
        <span data-testid="live-status" data-status={status}>
          {status === 'starting' ? t('session.starting') : devOptions.developer ? `${t('session.live')} · ${t('session.fps', { fps: rate.fps })}${rate.backend ? ` · ${rate.backend}` : ''}` : t('session.live')}
        </span>
        <button type="button" class="danger" data-testid="stop" onClick={() => stopLive('stopped')}>{t('session.stop')}</button>
      </div>
    </section>
  );
}
