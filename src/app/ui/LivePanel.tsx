import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { devOptions } from '../dev-options';
import { t } from '../i18n/i18n';
import { frameSize, liveStatus, personVisible, startLive, stopLive, trackingRate, type StartRequest } from '../session/live-session';

/** Mounted once per session: its canvas is handed to the pose worker, which draws the skeleton. */
export function LivePanel({ request, children }: { request: Omit<StartRequest, 'video' | 'overlay'>; children?: ComponentChildren }) {
  const video = useRef<HTMLVideoElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
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
  const status = liveStatus.value;
  const rate = trackingRate.value;
  const size = frameSize.value;
  return (
    <section class="panel live" aria-live="polite">
      <div class="stage" style={size ? { aspectRatio: `${size.width} / ${size.height}` } : undefined}>
        <video ref={video} muted playsInline autoPlay aria-label={t('session.videoLabel')} />
        <canvas ref={overlay} data-testid="overlay" aria-hidden="true" />
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
