import { describe, expect, it } from 'vitest';
import { parseSignInConfig } from '../../src/app/auth/client-config';

const good = {
  clientId: 'spa',
  authority: 'https://contoso.ciamlogin.com/',
  knownAuthorities: ['contoso.ciamlogin.com'],
  protocolMode: 'AAD',
  authorityMetadata: null,
  scopes: ['api://x/teams'],
  redirectPath: '/redirect.html',
  providers: [{ id: 'google', domainHint: 'Google' }, { id: 'facebook', domainHint: null }, { id: 'microsoft', domainHint: null }],
  loginPrompt: null,
  isDevSignIn: false,
};

describe('sign-in settings from the server', () => {
  it('keeps a well-formed answer and drops unknown providers', () => {
    expect(parseSignInConfig(good)).toEqual({ ...good, providers: [{ id: 'google', domainHint: 'Google' }, { id: 'microsoft', domainHint: null }] });
  });

  it('refuses anything that could send the user somewhere odd', () => {
    expect(parseSignInConfig(null)).toBeNull();
    expect(parseSignInConfig({ ...good, authority: 'http://evil.example/' })).toBeNull();
    expect(parseSignInConfig({ ...good, redirectPath: 'https://evil.example/r' })).toBeNull();
    expect(parseSignInConfig({ ...good, protocolMode: 'B2C' })).toBeNull();
    expect(parseSignInConfig({ ...good, providers: [] })).toBeNull();
    expect(parseSignInConfig({ ...good, scopes: 'teams' })).toBeNull();
  });

  it('only "consent" is passed on as a login prompt; isDevSignIn must be literally true', () => {
    expect(parseSignInConfig({ ...good, loginPrompt: 'login', isDevSignIn: 'yes' })).toMatchObject({ loginPrompt: null, isDevSignIn: false });
    expect(parseSignInConfig({ ...good, loginPrompt: 'consent', isDevSignIn: true })).toMatchObject({ loginPrompt: 'consent', isDevSignIn: true });
  });
});
