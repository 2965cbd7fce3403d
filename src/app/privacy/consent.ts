/**
 * Camera consent: an explicit choice before the camera is ever requested, stored on this device
 * (so erasing everything brings the question back) and revocable on the privacy page.
 */
import { signal } from '@preact/signals';
import { getSetting, setSetting } from '../storage/settings';

/** Bumped when what we process changes: an older consent must be asked again. */
export const CONSENT_VERSION = 1;
const CONSENT_KEY = 'consent.camera';

export interface CameraConsent { version: number; givenAt: number }

/** null while loading; then whether the user agreed to the current version. */
export const cameraConsent = signal<boolean | null>(null);

export async function loadConsent(): Promise<void> {
  const stored = await getSetting<CameraConsent | null>(CONSENT_KEY, null);
  cameraConsent.value = stored?.version === CONSENT_VERSION;
}

export async function giveConsent(): Promise<void> {
  cameraConsent.value = true;
  await setSetting(CONSENT_KEY, { version: CONSENT_VERSION, givenAt: Date.now() } satisfies CameraConsent).catch(() => undefined);
}

export async function withdrawConsent(): Promise<void> {
  cameraConsent.value = false;
  await setSetting(CONSENT_KEY, null).catch(() => undefined);
}
