// Jest global setup: PostgreSQL and NATS for the run (the machine's own when they answer, else
// started here), and a run id that names this run's databases and stream prefixes.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const infra = require('../../libs/testing/infra/infra.js');

export default async function globalSetup() {
  process.env.VANGNET_INFRA_QUIET ??= '0';
  const started = await infra.ensureInfrastructure({ purpose: 'test' });
  process.env.DATABASE_URL = started.env.DATABASE_URL;
  process.env.VANGNET_TEST_ADMIN_URL = started.env.DATABASE_URL;
  process.env.NATS_URL = started.env.NATS_URL;
  process.env.VANGNET_TEST_RUN_ID ??= randomBytes(3).toString('hex');
  globalThis.__vangnetInfra = started;
}
