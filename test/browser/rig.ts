/** The usual setup of a browser test file: one server on the production build, one Chromium. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveBuild, type LaunchOptions, type RunningServer } from './harness';

export interface AppRig { server: RunningServer; browser: Browser }

export function useAppRig(options: LaunchOptions): AppRig {
  const rig = {} as AppRig;
  beforeAll(async () => {
    rig.server = await serveBuild();
    rig.browser = await launchChromium(options);
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}
