/**
 * Camera consent: an explicit choice before the camera is ever requested, stored on this device
 * (so erasing everything brings the question back) and revocable on the privacy page.
 */
import { createModel, signal } from '@preact/signals';
import { getSetting, setSetting } from '../storage/settings';

/** Bumped when what we process changes: an older consent must be asked again. */
export const CONSENT_VERSION = 1;
const CONSENT_KEY = 'consent.camera';

export interface CameraConsent { version: number; givenAt: number }

export const ConsentModel = createModel(() => {
  /** null while loading; then whether the user agreed to the current version. */
  const given = signal<boolean | null>(null);
  /** The choice holds now but could not be stored (a withdrawal would come undone at the next start): the privacy page says so. */
  const saveFailed = signal(false);
  const store = async (value: CameraConsent | null) => {
    try {
      await setSetting(CONSENT_KEY, value);
      saveFailed.value = false;
    } catch (error) {
      console.warn('camera consent not stored', error);
      saveFailed.value = true;
    }
  };
  return {
    given,
    saveFailed,
    async load(): Promise<void> {
      const stored = await getSetting<CameraConsent | null>(CONSENT_KEY, null);
      given.value = stored?.version === CONSENT_VERSION;
    },
    give(): Promise<void> {
      given.value = true;
      return store({ version: CONSENT_VERSION, givenAt: Date.now() });
    },
    withdraw(): Promise<void> {
      given.value = false;
      return store(null);
    },
    /** Stores the current choice again after a failed save. */
    retry(): Promise<void> {
      return given.value ? store({ version: CONSENT_VERSION, givenAt: Date.now() }) : store(null);
    },
  };
});
export type ConsentModel = InstanceType<typeof ConsentModel>;
