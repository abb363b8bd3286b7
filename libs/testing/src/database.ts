import { randomBytes } from 'crypto';
import { Client } from 'pg';

/** The server the test run uses (set by the global setup). */
export function adminDatabaseUrl(): string {
  const url = process.env.VANGNET_TEST_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('no DATABASE_URL: run the tests with `npm test` (its setup starts PostgreSQL when needed)');
  return url;
}

export function testRunId(): string {
  return process.env.VANGNET_TEST_RUN_ID ?? 'local';
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>, url = adminDatabaseUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, named after the run so the teardown can find leftovers. */
export async function createTestDatabase(adminUrl = adminDatabaseUrl()): Promise<TestDatabase> {
  const name = `vt_${testRunId()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`), adminUrl);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), adminUrl).then(() => undefined),
  };
}

/** Drop every database of a run (the global teardown's sweep). */
export async function dropRunDatabases(runId: string, adminUrl = adminDatabaseUrl()): Promise<number> {
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`vt\\_${runId}\\_%`]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    return rows.length;
  }, adminUrl);
}
