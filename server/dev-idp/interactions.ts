/**
 * The login and consent steps of the development sign-in. Login: pick a test user (no password).
 * Consent: granted automatically (the app only asks for its own API scope), which also grants
 * offline_access, so refresh tokens are issued.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, ProviderInstance } from 'oidc-provider';
import { loginPage, PAGE_HEADERS } from './pages';
import { KMSI_AMR } from './provider';
import { userByName } from './users';

const MAX_FORM_BYTES = 4096;

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

async function grantConsent(provider: ProviderInstance, req: IncomingMessage, res: ServerResponse, details: InteractionDetails) {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent without a signed-in user');
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId: details.params.client_id });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

export async function handleInteraction(provider: ProviderInstance, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = /^\/interaction\/([\w-]+)(\/login|\/cancel)?$/.exec(new URL(req.url ?? '/', 'https://x').pathname);
  if (!match) {
    res.writeHead(404, PAGE_HEADERS).end('not found');
    return;
  }
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${details.uid}/login`;
  const step = match[2];
  const domainHint = details.params.domain_hint;
  const page = { cancel: `/interaction/${details.uid}/cancel`, provider: typeof domainHint === 'string' && domainHint ? domainHint : undefined };

  if (req.method === 'GET' && !step) {
    if (details.prompt.name === 'login') {
      const hint = typeof details.params.login_hint === 'string' ? userByName(details.params.login_hint)?.username : undefined;
      res.writeHead(200, PAGE_HEADERS).end(loginPage(action, { ...page, hint }));
      return;
    }
    if (details.prompt.name === 'consent') return grantConsent(provider, req, res, details);
  }
  if (req.method === 'POST' && step === '/cancel') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && step === '/login' && details.prompt.name === 'login') {
    const form = await readForm(req);
    const user = userByName(form.get('username') ?? '');
    if (!user) {
      res.writeHead(400, PAGE_HEADERS).end(loginPage(action, { ...page, error: 'Pick one of the test users.' }));
      return;
    }
    const remember = form.get('remember') === '1';
    // remember: a persistent provider session cookie; kmsi: MSAL may keep tokens across restarts.
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.subject, remember, amr: remember ? ['pwd', KMSI_AMR] : ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.writeHead(405, PAGE_HEADERS).end('not allowed');
}
