import { signal } from '@preact/signals';
import { useModels } from '../models';
import { t } from '../i18n/i18n';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const installPrompt = signal<InstallPromptEvent | null>(null);

export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // we show our own button instead of the mini-infobar
    installPrompt.value = event as InstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => {
    installPrompt.value = null;
  });
}

export function InstallButton() {
  const { hasBreak } = useModels().progress;
  const prompt = installPrompt.value;
  // Offered after the first finished break, when the user knows what they would install.
  if (!prompt || !hasBreak.value) return null;
  return (
    <button
      type="button"
      class="secondary"
      data-testid="install"
      onClick={async () => {
        await prompt.prompt();
        await prompt.userChoice;
        installPrompt.value = null;
      }}
    >
      {t('install.button')}
    </button>
  );
}
