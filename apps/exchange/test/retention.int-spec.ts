import { Logger } from '@nestjs/common';
import { addDays, amsterdamDate, DECLARATIONS_BUCKET } from '@vangnet/contracts';
import { bucketName } from '@vangnet/messaging';
import { RetentionJob } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { Exchange, startExchange } from './support';

// Retention (issue 19; docs/operations.md "Retention"): the processing log, the archive of messages
// and the declaration objects are kept for their period and no longer. The job deletes what is due
// by the settable Clock, keeps what is newer or still awaited, and logs the counts only.
describe('retention in the exchange', () => {
  let x: Exchange;
  let db: DataSource;
  const TODAY = '2026-06-15';
  // Overridden periods: the processing log 400 days, the archive 3000 days; objects the default 30.
  const env = { VANGNET_RETENTION_PROCESSING_LOG_DAYS: '400', VANGNET_RETENTION_EXCHANGE_ARCHIVE_DAYS: '3000', VANGNET_RETENTION_INTERVAL_MS: '0' };

  beforeAll(async () => {
    x = await startExchange(TODAY, env);
    db = x.svc.app.get(DataSource);
  });

  afterAll(async () => {
    const jsm = await x.ctx.nc.jetstreamManager();
    await jsm.streams.delete(`OBJ_${bucketName(DECLARATIONS_BUCKET)}`).catch(() => undefined);
    await x.close();
  });

  /** A timestamp `days` days before the clock's today, at noon in Amsterdam. */
  const daysAgo = (days: number) => `${addDays(TODAY, -days)}T12:00:00+02:00`;

  const logRow = (at: string, tag: string) =>
    db.query(`INSERT INTO exchange.processing_log (at, actor_sub, actor_org, subject_pseudonym, action, purpose, legal_basis, resource, municipality) VALUES ($1, 'cw', 'GM0546', $2, 'READ', 'test', 'test', $3, 'GM0546')`, [at, 'b'.repeat(64), tag]);

  const message = (receivedAt: string, tag: string, extra: { status?: string; awaiting?: string } = {}) =>
    db.query(
      `INSERT INTO exchange.message (id, direction, standard, message_type, sender, receiver, identification, provider_agb, municipality, status, xml, size_bytes, transport, received_at, awaiting, due_on)
       VALUES ($1, 'IN', 'iwmo', '305', '12345678', '0546', $2, '12345678', 'GM0546', $3, '<x/>', 4, 'MAILBOX', $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE DATE '2020-01-01' END)`,
      [randomUUID(), tag, extra.status ?? 'ACCEPTED', receivedAt, extra.awaiting ?? null],
    );

  const declaration = (receivedOn: string, tag: string, status: 'ANSWERED' | 'WITH_FINANCE') =>
    db.query(
      `INSERT INTO exchange.declaration (id, message_id, provider_agb, municipality, declaration_number, object_name, line_count, received_on, answer_basis, status)
       VALUES ($1, $2, '12345678', 'GM0546', $3, 'x.ndjson', 1, $4, '{}', $5)`,
      [randomUUID(), randomUUID(), tag, receivedOn, status],
    );

  it('should delete what is older than its period, keep what is newer or still awaited, and log the counts', async () => {
    await logRow(daysAgo(401), 'old-1');
    await logRow(daysAgo(500), 'old-2');
    await logRow(daysAgo(399), 'new');
    await message(daysAgo(3001), 'old-message');
    await message(daysAgo(3001), 'old-but-awaited', { awaiting: 'ANSWER' });
    await message(daysAgo(3001), 'old-but-in-mailbox', { status: 'WAITING' });
    await message(daysAgo(2999), 'new-message');
    await declaration(addDays(TODAY, -3001), 'old-answered', 'ANSWERED');
    await declaration(addDays(TODAY, -3001), 'old-with-finance', 'WITH_FINANCE');
    await declaration(addDays(TODAY, -2999), 'new-answered', 'ANSWERED');

    const lines: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation(function (this: Logger, m: unknown) {
      lines.push(String(m));
    });
    let counts: Record<string, number>;
    try {
      counts = await x.svc.app.get(RetentionJob).run();
    } finally {
      spy.mockRestore();
    }
    expect(counts).toEqual({ processing_log: 2, exchange_message: 1, exchange_declaration: 1, declaration_objects: 0 });
    const resources = (await db.query(`SELECT resource FROM exchange.processing_log WHERE subject_pseudonym = $1 ORDER BY resource`, ['b'.repeat(64)])).map((r: { resource: string }) => r.resource);
    expect(resources).toEqual(['new']);
    const kept = (await db.query(`SELECT identification FROM exchange.message ORDER BY identification`)).map((r: { identification: string }) => r.identification);
    expect(kept).toEqual(['new-message', 'old-but-awaited', 'old-but-in-mailbox']);
    const declarations = (await db.query(`SELECT declaration_number FROM exchange.declaration ORDER BY declaration_number`)).map((r: { declaration_number: string }) => r.declaration_number);
    expect(declarations).toEqual(['new-answered', 'old-with-finance']);

    const line = lines.find((l) => l.startsWith('retention deleted'));
    expect(line).toBe(`retention deleted 4 (processing_log=2 exchange_message=1 exchange_declaration=1 declaration_objects=0) as of ${TODAY}`);
    // Counts only: nothing of what was deleted.
    expect(line).not.toMatch(/old-|b{64}|GM0546/);

    // A second run finds nothing more.
    await expect(x.svc.app.get(RetentionJob).run()).resolves.toEqual({ processing_log: 0, exchange_message: 0, exchange_declaration: 0, declaration_objects: 0 });
  });

  it('should delete declaration objects once the clock is past their period, not before', async () => {
    const store = await x.ctx.nc.jetstream().views.os(bucketName(DECLARATIONS_BUCKET));
    await store.putBlob({ name: `${randomUUID()}.ndjson` }, Buffer.from('{"line":1}\n'));
    await store.putBlob({ name: `${randomUUID()}.ndjson` }, Buffer.from('{"line":2}\n'));
    const realToday = amsterdamDate(new Date());
    x.clock.set(addDays(realToday, 29));
    await expect(x.svc.app.get(RetentionJob).run()).resolves.toMatchObject({ declaration_objects: 0 });
    expect((await store.list()).filter((o) => !o.deleted)).toHaveLength(2);
    x.clock.set(addDays(realToday, 31));
    await expect(x.svc.app.get(RetentionJob).run()).resolves.toMatchObject({ declaration_objects: 2 });
    expect((await store.list()).filter((o) => !o.deleted)).toHaveLength(0);
    x.clock.set(TODAY);
  });
});
