/** Correct or delete a break (History), and let the day's unsent team uploads follow (aggregates/corrections). */
import type { CorrectionInput } from '../../core/play/correction';
import { followCorrection } from '../aggregates/corrections';
import type { StoredSession } from '../storage/db';
import { changeSession, type ChangeResult } from '../storage/sessions';

/** `input` null deletes the break. */
export async function changeBreak(session: StoredSession, input: CorrectionInput | null): Promise<ChangeResult> {
  const result = await changeSession(session.id, input);
  if (result.ok) {
    try {
      await followCorrection(session.date);
    } catch (error) {
      // The history change stands; the queue is read again when it is next planned.
      console.warn('uploads after a correction:', error);
    }
  }
  return result;
}
