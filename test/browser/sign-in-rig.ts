/**
 * The whole product on one machine for sign-in tests: the production build served by our server
 * with an in-memory PGlite database, and the development sign-in (oidc-provider on
 * https://localhost with a self-signed certificate) as its identity provider.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { buildServer, type OhttpOptions } from '../../server/app';
import { DEFAULT_RATE_LIMIT } from '../../server/config';
import { connectPglite, type Db } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import type { DevIdp } from '../../server/dev-idp';
import { startDevSignIn, type SignInSetup } from '../../server/sign-in-setup';
import { repoRoot } from '../fixtures/fake-camera';
import { addDays } from '../../src/core/calendar';

export interface SignInRig {
  /** http://localhost:<port>/ */
  url: string;
  /** The server's own port (the relay's GATEWAY_URL). */
  port: number;
  idp(): DevIdp;
  db: Db;
  /** Moves the server's clock (API and provider) to `now`; null: real time again. */
  setNow(now: Date | null): void;
  /** Restarts the provider on the same port and keys but with its sessions and refresh tokens gone. */
  restartIdpForgettingSessions(): Promise<void>;
  close(): Promise<void>;
}

/** Noon of the day after `today`, on the server's clock and on the page's (installed, then running): the day is closed, its upload due. */
export async function atNextNoon(page: Page, rig: SignInRig, today: string): Promise<void> {
  const noon = new Date(`${addDays(today, 1)}T12:00:00Z`);
  rig.setNow(noon);
  await page.clock.install({ time: noon });
  await page.clock.resume();
}

/** Opens Teams and signs in through the rig's provider as one of its test users (alice by default). */
export async function signIn(page: Page, rig: SignInRig, username = 'alice'): Promise<void> {
  await page.click('[data-testid=nav-teams]');
  await page.waitForSelector('[data-testid=teams][data-auth=signed-out]', { timeout: 30_000 });
  await page.click('[data-testid=sign-in-microsoft]');
  await page.waitForURL((url) => url.href.startsWith(rig.idp().issuer), { timeout: 30_000 });
  await page.click(`button[name=username][value=${username}]`);
  await page.waitForSelector('[data-testid=teams][data-auth=signed-in]', { timeout: 30_000 });
}

/**
 * Puts four more people into a team (k = 5), stored directly: the rig's sign-in has too few test
 * users. `tag` keeps the ids apart when several teams get colleagues.
 */
export async function addColleagues(db: Db, team: string, tag = ''): Promise<void> {
  for (let i = 2; i <= 5; i++) {
    const person = `c${tag}x${i}AAAAAAAAAAAAAAAAAAAAAA`.slice(0, 22);
    await db.query(`INSERT INTO people (id, issuer, subject, created_on, last_seen_on) VALUES ($1, 'test', $1, current_date, current_date) ON CONFLICT DO NOTHING`, [person]);
    await db.query('INSERT INTO memberships (team_id, person_id, member_id, member_no) VALUES ($1, $2, $3, $4)', [team, person, `m${tag}x${i}AAAAAAAAAAAAAAAAAAAAAA`.slice(0, 22), i]);
  }
  await db.query('UPDATE teams SET next_member_no = 6 WHERE id = $1', [team]);
}

/** `ohttp`: the gateway key and the relay the metadata names (relay tests). */
export async function startSignInRig(options: { accessTokenTtlSeconds: number; ohttp?: OhttpOptions }): Promise<SignInRig> {
  const stateDir = mkdtempSync(join(tmpdir(), 'microbreak-signin-'));
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  let signIn: SignInSetup = await startDevSignIn({ port: 0, stateDir, accessTokenTtlSeconds: options.accessTokenTtlSeconds }, clock);
  const db = await connectPglite(null);
  await migrate(db);
  const app: FastifyInstance = await buildServer({
    staticDir: join(repoRoot, 'dist'),
    db,
    auth: signIn.auth,
    clientConfig: signIn.clientConfig,
    clock,
    // Every test page comes from one address: the limits stay on, set out of reach.
    rateLimit: { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 1_000_000, perPersonPerMinute: 1_000_000 },
    ...(options.ohttp ? { ohttp: options.ohttp } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}/`,
    port,
    idp: () => signIn.devIdp as DevIdp,
    db,
    setNow(now) {
      offsetMs = now ? now.getTime() - Date.now() : 0;
    },
    async restartIdpForgettingSessions() {
      const old = signIn.devIdp as DevIdp;
      await old.close();
      rmSync(join(stateDir, 'store.json'), { force: true });
      signIn = await startDevSignIn({ port: Number(new URL(old.issuer).port), stateDir, accessTokenTtlSeconds: options.accessTokenTtlSeconds }, clock);
    },
    async close() {
      await app.close();
      await db.close();
      await signIn.devIdp?.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
