/**
 * What a corrected or deleted break means for team uploads. A day's upload is built when the day is
 * over (planUploads) and sent later at its own random moment:
 * - day not over yet: nothing is built; the upload will use the corrected history;
 * - built, not sent: rebuilt now with the day's new values (same token, same planned moment);
 * - sent: the server's team sum cannot be changed (it is linked to nobody, by design), so the
 *   correction changes only the person's own history, and the dialog says so.
 */
import { contributionBody } from '../../core/aggregates/upload-body';
import { allUploads, putUpload } from './store';
import { dayValues, secureRandom01 } from './uploads';

/** Some team's upload for `day` has been sent (counted in that team's total). */
export async function sentForDay(day: string): Promise<boolean> {
  return (await allUploads()).some((u) => u.day === day && u.state === 'sent');
}

/** Rebuilds the queued (unsent) uploads of `day` from the current history; returns how many. */
export async function followCorrection(day: string, random01 = secureRandom01): Promise<number> {
  const queued = (await allUploads()).filter((u) => u.day === day && u.state === 'queued');
  for (const upload of queued) {
    const { token } = JSON.parse(upload.body) as { token: string };
    await putUpload({ ...upload, body: contributionBody(token, upload.team, upload.day, await dayValues(day, random01)) });
  }
  return queued.length;
}
