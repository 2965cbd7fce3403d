/**
 * `npm start`: serves the built PWA and the API on one local port. With no environment at all it
 * uses an embedded PGlite database in ./data/pglite and the development sign-in (test users on
 * https://localhost:8443, see server/dev-idp); DEV_SIGN_IN=off turns that off.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app';
import { loadOrCreateMasterSecret, parseMasterSecret } from './aggregates/keys';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { connect } from './db/connect';
import { migrate } from './db/migrate';
import { systemClock } from './clock';
import { setUpSignIn, type SignInSetup } from './sign-in-setup';
import { gatewayKey } from './ohttp/key';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let config: ServerConfig;
try {
  config = loadConfig(process.env, { staticDir: join(root, 'dist') });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const staticDir = config.staticDir as string;
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No build found in ${staticDir}: run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}

const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.dataDir ?? 'memory'}`;
let db;
try {
  db = await connect(config.database, (error) => console.error(`Database connection error: ${error.message}`));
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`Database migrations applied: ${applied.join(', ')}`);
} catch (error) {
  console.error(`Could not open the database (${where}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let signIn: SignInSetup;
try {
  signIn = await setUpSignIn(config.signIn, config.auth, systemClock);
} catch (error) {
  console.error(`Could not start the sign-in: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Set DEV_SIGN_IN=off to run without sign-in, or DEV_IDP_PORT to use another port.');
  await db.close();
  process.exit(1);
}

const masterSecret = config.aggregates.masterSecret ? parseMasterSecret(config.aggregates.masterSecret) : loadOrCreateMasterSecret(config.aggregates.secretFile);
const ohttp = config.ohttp ? { key: await gatewayKey(config.ohttp, masterSecret), relayUrl: config.ohttp.relayUrl, keysUrl: config.ohttp.keysUrl } : undefined;

const app = await buildServer({
  staticDir,
  logger: config.log,
  db,
  auth: signIn.auth,
  clientConfig: signIn.clientConfig,
  metadata: config.metadata,
  retentionMonths: config.retentionMonths,
  aggregates: { masterSecret, noise: config.aggregates.noise },
  rateLimit: config.rateLimit,
  trustProxy: config.trustProxy,
  ohttp,
});
const database = db;
app.addHook('onClose', async () => database.close());
app.addHook('onClose', async () => signIn.devIdp?.close());

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : config.port;
console.log(`Microbreak is running at http://localhost:${actualPort}/ (open it in Chromium; Ctrl+C stops)`);
console.log(`Database: ${where}. Sign-in: ${signIn.summary}.`);
if (ohttp) console.log(`Anonymous requests go through the OHTTP relay ${ohttp.relayUrl} (gateway: /gateway).`);
if (signIn.devIdp) {
  console.log(`The development sign-in uses a self-signed certificate (${signIn.devIdp.certPath}): open ${signIn.devIdp.issuer}/.well-known/openid-configuration once and accept it, or trust that file.`);
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
