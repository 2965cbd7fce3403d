/** Right of access and erasure on the server: GET /api/me/export and DELETE /api/me. */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi } from '../testing/harness';

describe.each(BACKENDS)('the server export (%s)', (backend) => {
  const h = useApi(backend);

  it('lists everything held about the person (identity, dates, memberships, issuance days) and nothing else; erasure empties it', async () => {
    h.setNow(new Date('2026-11-20T10:00:00Z'));
    const alice = newSubject('alice');
    const bob = newSubject('bob');
    const own = (await h.as(alice, 'POST', '/api/teams', { name: 'Alpha' })).json() as { id: string; inviteCode: string };
    const other = (await h.as(bob, 'POST', '/api/teams', { name: 'Beta' })).json() as { id: string; inviteCode: string };
    h.setNow(new Date('2026-11-22T10:00:00Z'));
    expect((await h.as(alice, 'POST', '/api/teams/join', { inviteCode: other.inviteCode })).statusCode).toBe(200);
    const [{ id: personId }] = await h.testDb.db.query<{ id: string }>('SELECT id FROM people WHERE subject = $1', [alice]);
    await h.testDb.db.query(`INSERT INTO token_issuance (person_id, team_id, day) VALUES ($1, $2, '2026-11-22'), ($1, $2, '2026-11-23')`, [personId, own.id]);
    // A statistic for the team exists, but is linked to nobody: it is not part of anyone's export.
    await h.testDb.db.query(`INSERT INTO aggregate_sums (team_id, day, contributors, active_minutes, reps, movement_points) VALUES ($1, '2026-11-21', 1, 17, 23, 29)`, [own.id]);

    const response = await h.as(alice, 'GET', '/api/me/export');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      format: 'microbreak-server-export/1',
      stored: true,
      identity: { issuer: h.issuer.issuer, subject: alice },
      createdOn: '2026-11-20',
      lastSeenOn: '2026-11-22',
      memberships: [
        { teamId: own.id, teamName: 'Alpha', memberId: expect.any(String), memberNumber: 1, role: 'owner' },
        { teamId: other.id, teamName: 'Beta', memberId: expect.any(String), memberNumber: 2, role: 'member' },
      ],
      tokenIssuance: [
        { teamId: own.id, day: '2026-11-22' },
        { teamId: own.id, day: '2026-11-23' },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/"(17|23|29)"|:17\b|:29\b/);
    // Looking does not move the last-seen date.
    h.setNow(new Date('2026-11-25T10:00:00Z'));
    expect((await h.as(alice, 'GET', '/api/me/export')).json().lastSeenOn).toBe('2026-11-22');

    expect((await h.as(alice, 'DELETE', '/api/me')).json()).toMatchObject({ deleted: true });
    expect((await h.as(alice, 'GET', '/api/me/export')).json()).toMatchObject({ stored: false, createdOn: null, memberships: [], tokenIssuance: [] });
    expect(await h.testDb.db.query('SELECT 1 FROM token_issuance WHERE person_id = $1', [personId])).toEqual([]);
  });

  it('needs sign-in', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/me/export' })).statusCode).toBe(401);
  });
});
