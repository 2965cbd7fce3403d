import { createModel, signal } from '@preact/signals';
import { t } from '../i18n/i18n';
import { useModels } from '../models';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's install offer, kept for our own button instead of the mini-infobar. */
export const InstallModel = createModel(() => {
  const offer = signal<InstallPromptEvent | null>(null);
  return {
    offer,
    listen(): void {
      window.addEventListener('beforeinstallprompt', (event) => {
        event.preventDefault(); // we show our own button instead of the mini-infobar
        offer.value = event as InstallPromptEvent;
      });
      window.addEventListener('appinstalled', () => {
        offer.value = null;
      });
    },
    async install(): Promise<void> {
      const prompt = offer.value;
      if (!prompt) return;
      await prompt.prompt();
      await prompt.userChoice;
      offer.value = null;
    },
  };
});
export type InstallModel = InstanceType<typeof InstallModel>;

export function InstallButton() {
  const { install, progress } = useModels();
  // Offered after the first finished break, when the user knows what they would install.
  if (!install.offer.value || !progress.hasBreak.value) return null;
  return (
    <button type="button" class="secondary" data-testid="install" onClick={install.install}>
      {t('install.button')}
    </button>
  );
}
