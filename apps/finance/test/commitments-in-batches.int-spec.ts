import { EventEnvelope, PROVISION_GRANTED_V1, ProvisionGrantedV1, sourceOf } from '@vangnet/contracts';
import { InboxConsumer, prefixed } from '@vangnet/messaging';
import { TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { CommitmentsRepository, NewVersion } from '../src/commitments/commitments.repository';
import { aContractedProvider, aGrant, publishEvent, startFinance, Tokens, tokens, waitForCommitment } from './support/finance';

// The intake stores provision.granted a batch at a time (@OnEventBatch, ADR 0016): one statement
// for the batch's versions, in the inbox's transaction. These tests break a batch on purpose and
// show that nothing of it is kept, that the inbox applies its events again one at a time, and that
// every version (and so every commitment) ends up there exactly once.
describe('commitments from provision.granted in batches', () => {
  let ctx: TestContext;
  let svc: TestService;
  let db: DataSource;
  let t: Tokens;
  let repo: CommitmentsRepository;
  let consumer: InboxConsumer;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
    repo = svc.app.get(CommitmentsRepository);
    consumer = svc.app.get(InboxConsumer);
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => ctx.close());

  /** A provider of the test's own with a published 2026 tariff (65.00 an hour). */
  const aProvider = () => aContractedProvider(ctx, [{ year: 2026, tariffCents: 6500 }]);

  /** An envelope for a grant, published as many times as `msgIds` says (copies JetStream's dedupe lets through). */
  async function publishCopies(grant: ProvisionGrantedV1, eventId: string, msgIds: string[]): Promise<void> {
    const envelope: EventEnvelope<ProvisionGrantedV1> = {
      id: eventId,
      type: PROVISION_GRANTED_V1,
      source: sourceOf('access'),
      time: new Date().toISOString(),
      municipality: grant.municipality,
      correlationId: randomUUID(),
      data: grant,
    };
    for (const msgID of msgIds) await ctx.nc.jetstream().publish(prefixed(PROVISION_GRANTED_V1), Buffer.from(JSON.stringify(envelope)), { msgID });
  }

  /** Publish while the consumer is stopped, so the events wait in the stream and arrive together, as a batch. */
  async function asOneDelivery(publish: () => Promise<void>): Promise<void> {
    await consumer.stop();
    await publish();
    await consumer.start();
  }

  /** The calls of the intake's batch statement, as the provision ids (and event ids) of each. */
  function watchBatches(): Array<{ provisionIds: string[]; eventIds: string[] }> {
    const calls: Array<{ provisionIds: string[]; eventIds: string[] }> = [];
    const real = repo.insertVersions.bind(repo);
    jest.spyOn(repo, 'insertVersions').mockImplementation((list: NewVersion[]) => {
      calls.push({ provisionIds: list.map((v) => v.provisionId), eventIds: list.map((v) => v.eventId) });
      return real(list);
    });
    return calls;
  }

  const countOf = async (sql: string, params: unknown[]) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;
  const versionsOf = (provisionIds: string[]) => countOf('SELECT count(*)::int AS n FROM provision_version WHERE provision_id = ANY($1)', [provisionIds]);

  /** Each grant booked, stored once, with one commitment row (2026 only) and one inbox row per event. */
  async function expectEachOnce(grants: ProvisionGrantedV1[], eventIds: string[]): Promise<void> {
    for (const g of grants) await waitForCommitment(svc, t.controller, g.provisionId, (b) => b.status === 'BOOKED', 20_000);
    const ids = grants.map((g) => g.provisionId);
    const perProvision: Array<{ provision_id: string; n: number }> = await db.query(
      'SELECT provision_id, count(*)::int AS n FROM provision_version WHERE provision_id = ANY($1) GROUP BY provision_id',
      [ids],
    );
    expect(perProvision.map((r) => r.n)).toEqual(ids.map(() => 1));
    const commitments: Array<{ lineage_id: string; n: number }> = await db.query(
      'SELECT lineage_id, count(*)::int AS n FROM commitment WHERE lineage_id = ANY($1) GROUP BY lineage_id',
      [grants.map((g) => g.lineageId)],
    );
    expect(commitments).toHaveLength(grants.length);
    expect(commitments.every((c) => c.n === 1)).toBe(true);
    const inbox: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM inbox WHERE message_id = ANY($1) GROUP BY message_id', [eventIds]);
    expect(inbox.map((r) => r.n)).toEqual(eventIds.map(() => 1));
  }

  it('should keep nothing of a batch that fails halfway, and store every version exactly once after the retry', async () => {
    const agb = await aProvider();
    const grants = Array.from({ length: 12 }, () => aGrant({ providerAgb: agb }));
    const mine = new Set(grants.map((g) => g.provisionId));
    const real = repo.insertVersions.bind(repo);
    let failedBatch: string[] = [];
    let writtenBeforeFailure = 0;
    let waitingAtGate = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    let failedOnceMore: string | undefined;
    jest.spyOn(repo, 'insertVersions').mockImplementation(async (list: NewVersion[]) => {
      const ours = list.filter((v) => mine.has(v.provisionId)).map((v) => v.provisionId);
      if (ours.length > 1 && !failedBatch.length) {
        // The batch statement runs (its versions are written in the transaction), then the batch breaks.
        writtenBeforeFailure = (await real(list)).size;
        failedBatch = ours;
        throw new Error('the batch breaks halfway, after its versions were written');
      }
      if (ours.length && failedBatch.includes(ours[0])) {
        // The inbox applies the failed batch's events again, one at a time: hold them while the test looks.
        waitingAtGate++;
        await gate;
        // And one of them fails once more on its own: JetStream gives it again, it is stored once.
        if (failedOnceMore === undefined && ours[0] === failedBatch[1]) {
          failedOnceMore = ours[0];
          throw new Error('a transient failure of one event');
        }
      }
      return real(list);
    });
    const eventIds: string[] = [];
    await asOneDelivery(async () => {
      for (const g of grants) eventIds.push(await publishEvent(ctx, PROVISION_GRANTED_V1, g));
    });

    await waitFor(async () => waitingAtGate > 0, 15_000, 'the failed batch to be applied again one event at a time');
    // The batch had written its versions when it failed: every one of them was rolled back.
    expect(failedBatch.length).toBeGreaterThan(1);
    expect(writtenBeforeFailure).toBe(failedBatch.length);
    await expect(versionsOf(failedBatch)).resolves.toBe(0);
    await expect(countOf('SELECT count(*)::int AS n FROM projection_pending WHERE fact_id = ANY($1)', [failedBatch])).resolves.toBe(0);
    await expect(countOf('SELECT count(*)::int AS n FROM lineage WHERE lineage_id = ANY($1)', [failedBatch])).resolves.toBe(0);
    await expect(countOf('SELECT count(*)::int AS n FROM commitment WHERE lineage_id = ANY($1)', [failedBatch])).resolves.toBe(0);

    openGate();
    await expectEachOnce(grants, eventIds);
    expect(failedOnceMore).toBe(failedBatch[1]);
    await expect(countOf('SELECT count(*)::int AS n FROM dead_letter WHERE message_id = ANY($1)', [eventIds])).resolves.toBe(0);
  });

  it('should dead-letter a poison event in a batch and apply the others once', async () => {
    const agb = await aProvider();
    const first = aGrant({ providerAgb: agb });
    await publishEvent(ctx, PROVISION_GRANTED_V1, first);
    await waitForCommitment(svc, t.controller, first.provisionId, (b) => b.status === 'BOOKED');
    const calls = watchBatches();
    const before = Array.from({ length: 5 }, () => aGrant({ providerAgb: agb }));
    const after = Array.from({ length: 5 }, () => aGrant({ providerAgb: agb }));
    // Claims the place (lineage, version 1) of a provision already stored: it can never be applied.
    const impostor = { ...first, provisionId: randomUUID() };
    const eventIds: string[] = [];
    let impostorEvent = '';
    await asOneDelivery(async () => {
      for (const g of before) eventIds.push(await publishEvent(ctx, PROVISION_GRANTED_V1, g));
      impostorEvent = await publishEvent(ctx, PROVISION_GRANTED_V1, impostor);
      for (const g of after) eventIds.push(await publishEvent(ctx, PROVISION_GRANTED_V1, g));
    });

    const letters = await waitFor(async () => {
      const rows: Array<{ error_code: string; deliveries: number }> = await db.query('SELECT error_code, deliveries FROM dead_letter WHERE message_id = $1', [impostorEvent]);
      return rows.length ? rows : undefined;
    }, 15_000, 'the dead letter');
    expect(letters).toEqual([{ error_code: 'VERSION_CONFLICT', deliveries: 1 }]);
    await expectEachOnce([first, ...before, ...after], eventIds);
    // It came in a batch with others (which that batch could not keep), then alone.
    expect(calls.some((c) => c.provisionIds.includes(impostor.provisionId) && c.provisionIds.length > 1)).toBe(true);
    expect(calls.some((c) => c.provisionIds.length === 1 && c.provisionIds[0] === impostor.provisionId)).toBe(true);
    await expect(versionsOf([impostor.provisionId])).resolves.toBe(0);
    await expect(countOf('SELECT count(*)::int AS n FROM inbox WHERE message_id = $1', [impostorEvent])).resolves.toBe(0);
  });

  it('should apply an event once when a batch holds it twice, and a replay of its version under another id not at all', async () => {
    const agb = await aProvider();
    const calls = watchBatches();
    const [a, b, c] = Array.from({ length: 3 }, () => aGrant({ providerAgb: agb }));
    const twice = randomUUID();
    const replay = randomUUID();
    const others: string[] = [];
    await asOneDelivery(async () => {
      // Two copies of one event (different Nats-Msg-Ids get past JetStream's dedupe), and the same
      // version again under a new event id (access re-publishing it): all in one delivery.
      await publishCopies(a, twice, [`${twice}-1`]);
      others.push(await publishEvent(ctx, PROVISION_GRANTED_V1, b));
      await publishCopies(a, twice, [`${twice}-2`]);
      await publishCopies(a, replay, [replay]);
      others.push(await publishEvent(ctx, PROVISION_GRANTED_V1, c));
    });

    await expectEachOnce([a, b, c], [twice, replay, ...others]);
    const [stored] = await db.query('SELECT event_id FROM provision_version WHERE provision_id = $1', [a.provisionId]);
    expect(stored.event_id).toBe(twice);
    // The handler was given the event once, never its second copy; batches of more than one came.
    expect(calls.flatMap((x) => x.eventIds).filter((id) => id === twice)).toHaveLength(1);
    expect(calls.some((x) => x.eventIds.length > 1)).toBe(true);
    await expect(countOf('SELECT count(*)::int AS n FROM dead_letter WHERE message_id = ANY($1)', [[twice, replay, ...others]])).resolves.toBe(0);
  });
});
