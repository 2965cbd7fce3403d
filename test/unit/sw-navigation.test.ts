import { describe, expect, it } from 'vitest';
import { isShellNavigation } from '../../src/sw/navigation';

describe('service worker navigation fallback', () => {
  it('answers app routes with the shell', () => {
    expect(isShellNavigation('/')).toBe(true);
    expect(isShellNavigation('/history?week=3')).toBe(true);
    expect(isShellNavigation('/redirects-are-not-special')).toBe(true);
  });

  it('never answers the sign-in redirect bridge, even with its query (a cached bridge breaks sign-in)', () => {
    expect(isShellNavigation('/redirect.html')).toBe(false);
    expect(isShellNavigation('/redirect.html?code=abc&state=xyz')).toBe(false);
    expect(isShellNavigation('/redirect?code=abc')).toBe(false);
  });

  it('leaves the API, well-known documents and the bench page to the network', () => {
    expect(isShellNavigation('/api/me')).toBe(false);
    expect(isShellNavigation('/.well-known/microbreak-endpoint.json')).toBe(false);
    expect(isShellNavigation('/bench.html?mode=ours&seconds=60')).toBe(false);
  });
});
