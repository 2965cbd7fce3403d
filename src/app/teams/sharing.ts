/** "Share my movement with this team": the device-only pause per team (rules in core/aggregates/sharing). */
import { createModel, signal } from '@preact/signals';
import { parsePauses, pause, PAUSES_KEY, resume, type Pauses } from '../../core/aggregates/sharing';
import { localDay } from '../../core/calendar';
import { getSetting, setSetting } from '../storage/settings';

export const SharingModel = createModel(() => {
  /** The pauses as last read or written (null until read). */
  const pauses = signal<Pauses | null>(null);
  async function load(): Promise<Pauses> {
    return (pauses.value = parsePauses(await getSetting<unknown>(PAUSES_KEY, null)));
  }
  return {
    pauses,
    load,
    /** Turns sharing with `team` on or off from today (stored on this device only; nothing is sent). */
    async set(team: string, share: boolean, now = new Date()): Promise<void> {
      const current = await load();
      const today = localDay(now);
      const spans = share ? resume(current[team], today) : pause(current[team], today);
      const next = { ...current, [team]: spans };
      await setSetting(PAUSES_KEY, next);
      pauses.value = next;
    },
  };
});
export type SharingModel = InstanceType<typeof SharingModel>;
