/**
 * The development sign-in's own pages: a login form listing the test users and a sign-out
 * confirmation. Plain HTML forms, no script; every page says plainly that this is not a real
 * account provider.
 */
import { DEV_USERS, type DevUser } from './users';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f1e8;color:#1d1d1d;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border:3px dashed #b35c00;border-radius:12px;padding:1.5rem 2rem;max-width:26rem}
.badge{display:inline-block;background:#b35c00;color:#fff;font-weight:700;padding:.2rem .6rem;border-radius:6px;font-size:.85rem}
button{font:inherit;display:block;width:100%;margin:.5rem 0;padding:.6rem;border-radius:8px;border:1px solid #555;background:#fafafa;cursor:pointer;text-align:left}
button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.error{color:#a40000;font-weight:600}
label{display:flex;gap:.5rem;align-items:center;margin:.75rem 0}
`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>
<p class="badge">Development sign-in</p>${body}</main></body></html>`;
}

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};

export interface LoginPageOptions {
  hint?: string;
  error?: string;
  /** Where the Cancel button posts. */
  cancel?: string;
  /** The domain_hint the app sent (which provider button was pressed). */
  provider?: string;
}

export function loginPage(action: string, options: LoginPageOptions = {}): string {
  const buttons = DEV_USERS.map(
    (u: DevUser) =>
      `<button type="submit" name="username" value="${escape(u.username)}"${options.hint === u.username ? ' autofocus' : ''}>Sign in as <strong>${escape(u.username)}</strong> – ${escape(u.name)}</button>`,
  ).join('\n');
  const provider = options.provider
    ? `<p>The app asked for the provider <code>${escape(options.provider)}</code> (domain_hint). Here every provider is simulated by the test users.</p>`
    : '';
  return page(
    'Development sign-in',
    `<h1>Sign in (test users)</h1>
<p>This is the local development identity provider of Microbreak. It is not your work, Apple or Google account; pick a test user.</p>
${provider}
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(action)}">
<label><input type="checkbox" name="remember" value="1"> Keep me signed in (like “Stay signed in?”)</label>
${buttons}
</form>
${options.cancel ? `<form method="post" action="${escape(options.cancel)}"><button type="submit">Cancel</button></form>` : ''}`,
  );
}

/** `form` is oidc-provider's own (hidden xsrf field, id "op.logoutForm"); our buttons submit it. */
export function logoutPage(form: string): string {
  return page(
    'Sign out – development sign-in',
    `<h1>Sign out of the development sign-in?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign out</button>
<button type="submit" form="op.logoutForm">No, stay signed in here</button>`,
  );
}

export function errorPage(out: Record<string, string>): string {
  const rows = Object.entries(out).map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(String(value))}</p>`).join('');
  return page('Sign-in error – development sign-in', `<h1>Something went wrong</h1>${rows}`);
}

export function loggedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1><p>You are signed out of the development sign-in. You can close this page.</p>');
}
