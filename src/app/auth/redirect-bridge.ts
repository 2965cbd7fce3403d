/**
 * The sign-in redirect bridge (redirect.html, a second Vite entry; docs/design.md §6). The identity
 * provider sends the browser here; MSAL v5's bridge stores the response for this tab and goes back
 * to the page that started the sign-in, whose handleRedirectPromise() completes it. Served with
 * no-store and the app's own COOP (see server/security-headers.ts for why), and never answered from
 * the service worker's app shell.
 */
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { locale, t } from '../i18n/i18n';

const status = document.getElementById('status');
if (status) status.textContent = t('auth.bridge.working');
document.documentElement.lang = locale.value;

broadcastResponseToMainFrame().catch((error: unknown) => {
  if (status) status.textContent = t('auth.bridge.failed');
  const back = document.getElementById('back');
  if (back) back.hidden = false;
  console.warn('sign-in redirect bridge:', error);
});
