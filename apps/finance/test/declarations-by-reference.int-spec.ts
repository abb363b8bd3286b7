import {
  DECLARATION_ASSESSED_V1,
  DECLARATION_RECEIVED_V1,
  DeclarationAssessedV1,
  DECLARATIONS_BUCKET,
  DeclarationReceivedV1,
  EventEnvelope,
  ProvisionGrantedV1,
  RejectedDeclarationLine,
  sourceOf,
} from '@vangnet/contracts';
import { bucketName, prefixed, toNdjson } from '@vangnet/messaging';
import { EventProbe, TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { nanos, ObjectStore, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import { LineReason, RETOUR_CODE_OF } from '../src/declarations/reason-codes';
import { aContractedProvider, aDeclarationBody, aGrant, aLineBody, grantAll, LEIDEN, providerToken, startFinance, Tokens, tokens } from './support/finance';

type Line = Record<string, unknown>;

// exchange.declaration.received.v1 → finance.declaration.assessed.v1, with real PostgreSQL and
// NATS: the test hands declarations over as the exchange does (the lines as NDJSON in the
// <PREFIX>DECLARATIONS bucket, then the event), and reads finance's answer from its stream.
describe('declarations by reference', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;
  let bucket: ObjectStore;
  let assessed: EventProbe<DeclarationAssessedV1>;

  /** The exchange's part, first half: write the lines to the bucket; the event that would announce them. */
  const writeLines = async (agb: string, lines: Line[], o: Partial<DeclarationReceivedV1> & { object?: Uint8Array } = {}): Promise<DeclarationReceivedV1> => {
    const { object, ...overrides } = o;
    const objectName = `${randomUUID()}.ndjson`;
    // A 25 MB object is 180 chunks published at once: on a busy machine their acknowledgements take a while.
    await bucket.putBlob({ name: objectName }, object ?? toNdjson(lines), { timeout: 120_000 });
    return {
      declarationRef: randomUUID(),
      providerAgb: agb,
      municipality: LEIDEN,
      declarationNumber: `X-${randomUUID().slice(0, 8)}`,
      period: { start: '2026-05-01', end: '2026-05-31' },
      lineCount: lines.length,
      bucket: bucketName(DECLARATIONS_BUCKET),
      objectName,
      receivedOn: '2026-06-12',
      ...overrides,
    };
  };
  /** The exchange's part: write the lines, then announce them. */
  const handOver = async (agb: string, lines: Line[], o: Partial<DeclarationReceivedV1> & { object?: Uint8Array } = {}) => {
    const data = await writeLines(agb, lines, o);
    return { ...data, eventId: await announce(data) };
  };
  /** Publish the event as the exchange's outbox relay would (msgID = the envelope id). */
  const announce = async (data: DeclarationReceivedV1, id: string = randomUUID(), msgId: string = id): Promise<string> => {
    const envelope: EventEnvelope<DeclarationReceivedV1> = { id, type: DECLARATION_RECEIVED_V1, source: sourceOf('exchange'), time: new Date().toISOString(), municipality: data.municipality, correlationId: randomUUID(), data };
    await ctx.nc.jetstream().publish(prefixed(DECLARATION_RECEIVED_V1), Buffer.from(JSON.stringify(envelope)), { msgID: msgId });
    return id;
  };
  const answerTo = (ref: string, timeoutMs = 20_000) => assessed.next((e) => e.data.declarationRef === ref, timeoutMs);
  /** A line by reference: the HTTP line with the assignment number and the resident. */
  const byReference = (grant: ProvisionGrantedV1, o: Line = {}): Line => ({ ...aLineBody(grant.provisionId, o), assignmentNumber: 1, personId: grant.personId });
  const deadLetter = (messageId: string) =>
    waitFor(async () => (await db.query('SELECT error_code, reason FROM dead_letter WHERE message_id = $1', [messageId]))[0] as { error_code: string; reason: string } | undefined, 20_000, 'the dead letter');
  /** A provider of the test's own with `n` assignments of 4 h/week in 2026 booked. */
  const aProvider = async (n = 1) => {
    const agb = await aContractedProvider(ctx);
    const grants = Array.from({ length: n }, () => aGrant({ providerAgb: agb }));
    await grantAll(ctx, svc, t.controller, grants);
    return { agb, grants, token: await providerToken(ctx, agb) };
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
    assessed = await ctx.probe<DeclarationAssessedV1>(DECLARATION_ASSESSED_V1);
    // The exchange owns the bucket: objects live 30 days.
    bucket = await ctx.nc.jetstream().views.os(bucketName(DECLARATIONS_BUCKET), { ttl: nanos(30 * 24 * 3600 * 1000) });
  });

  afterAll(async () => {
    await (await ctx.nc.jetstreamManager()).streams.delete(`OBJ_${bucketName(DECLARATIONS_BUCKET)}`).catch(() => undefined);
    await ctx.close();
  });

  it('should assess a declaration by reference as the HTTP route does and answer with its rejected lines inline', async () => {
    const { agb, grants, token } = await aProvider();
    const [main] = grants;
    const approved = byReference(main);
    const tooMuch = byReference(main, { period: { start: '2026-04-01', end: '2026-04-30' }, volume: 30, amountCents: 195_000 });
    const wrongTariff = byReference(main, { period: { start: '2026-03-01', end: '2026-03-31' }, tariffCents: 6600, amountCents: 66_000 });
    const received = await handOver(agb, [approved, tooMuch, wrongTariff], { totalCents: 65_000 + 195_000 + 66_000 });

    const answer = await answerTo(received.declarationRef);
    expect(answer.municipality).toBe(LEIDEN);
    expect(answer.data).toEqual({
      declarationId: expect.any(String),
      declarationRef: received.declarationRef,
      providerAgb: agb,
      municipality: LEIDEN,
      declarationNumber: received.declarationNumber,
      totals: { submittedCents: 326_000, approvedCents: 65_000 },
      rejectedCount: 2,
      rejected: [
        { reference: tooMuch.reference, retourCodes: ['9321'] },
        { reference: wrongTariff.reference, retourCodes: ['0611'] },
      ],
    });
    // Stored as the HTTP route stores it, received the day the exchange received it; the provider reads it.
    const stored = await svc.http.get(`/api/finance/v1/declarations/${answer.data.declarationId}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(stored.body).toMatchObject({ receivedOn: '2026-06-12', dueDate: '2026-06-26', submittedBy: 'exchange', totals: { lines: 3, approvedLines: 1 } });
    expect(stored.body.lines.map((l: { status: string; reasons: Array<{ code: string }> }) => [l.status, l.reasons.map((r) => r.code)])).toEqual([
      ['APPROVED', []],
      ['REJECTED', [LineReason.VOLUME_EXCEEDS_FREQUENCY]],
      ['REJECTED', [LineReason.TARIFF_MISMATCH]],
    ]);
  });

  it('should assess a declaration once however often its event comes', async () => {
    const { agb, grants } = await aProvider();
    const { eventId, ...received } = await handOver(agb, [byReference(grants[0])]);
    await answerTo(received.declarationRef);
    // The same event again (published anew under another JetStream message id), and the same declaration under a new event.
    await announce(received, eventId, randomUUID());
    const again = await announce(received);
    // A later declaration of the same provider is answered after both (the consumer keeps the stream's order).
    const later = await handOver(agb, [byReference(grants[0], { period: { start: '2026-04-01', end: '2026-04-30' } })]);
    await answerTo(later.declarationRef);
    expect(assessed.matching((e) => e.data.declarationRef === received.declarationRef)).toHaveLength(1);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM declaration WHERE provider_agb = $1', [agb]);
    expect(n).toBe(2);
    await expect(db.query('SELECT count(*)::int AS n FROM inbox WHERE message_id = $1', [again])).resolves.toEqual([{ n: 1 }]);
  });

  it('should refuse a declaration whole with the header’s retour code and store nothing of it', async () => {
    const { agb, grants } = await aProvider();
    const first = await handOver(agb, [byReference(grants[0])]);
    await answerTo(first.declarationRef);
    // 9333: the declaration number was used before.
    const again = await handOver(agb, [byReference(grants[0], { period: { start: '2026-04-01', end: '2026-04-30' } })], { declarationNumber: first.declarationNumber });
    const refused = await answerTo(again.declarationRef);
    expect(refused.data).toMatchObject({ declarationRetourCodes: ['9333'], rejectedCount: 0, rejected: [], totals: { submittedCents: 65_000, approvedCents: 0 } });
    // 9338: a line names no assignment of this provider.
    const unknown = await handOver(agb, [byReference(grants[0], { period: { start: '2026-03-01', end: '2026-03-31' } }), byReference(aGrant())]);
    await expect(answerTo(unknown.declarationRef)).resolves.toMatchObject({ data: { declarationRetourCodes: ['9338'], rejectedCount: 0 } });
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM declaration WHERE provider_agb = $1', [agb]);
    expect(n).toBe(1);
  });

  it('should make a dead letter with its reason of a missing or malformed object, and of another bucket', async () => {
    const { agb, grants } = await aProvider();
    const line = byReference(grants[0]);
    const cases: Array<[string, () => Promise<DeclarationReceivedV1>]> = [
      ['OBJECT_MISSING', async () => ({ ...(await writeLines(agb, [line])), objectName: 'never-written.ndjson' })],
      ['OBJECT_MALFORMED', () => writeLines(agb, [line], { object: Buffer.from('{"reference": "R-1",\n') })],
      ['OBJECT_MALFORMED', () => writeLines(agb, [line], { lineCount: 2 })],
      ['OBJECT_MALFORMED', () => writeLines(agb, [byReference(grants[0], { period: { start: '2026-05-01', end: '2026-06-30' } })])],
      ['UNKNOWN_BUCKET', () => writeLines(agb, [line], { bucket: 'OTHER_BUCKET' })],
    ];
    const letters: Array<{ error_code: string; reason: string }> = [];
    for (const [, event] of cases) letters.push(await deadLetter(await announce(await event())));
    expect(letters).toHaveLength(cases.length);
    expect(letters.map((l) => l.error_code)).toEqual(cases.map(([code]) => code));
    expect(letters[1].reason).toMatch(/lines\[0\] INVALID_JSON/);
    expect(letters[2].reason).toMatch(/lineCount LINE_COUNT_MISMATCH/);
    expect(letters[3].reason).toMatch(/lines\[0\]\.period PERIOD_SPANS_MONTHS/);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM declaration WHERE provider_agb = $1', [agb]);
    expect(n).toBe(0);
  });

  it('should assess 100,000 lines by reference with the same result as the HTTP route, no NATS message above 1 MB', async () => {
    // Two providers alike: one declares over HTTP, the other through the exchange; 100 assignments
    // each, five months of lines per assignment and many duplicates, so most lines are rejected.
    const LINES = 100_000;
    const [http, exchange] = [await aProvider(100), await aProvider(100)];
    const lines = (grants: ProvisionGrantedV1[]) =>
      Array.from({ length: LINES }, (_, i) => {
        const m = String(1 + (Math.floor(i / grants.length) % 5)).padStart(2, '0');
        const last = new Date(Date.UTC(2026, Number(m), 0)).getUTCDate();
        const wrong = i % 50 === 7;
        return aLineBody(grants[i % grants.length].provisionId, {
          reference: `B${i}`,
          period: { start: `2026-${m}-01`, end: `2026-${m}-${last}` },
          tariffCents: wrong ? 6501 : 6500,
          amountCents: wrong ? 65_010 : 65_000,
        });
      });
    const sizes: number[] = [];
    const watch = (subject: string): Subscription => ctx.nc.subscribe(subject, { callback: (_e, msg) => sizes.push(msg.data.length) });
    const subs = [watch(prefixed('>')), watch(`$O.${bucketName(DECLARATIONS_BUCKET)}.>`)];
    try {
      const viaHttp = await svc.http
        .post('/api/finance/v1/declarations')
        .set('Authorization', `Bearer ${http.token}`)
        .send(aDeclarationBody(lines(http.grants), { declarationNumber: 'BIG-1' }))
        .expect(201);
      const received = await handOver(
        exchange.agb,
        lines(exchange.grants).map((l, i) => ({ ...l, assignmentNumber: 1 + (i % 100), personId: exchange.grants[i % 100].personId })),
        { declarationNumber: 'BIG-1' },
      );
      const answer = await answerTo(received.declarationRef, 120_000);

      // The same outcome, line by line.
      const outcomes = async (id: string) =>
        (await db.query('SELECT line_no, approved, reasons FROM declaration_line WHERE declaration_id = $1 ORDER BY line_no', [id])) as Array<{ line_no: number; approved: boolean; reasons: string[] }>;
      const [a, b] = [await outcomes(viaHttp.body.id), await outcomes(answer.data.declarationId)];
      expect(a).toHaveLength(LINES);
      expect(b).toEqual(a);
      expect(answer.data.totals).toEqual({ submittedCents: viaHttp.body.totals.submittedCents, approvedCents: viaHttp.body.totals.approvedCents });
      expect(viaHttp.body.totals.approvedLines).toBeGreaterThan(0);

      // More than 1,000 rejected lines: by reference, in the same bucket, the same as the HTTP route's.
      const rejected = a.filter((l) => !l.approved).map((l): RejectedDeclarationLine => ({ reference: `B${l.line_no - 1}`, retourCodes: [...new Set(l.reasons.map((r) => RETOUR_CODE_OF[r as LineReason]))] }));
      expect(rejected.length).toBeGreaterThan(1_000);
      expect(answer.data).toMatchObject({ rejectedCount: rejected.length, rejectedObjectName: expect.any(String) });
      expect(answer.data.rejected).toBeUndefined();
      const object = Buffer.from((await bucket.getBlob(answer.data.rejectedObjectName ?? '')) ?? []).toString('utf8').trim().split('\n').map((r) => JSON.parse(r));
      expect(object).toEqual(rejected);
    } finally {
      for (const s of subs) s.unsubscribe();
    }
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
  }, 300_000);
});
