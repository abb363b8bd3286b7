import { PgListener } from '@vangnet/persistence';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, waitFor } from '../src';

describe(PgListener.name, () => {
  let db: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  const notify = (channel: string, payload: string) => admin.query('SELECT pg_notify($1, $2)', [channel, payload]);

  it('should hand over what is notified on its channel once it listens, and nothing after it stopped', async () => {
    const seen: string[] = [];
    const sut = new PgListener({ channel: 'test_plain', url: db.url, onNotify: (p) => seen.push(p) });
    await expect(sut.start(5000)).resolves.toBe(true);
    await notify('test_plain', 'a b');
    await notify('other_channel', 'not for it');
    await waitFor(() => seen.length === 1, 5000, 'the notification');
    expect(seen).toEqual(['a b']);
    await sut.stop();
    expect(sut.listening).toBe(false);
    await notify('test_plain', 'late');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(['a b']);
  });

  it('should say it lost the connection, listen again, and hand over what comes after', async () => {
    const events: string[] = [];
    const sut = new PgListener({
      channel: 'test_reconnect',
      url: db.url,
      applicationName: 'pg-listener-spec',
      reconnectDelayMs: 50,
      onNotify: (p) => events.push(`notify ${p}`),
      onListening: () => events.push('listening'),
      onLost: () => events.push('lost'),
    });
    try {
      await sut.start(5000);
      // The server ends the listener's connection, as a PostgreSQL restart would.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg-listener-spec'`);
      await waitFor(() => events.filter((e) => e === 'listening').length === 2, 10_000, 'the second LISTEN');
      await notify('test_reconnect', 'after');
      await waitFor(() => events.includes('notify after'), 5000, 'the notification after the reconnect');
      expect(events).toEqual(['listening', 'lost', 'listening', 'notify after']);
    } finally {
      await sut.stop();
    }
  });

  it('should keep trying while the database cannot be reached, and stop when asked', async () => {
    const lost: Array<Error | undefined> = [];
    const unreachable = new URL(db.url);
    unreachable.port = '1';
    const sut = new PgListener({ channel: 'nowhere', url: unreachable.toString(), reconnectDelayMs: 20, connectTimeoutMs: 500, onNotify: () => undefined, onLost: (e) => lost.push(e) });
    try {
      await expect(sut.start(300)).resolves.toBe(false);
      await waitFor(() => lost.length >= 2, 5000, 'two failed attempts');
      expect(lost[0]?.message).toEqual(expect.any(String));
    } finally {
      await sut.stop();
    }
    const attempts = lost.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(lost.length).toBe(attempts);
  });
});
