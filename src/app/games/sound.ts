/**
 * Optional sound feedback (off by default: offices are quiet): a short tone on every rep, hit or held
 * second, and a countdown you can hear. Web Audio tones, no files. The setting is kept on the device.
 */
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { getSetting, setSetting } from '../storage/settings';
import type { Hud } from './play';

const SOUND_KEY = 'sound.on';
/** Quiet: a tenth of full scale. */
const VOLUME = 0.1;

let context: AudioContext | null = null;
function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return context;
  } catch {
    return null; // no audio on this device: feedback stays visual
  }
}

type Tone = 'tick' | 'go' | 'rep';
const TONES: Record<Tone, { hz: number; ms: number }> = { tick: { hz: 660, ms: 120 }, go: { hz: 990, ms: 250 }, rep: { hz: 880, ms: 90 } };

function play(tone: Tone): void {
  const ctx = audio();
  if (!ctx) return;
  const { hz, ms } = TONES[tone];
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = hz;
  gain.gain.setValueAtTime(VOLUME, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + ms / 1000);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + ms / 1000);
}

/** Follows the HUD: each countdown second ticks, "go" when play starts, a tone on each new unit of work. */
export const SoundModel = createModel((hud: ReadonlySignal<Hud | null>) => {
  const on = signal(false);
  void getSetting<boolean>(SOUND_KEY, false).then((stored) => { on.value = stored === true; });
  let last: { phase: string; countdown: number; work: number } | null = null;
  effect(() => {
    const state = hud.value;
    const audible = on.value;
    if (!state) {
      last = null;
      return;
    }
    const previous = last;
    last = { phase: state.phase, countdown: state.countdown, work: state.work };
    if (!audible || !previous) return;
    if (state.phase === 'countdown' && (previous.phase !== 'countdown' || state.countdown !== previous.countdown)) play('tick');
    else if (state.phase === 'playing' && previous.phase !== 'playing') play('go');
    else if (state.work > previous.work) play('rep');
  });
  return {
    on,
    async set(value: boolean): Promise<void> {
      on.value = value;
      if (value) audio(); // created inside the click, so the browser lets it play
      await setSetting(SOUND_KEY, value);
    },
  };
});
export type SoundModel = InstanceType<typeof SoundModel>;
