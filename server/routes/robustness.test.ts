/**
 * Property-based robustness: malformed JSON, wrong types, odd content types, unicode in paths and
 * bodies, huge bodies, at every route, with and without a valid token. Never a 5xx, never a stack
 * trace, and every API error has the `{ error, message }` shape.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/db';
import { HOOK_TIMEOUT_MS, newSubject, useApi } from '../testing/harness';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

const ROUTES: { method: Method; path: string }[] = [
  { method: 'GET', path: '/api/me' },
  { method: 'DELETE', path: '/api/me' },
  { method: 'POST', path: '/api/teams' },
  { method: 'POST', path: '/api/teams/join' },
  { method: 'POST', path: '/api/teams/join/preview' },
  { method: 'GET', path: '/api/teams/:id' },
  { method: 'PATCH', path: '/api/teams/:id' },
  { method: 'POST', path: '/api/teams/:id/leave' },
  { method: 'POST', path: '/api/teams/:id/invite' },
  { method: 'DELETE', path: '/api/teams/:id/members/:memberId' },
  { method: 'GET', path: '/api/metadata' },
  { method: 'GET', path: '/.well-known/microbreak-endpoint.json' },
];

function encodeSegment(raw: string): string {
  try {
    return encodeURIComponent(raw);
  } catch {
    return raw.replace(/[\ud800-\udfff]/g, '%ED%A0%80'); // lone surrogate: send invalid UTF-8 instead
  }
}

function checkResponse(response: LightMyRequestResponse, context: string): void {
  expect(response.statusCode, context).toBeLessThan(500);
  expect(response.body, context).not.toMatch(/"stack"|\bat [^\s]+ \(|\.ts:\d+|node_modules/);
  if (response.statusCode >= 400) {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(body).sort(), context).toEqual(['error', 'message']);
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
  }
}

describe.each(BACKENDS)('robustness (%s)', (backend) => {
  const h = useApi(backend);
  let teamId = '';
  let memberId = '';
  let token = '';
  const owner = newSubject('fuzz-owner');

  beforeAll(async () => {
    const team = (await h.as(owner, 'POST', '/api/teams', { name: 'Fuzz' })).json();
    teamId = team.id;
    const other = newSubject();
    memberId = (await h.as(other, 'POST', '/api/teams/join', { inviteCode: team.inviteCode })).json().you.memberId;
    token = await h.issuer.sign(owner, { expiresIn: 3600 });
  }, HOOK_TIMEOUT_MS);

  const segment = fc.oneof(
    fc.constant('__team__'),
    fc.constant('__member__'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2F', '%C0%AF', 'AAAAAAAAAAAAAAAAAAAAA%00'),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.anything().map((v) => {
      try {
        return JSON.stringify(v) ?? 'null';
      } catch {
        return '{';
      }
    }),
    fc.record({ name: fc.anything() }).map((v) => JSON.stringify(v) ?? '{}'),
    fc.record({ inviteCode: fc.oneof(fc.string({ unit: 'binary' }), fc.anything()) }).map((v) => JSON.stringify(v) ?? '{}'),
    fc.string({ unit: 'grapheme', maxLength: 120 }).map((name) => JSON.stringify({ name })),
    fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
    fc.constantFrom('{"__proto__":{"x":1},"name":"p"}', '{"constructor":{"prototype":{"x":1}}}', '\ufeff{"name":"bom"}', '{"name":"a"}{"name":"b"}'),
  );
  const contentType = fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'ünïcode/ty pe',
  );
  const auth = fc.constantFrom('valid', 'none', 'garbage', 'unicode');

  it('never answers 5xx or leaks a stack trace, whatever the request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.option(fc.constantFrom<Method>('GET', 'POST', 'PATCH', 'DELETE', 'PUT'), { nil: undefined }),
        segment,
        segment,
        body,
        contentType,
        auth,
        async (route, otherMethod, s1, s2, payload, type, authKind) => {
          const fill = (s: string) => (s === '__team__' ? teamId : s === '__member__' ? memberId : encodeSegment(s));
          const url = route.path.replace(':id', fill(s1)).replace(':memberId', fill(s2));
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (authKind === 'valid') headers.authorization = `Bearer ${token}`;
          if (authKind === 'garbage') headers.authorization = `Bearer ${token.slice(0, -5)}xxxxx`;
          if (authKind === 'unicode') headers.authorization = 'Bearer ëÿ.ö.ü';
          const response = await h.app.inject({ method: otherMethod ?? route.method, url, headers, payload });
          checkResponse(response, `${otherMethod ?? route.method} ${url} ${type} ${String(payload).slice(0, 80)}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('any unicode team name is stored and returned exactly as cleaned, or refused with 400', async () => {
    const subject = newSubject('names');
    const signed = await h.issuer.sign(subject, { expiresIn: 3600 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 90 }), fc.string({ unit: 'binary', maxLength: 90 })), async (name) => {
        const response = await h.app.inject({
          method: 'POST',
          url: '/api/teams',
          headers: { authorization: `Bearer ${signed}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ name }),
        });
        checkResponse(response, JSON.stringify(name));
        if (response.statusCode === 201) {
          const created = response.json();
          expect(created.name).toBe(name.normalize('NFC').trim().replace(/\s+/gu, ' '));
          const read = await h.app.inject({ method: 'GET', url: `/api/teams/${created.id}`, headers: { authorization: `Bearer ${signed}` } });
          expect(read.json().name).toBe(created.name);
          await h.app.inject({ method: 'POST', url: `/api/teams/${created.id}/leave`, headers: { authorization: `Bearer ${signed}` } });
        } else {
          expect(response.statusCode).toBe(400);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a body over 1 MB is refused with 413 at every route', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    for (const route of ROUTES) {
      const url = route.path.replace(':id', teamId).replace(':memberId', memberId);
      for (const type of ['application/json', 'text/plain']) {
        const response = await h.app.inject({
          method: route.method === 'GET' ? 'POST' : route.method,
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          payload: huge,
        });
        checkResponse(response, `${route.method} ${url} ${type}`);
        if (response.statusCode !== 404) expect(response.statusCode, `${route.method} ${url} ${type}`).toBe(413);
      }
    }
    // A slightly-too-big JSON body for the API (16 KiB limit) is refused too.
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'y'.repeat(20_000) }),
    });
    expect(big.statusCode).toBe(413);
  });

  it('malformed JSON gets a clear 400 invalid-json', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"name": "unterminated',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid-json', message: 'The request body is not valid JSON.' });
  });
});
