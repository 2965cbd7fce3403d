/** "Share my movement with this team": the device-only pause per team (rules in core/aggregates/sharing). */
import { signal } from '@preact/signals';
import { parsePauses, pause, PAUSES_KEY, resume, type Pauses } from '../../core/aggregates/sharing';
import { localDay } from '../../core/calendar';
import { getSetting, setSetting } from '../storage/settings';

/** The pauses as last read or written (null until read). */
export const pauses = signal<Pauses | null>(null);

export async function loadPauses(): Promise<Pauses> {
  return (pauses.value = parsePauses(await getSetting<unknown>(PAUSES_KEY, null)));
}

/** Turns sharing with `team` on or off from today (stored on this device only; nothing is sent). */
export async function setSharing(team: string, share: boolean, now = new Date()): Promise<void> {
  const current = await loadPauses();
  const today = localDay(now);
  const spans = share ? resume(current[team], today) : pause(current[team], today);
  const next = { ...current, [team]: spans };
  await setSetting(PAUSES_KEY, next);
  pauses.value = next;
}
