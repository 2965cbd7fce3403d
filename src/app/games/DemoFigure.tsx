/**
 * The game's movement as an animated stick figure, drawn from the same body model and moves the game
 * is tested on (core/games/demo.ts), mirrored like the camera picture so the player copies it like a
 * mirror. One shared animation clock for all figures; under reduced motion the figure holds its key pose.
 */
import { createModel, signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { GameId } from '../../core/games';
import { DEMO_HEAD_R, DEMO_VIEW, DEMOS, demoFrame } from '../../core/games/demo';
import { KP, SKELETON_EDGES } from '../../core/pose/keypoints';
import { useModels } from '../models';

/** One shared animation clock for every figure on screen, and the reduced-motion preference. */
export const DemoClockModel = createModel(() => {
  /** ms since the first figure appeared; advanced ~30 times a second while any figure is on screen. */
  const clock = signal(0);
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  const reducedMotion = signal(query?.matches ?? false);
  query?.addEventListener?.('change', (e) => (reducedMotion.value = e.matches));
  let users = 0;
  let raf = 0;
  return {
    clock,
    reducedMotion,
    /** A figure appeared: the clock runs until the returned function is called by the last one. */
    use(): () => void {
      if (users++ === 0) {
        const start = performance.now() - clock.value;
        let last = 0;
        const tick = (now: number) => {
          if (now - last >= 33) {
            last = now;
            clock.value = now - start;
          }
          raf = requestAnimationFrame(tick);
        };
        raf = requestAnimationFrame(tick);
      }
      return () => {
        if (--users === 0) cancelAnimationFrame(raf);
      };
    },
  };
});
export type DemoClockModel = InstanceType<typeof DemoClockModel>;

// The face is drawn as one head circle; the body as bones.
const BONES = SKELETON_EDGES.filter(([a, b]) => a >= KP.left_shoulder && b >= KP.left_shoulder);

export function DemoFigure({ game, class: className }: { game: GameId; class?: string }) {
  const { demoClock } = useModels();
  const still = demoClock.reducedMotion.value;
  useEffect(() => (still ? undefined : demoClock.use()), [still]);
  const { kp, target } = demoFrame(game, still ? DEMOS[game].keyMs : demoClock.clock.value);
  const x = (i: number) => kp[i * 3];
  const y = (i: number) => kp[i * 3 + 1];
  const v = DEMO_VIEW;
  return (
    <svg class={className ? `demo-figure ${className}` : 'demo-figure'} viewBox={`${v.x} ${v.y} ${v.width} ${v.height}`} aria-hidden="true" data-testid={`demo-${game}`} data-still={still}>
      {/* Mirrored about the figure's centre, like the selfie picture. */}
      <g transform={`translate(${2 * v.x + v.width} 0) scale(-1 1)`}>
        {target && <circle class="demo-target" cx={target.x} cy={target.y} r={target.radius} />}
        {BONES.map(([a, b]) => <line key={`${a}-${b}`} x1={x(a)} y1={y(a)} x2={x(b)} y2={y(b)} />)}
        <circle class="demo-head" cx={x(KP.nose)} cy={y(KP.nose)} r={DEMO_HEAD_R} />
      </g>
    </svg>
  );
}
