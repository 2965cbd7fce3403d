import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, normalizeInviteCode } from '../../src/core/api/invite-code';
import type { TeamDetail } from '../../src/core/api/teams';
import { DEFAULT_RATE_LIMIT } from '../config';
import { newInviteCode } from './repository';
import { BACKENDS } from '../testing/db';
import { newSubject, TEST_METADATA, useApi } from '../testing/harness';

/** What people read aloud: three groups of four Crockford base32 characters. */
const SHORT_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

type TeamView = TeamDetail & { joined?: boolean };

describe.each(BACKENDS)('teams (%s)', (backend) => {
  const h = useApi(backend);

  async function createTeam(owner: string, name = 'Team A'): Promise<TeamView> {
    const response = await h.as(owner, 'POST', '/api/teams', { name });
    expect(response.statusCode).toBe(201);
    return response.json();
  }
  async function join(subject: string, inviteCode: string): Promise<TeamView> {
    const response = await h.as(subject, 'POST', '/api/teams/join', { inviteCode });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('full flow with two users: create, join, view, rename, rotate invite, remove, leave', async () => {
    const alice = newSubject('alice');
    const bob = newSubject('bob');

    const created = await createTeam(alice, '  Café  Équipe 🏃 ');
    expect(created.name).toBe('Café Équipe 🏃');
    expect(created.inviteCode).toMatch(SHORT_CODE);
    expect(created.you.role).toBe('owner');
    expect(created.members).toEqual([{ memberId: created.you.memberId, label: 'you', role: 'owner', you: true }]);

    const joined = await join(bob, created.inviteCode as string);
    expect(joined).toMatchObject({ id: created.id, name: created.name, memberCount: 2, joined: true, inviteCode: null });
    expect(joined.you.role).toBe('member');
    expect(joined.members.map((m) => m.label)).toEqual(['member 1', 'you']);
    // Joining again is harmless.
    expect((await join(bob, created.inviteCode as string)).joined).toBe(false);

    // Both see the team in /api/me.
    const aliceMe = (await h.as(alice, 'GET', '/api/me')).json();
    expect(aliceMe.teams).toEqual([{ id: created.id, name: created.name, memberId: created.you.memberId, role: 'owner', memberCount: 2 }]);
    const bobMe = (await h.as(bob, 'GET', '/api/me')).json();
    expect(bobMe.teams[0]).toMatchObject({ id: created.id, role: 'member', memberId: joined.you.memberId });

    // The owner's view shows the invite code and opaque member ids only.
    const ownerView: TeamView = (await h.as(alice, 'GET', `/api/teams/${created.id}`)).json();
    expect(ownerView.inviteCode).toBe(created.inviteCode);
    expect(ownerView.members).toEqual([
      { memberId: created.you.memberId, label: 'you', role: 'owner', you: true },
      { memberId: joined.you.memberId, label: 'member 2', role: 'member', you: false },
    ]);
    expect(JSON.stringify(ownerView)).not.toContain(bob);
    expect(JSON.stringify(ownerView)).not.toContain(h.issuer.issuer);

    // Rename: owner only.
    expect((await h.as(bob, 'PATCH', `/api/teams/${created.id}`, { name: 'Mine now' })).statusCode).toBe(403);
    const renamed = await h.as(alice, 'PATCH', `/api/teams/${created.id}`, { name: 'Renamed' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Renamed');

    // Rotating the invite: owner only; the old code stops working.
    expect((await h.as(bob, 'POST', `/api/teams/${created.id}/invite`)).statusCode).toBe(403);
    const rotated = await h.as(alice, 'POST', `/api/teams/${created.id}/invite`);
    expect(rotated.statusCode).toBe(200);
    const newCode = rotated.json().inviteCode as string;
    expect(newCode).toMatch(SHORT_CODE);
    expect(newCode).not.toBe(created.inviteCode);
    const carol = newSubject('carol');
    const stale = await h.as(carol, 'POST', '/api/teams/join', { inviteCode: created.inviteCode });
    expect(stale.statusCode).toBe(404);
    expect(stale.json().error).toBe('invite-not-found');
    const carolJoined = await join(carol, newCode);
    expect(carolJoined.members.find((m) => m.you)?.label).toBe('you');

    // Removing a member: owner only, by opaque id; not themself.
    expect((await h.as(bob, 'DELETE', `/api/teams/${created.id}/members/${carolJoined.you.memberId}`)).statusCode).toBe(403);
    expect((await h.as(alice, 'DELETE', `/api/teams/${created.id}/members/${created.you.memberId}`)).statusCode).toBe(409);
    expect((await h.as(alice, 'DELETE', `/api/teams/${created.id}/members/${carolJoined.you.memberId}`)).statusCode).toBe(204);
    expect((await h.as(alice, 'DELETE', `/api/teams/${created.id}/members/${carolJoined.you.memberId}`)).statusCode).toBe(404);
    expect((await h.as(carol, 'GET', `/api/teams/${created.id}`)).statusCode).toBe(404);
    expect((await h.as(carol, 'GET', '/api/me')).json().teams).toEqual([]);

    // The owner leaves: the team goes to the longest-standing member (bob).
    const left = await h.as(alice, 'POST', `/api/teams/${created.id}/leave`);
    expect(left.json()).toEqual({ left: true, teamClosed: false });
    const bobView: TeamView = (await h.as(bob, 'GET', `/api/teams/${created.id}`)).json();
    expect(bobView.you.role).toBe('owner');
    expect(bobView.inviteCode).toBe(newCode);
    expect(bobView.memberCount).toBe(1);

    // The last member leaves: the team is closed.
    expect((await h.as(bob, 'POST', `/api/teams/${created.id}/leave`)).json()).toEqual({ left: true, teamClosed: true });
    expect((await h.as(bob, 'GET', `/api/teams/${created.id}`)).statusCode).toBe(404);
    const teams = await h.testDb.db.query('SELECT id FROM teams WHERE id = $1', [created.id]);
    expect(teams).toEqual([]);
  });

  it('a non-member cannot see, rename, rotate, remove or leave a team (404, existence not revealed)', async () => {
    const owner = newSubject();
    const stranger = newSubject();
    const team = await createTeam(owner);
    for (const [method, url, body] of [
      ['GET', `/api/teams/${team.id}`],
      ['PATCH', `/api/teams/${team.id}`, { name: 'x' }],
      ['POST', `/api/teams/${team.id}/invite`],
      ['POST', `/api/teams/${team.id}/leave`],
      ['DELETE', `/api/teams/${team.id}/members/${team.you.memberId}`],
    ] as const) {
      const response = await h.as(stranger, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error).toBe('team-not-found');
    }
    const unknown = await h.as(stranger, 'GET', '/api/teams/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
  });

  it('looking is not storing: GET /api/me keeps nothing about a new user', async () => {
    const subject = newSubject();
    expect((await h.as(subject, 'GET', '/api/me')).json()).toEqual({ teams: [] });
    expect(await h.testDb.db.query('SELECT id FROM people WHERE subject = $1', [subject])).toEqual([]);
  });

  it('stores only issuer, subject and day-granular dates about a person', async () => {
    const subject = newSubject();
    await createTeam(subject);
    const columns = await h.testDb.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'people' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'issuer', 'subject', 'created_on', 'last_seen_on']);
    const rows = await h.testDb.db.query<{ created_on: string }>('SELECT created_on::text AS created_on FROM people WHERE subject = $1', [subject]);
    expect(rows[0].created_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('member ids are per team: the same person has unrelated ids in two teams', async () => {
    const owner = newSubject();
    const member = newSubject();
    const t1 = await createTeam(owner, 'One');
    const t2 = await createTeam(owner, 'Two');
    const m1 = await join(member, t1.inviteCode as string);
    const m2 = await join(member, t2.inviteCode as string);
    expect(m1.you.memberId).not.toBe(m2.you.memberId);
    expect(t1.id).not.toBe(t2.id);
  });

  it('rejects bad team names with a clear 400', async () => {
    const owner = newSubject();
    for (const name of ['', '   ', 'a'.repeat(81), 'nul\u0000', 'bidi\u202eevil', 'lone\ud800', 42, null, ['x'], { x: 1 }]) {
      const response = await h.as(owner, 'POST', '/api/teams', { name });
      expect(response.statusCode, JSON.stringify(name)).toBe(400);
      expect(Object.keys(response.json()).sort()).toEqual(['error', 'message']);
    }
    expect((await h.as(owner, 'POST', '/api/teams', { name: 'é'.repeat(80) })).statusCode).toBe(201);
    // Whitespace runs (tabs, newlines) collapse to one space.
    expect((await h.as(owner, 'POST', '/api/teams', { name: 'tab\there\n\nnew' })).json().name).toBe('tab here new');
  });

  it('rejects malformed invite codes (400) and unknown ones (404)', async () => {
    const subject = newSubject();
    const short = await h.as(subject, 'POST', '/api/teams/join', { inviteCode: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toBe('invalid-invite');
    expect((await h.as(subject, 'POST', '/api/teams/join', {})).statusCode).toBe(400);
    // U is not in the alphabet; 11 or 13 characters are no code.
    expect((await h.as(subject, 'POST', '/api/teams/join', { inviteCode: 'UUUU-UUUU-UUUU' })).statusCode).toBe(400);
    expect((await h.as(subject, 'POST', '/api/teams/join', { inviteCode: 'K7QF-9M2X-TR4' })).statusCode).toBe(400);
    expect((await h.as(subject, 'POST', '/api/teams/join', { inviteCode: 'K7QF-9M2X-TR4DD' })).statusCode).toBe(400);
    expect((await h.as(subject, 'POST', '/api/teams/join', { inviteCode: 'B'.repeat(22) })).statusCode).toBe(404);
    expect((await h.as(subject, 'POST', '/api/teams/join/preview', { inviteCode: 'K7QF-9M2X-TR4D' })).json().error).toBe('invite-not-found');
    // An unknown code stores nothing about the caller.
    expect(await h.testDb.db.query('SELECT id FROM people WHERE subject = $1', [subject])).toEqual([]);
  });

  it('reads a code as people type it: any case, spaces or dashes, O for 0 and I or L for 1', async () => {
    const owner = newSubject();
    const team = await createTeam(owner, 'Aloud');
    const code = team.inviteCode as string;
    // Every 0 typed as o, every 1 as l (or I), lower case, grouped differently.
    const typed = code.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, (_, i: number) => (i % 2 ? 'l' : 'I'));
    const spaced = ` ${typed.slice(0, 3)} ${typed.slice(3, 9)}-${typed.slice(9)} `;
    expect(normalizeInviteCode(spaced)).toBe(code.replace(/-/g, ''));
    expect(normalizeInviteCode('k7qf 9m2x tr4d')).toBe('K7QF9M2XTR4D');
    expect(normalizeInviteCode('OIL0-0000-0000')).toBe('0110' + '0'.repeat(8));
    const member = newSubject();
    const preview = await h.as(member, 'POST', '/api/teams/join/preview', { inviteCode: spaced });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ name: 'Aloud', memberCount: 1, member: false });
    // Looking before joining stores nothing about the person.
    expect(await h.testDb.db.query('SELECT id FROM people WHERE subject = $1', [member])).toEqual([]);
    expect((await join(member, spaced)).joined).toBe(true);
    expect((await h.as(member, 'POST', '/api/teams/join/preview', { inviteCode: code })).json()).toEqual({ name: 'Aloud', memberCount: 2, member: true });
  });

  it('a code made before the short form still works exactly as it is', async () => {
    const owner = newSubject();
    const team = await createTeam(owner, 'Older');
    const legacy = 'AbCdEfGhIjKlMnOpQrSt_-';
    await h.testDb.db.query('UPDATE teams SET invite_code = $2 WHERE id = $1', [team.id, legacy]);
    expect((await h.as(owner, 'GET', `/api/teams/${team.id}`)).json().inviteCode).toBe(legacy);
    expect((await h.as(newSubject(), 'POST', '/api/teams/join', { inviteCode: legacy.toUpperCase() })).statusCode).toBe(404);
    expect((await join(newSubject(), legacy)).name).toBe('Older');
  });

  it('new codes are drawn uniformly from the alphabet: no repeats, no favoured character or position', () => {
    const n = 20_000;
    const codes = Array.from({ length: n }, newInviteCode);
    expect(new Set(codes).size).toBe(n);
    const counts = Array.from({ length: 12 }, () => new Array<number>(32).fill(0));
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      for (let i = 0; i < 12; i++) counts[i][INVITE_ALPHABET.indexOf(code[i])] += 1;
    }
    // Chi-square per position (31 degrees of freedom): 80 is exceeded by chance with p < 1e-5.
    // A modulo-biased draw (e.g. byte % 32 over 0..255 is fine, but % 32 over 0..99 is not) fails it.
    const expected = n / 32;
    for (const position of counts) {
      const chi2 = position.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(80);
    }
  });

  it('limits trying codes: join and preview share 10 an hour per person, then 429 with Retry-After', async () => {
    const guesser = newSubject('guesser');
    const max = DEFAULT_RATE_LIMIT.joinPerPersonPerHour;
    for (let i = 0; i < max; i++) {
      const path = i % 2 ? '/api/teams/join' : '/api/teams/join/preview';
      expect((await h.as(guesser, 'POST', path, { inviteCode: `K7QF-9M2X-TR${String(i).padStart(2, '0')}` })).statusCode).toBe(404);
    }
    for (const path of ['/api/teams/join', '/api/teams/join/preview']) {
      const refused = await h.as(guesser, 'POST', path, { inviteCode: 'K7QF-9M2X-TR4D' });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toBe('rate-limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(60 * 59);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    }
    // Other routes and other people are not held back by it.
    expect((await h.as(guesser, 'GET', '/api/me')).statusCode).toBe(200);
    const owner = newSubject();
    const team = await createTeam(owner);
    expect((await join(newSubject(), team.inviteCode as string)).joined).toBe(true);
  });

  it('DELETE /api/me removes the person and memberships; owned teams are handed over or closed', async () => {
    const owner = newSubject('owner');
    const first = newSubject('first');
    const second = newSubject('second');
    const shared = await createTeam(owner, 'Shared');
    const alone = await createTeam(owner, 'Alone');
    await join(first, shared.inviteCode as string);
    await join(second, shared.inviteCode as string);
    const other = await createTeam(first, 'Other');
    await join(owner, other.inviteCode as string);

    const response = await h.as(owner, 'DELETE', '/api/me');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ deleted: true, teamsHandedOver: 1, teamsClosed: 1 });
    expect(await h.testDb.db.query('SELECT id FROM people WHERE subject = $1', [owner])).toEqual([]);
    expect(await h.testDb.db.query('SELECT id FROM teams WHERE id = $1', [alone.id])).toEqual([]);

    const view: TeamView = (await h.as(first, 'GET', `/api/teams/${shared.id}`)).json();
    expect(view.you.role).toBe('owner');
    expect(view.memberCount).toBe(2);
    expect((await h.as(second, 'GET', `/api/teams/${shared.id}`)).json().you.role).toBe('member');
    expect((await h.as(first, 'GET', `/api/teams/${other.id}`)).json().memberCount).toBe(1);

    // Deleting again (nothing stored) is fine.
    expect((await h.as(owner, 'DELETE', '/api/me')).json()).toEqual({ deleted: false, teamsHandedOver: 0, teamsClosed: 0 });
    expect((await h.as(owner, 'GET', '/api/me')).json()).toEqual({ teams: [] });
  });

  it('updates last-seen on each authenticated use, at day granularity', async () => {
    const subject = newSubject();
    await createTeam(subject);
    const before = await h.testDb.db.query<{ d: string }>('SELECT last_seen_on::text AS d FROM people WHERE subject = $1', [subject]);
    await h.testDb.db.query(`UPDATE people SET last_seen_on = '2020-01-01' WHERE subject = $1`, [subject]);
    await h.as(subject, 'GET', '/api/me');
    const after = await h.testDb.db.query<{ d: string }>('SELECT last_seen_on::text AS d FROM people WHERE subject = $1', [subject]);
    expect(after[0].d).toBe(before[0].d);
    expect(after[0].d).toBe(new Date().toISOString().slice(0, 10));
  });

  it('concurrent joins: distinct member numbers, and a duplicate join is counted once', async () => {
    const owner = newSubject();
    const team = await createTeam(owner);
    const joiners = Array.from({ length: 6 }, () => newSubject('concurrent'));
    const responses = await Promise.all(joiners.map((s) => h.as(s, 'POST', '/api/teams/join', { inviteCode: team.inviteCode })));
    expect(responses.map((r) => r.statusCode)).toEqual(joiners.map(() => 200));
    const view: TeamView = (await h.as(owner, 'GET', `/api/teams/${team.id}`)).json();
    expect(new Set(view.members.map((m) => m.label)).size).toBe(7);

    const twice = newSubject('twice');
    const again = await Promise.all([0, 1, 2].map(() => h.as(twice, 'POST', '/api/teams/join', { inviteCode: team.inviteCode })));
    expect(again.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(again.filter((r) => r.json().joined)).toHaveLength(1);
    expect((await h.as(owner, 'GET', `/api/teams/${team.id}`)).json().memberCount).toBe(8);
  });

  it('publishes endpoint metadata at both addresses', async () => {
    for (const url of ['/.well-known/microbreak-endpoint.json', '/api/metadata']) {
      const response = await h.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...TEST_METADATA, eea: true, apiVersion: 1 });
    }
  });

  it('API responses carry the security headers and are never cached', async () => {
    const response = await h.as(newSubject(), 'GET', '/api/me');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('an unknown /api route is a JSON 404', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('not-found');
  });

  it('a JSON content type with an empty body is fine where no body is needed', async () => {
    const owner = newSubject();
    const team = await createTeam(owner);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/teams/${team.id}/invite`,
      headers: { authorization: `Bearer ${await h.issuer.sign(owner)}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(200);
  });
});
