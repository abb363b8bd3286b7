// Removes what this run left behind (databases and streams of crashed test files), then stops the
// servers the setup started, and nothing else.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default async function globalTeardown() {
  const runId = process.env.VANGNET_TEST_RUN_ID;
  try {
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.VANGNET_TEST_ADMIN_URL });
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`vt\\_${runId}\\_%`]);
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await client.end();
    const { connect } = require('nats');
    const nc = await connect({ servers: process.env.NATS_URL.split(',') });
    const jsm = await nc.jetstreamManager();
    for await (const s of jsm.streams.list()) {
      if (s.config.name.startsWith(`T${runId.toUpperCase()}X`)) await jsm.streams.delete(s.config.name);
    }
    await nc.close();
  } catch (e) {
    console.error(`[teardown] cleanup incomplete: ${e.message}`);
  }
  await globalThis.__vangnetInfra?.stop();
}
