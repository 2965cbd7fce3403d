/**
 * `npm start`: serves the built PWA and the API on one local port. With no environment at all it
 * uses an embedded PGlite database in ./data/pglite and answers 503 on sign-in routes.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { connect } from './db/connect';
import { migrate } from './db/migrate';

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

const app = await buildServer({
  staticDir,
  logger: config.log,
  db,
  auth: config.auth,
  metadata: config.metadata,
  retentionMonths: config.retentionMonths,
});
const database = db;
app.addHook('onClose', async () => database.close());

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : config.port;
console.log(`Microbreak is running at http://localhost:${actualPort}/ (open it in Chromium; Ctrl+C stops)`);
console.log(`Database: ${where}. Sign-in: ${config.auth ? config.auth.issuer : 'not configured (set OIDC_ISSUER and OIDC_AUDIENCE)'}.`);

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
