import { pseudonymize } from '@vangnet/auth';
import {
  ASSIGNMENT_REQUEST_ANSWERED_V1,
  ASSIGNMENT_REQUEST_RECEIVED_V1,
  AssignmentRequestOutcome,
  AssignmentRequestReceivedV1,
  DECLARATION_ASSESSED_V1,
  DECLARATION_RECEIVED_V1,
  DeclarationAssessedV1,
  DeclarationReceivedV1,
  DECLARATIONS_BUCKET,
  PROVISION_GRANTED_V1,
  RequestRejectionReason,
  Role,
} from '@vangnet/contracts';
import { parseMessage, validateMessage } from '@vangnet/istandaarden';
import { bucketName, existingBucket } from '@vangnet/messaging';
import { TEST_PSEUDONYM_KEY } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { a315, a323, aGrant, aPerson, auth, bsnOf, deliver, eventually, Exchange, fileOf, GM_LEIDEN, OTHER_AGB, publishEvent, startExchange, waitingOf } from './support';
import { RequestsService } from '../src/requests/requests.service';

// Requests answered (301 with the reference, 319 refused, 319 "in onderzoek" after 5 working
// days) and declarations answered (325 with only the rejected lines), real PostgreSQL and NATS.

describe('answers to requests and declarations', () => {
  let x: Exchange;

  beforeAll(async () => {
    x = await startExchange('2026-11-20');
  });

  afterAll(() => x.close());

  async function client(seed: number) {
    const bsn = bsnOf(seed);
    const grant = aGrant({ personPseudonym: pseudonymize(bsn, TEST_PSEUDONYM_KEY) });
    x.persons.set(grant.personId, aPerson(bsn));
    return { bsn, grant };
  }

  it('should put a 315 on access’s worklist per product, answer with a 316, and a refusal with a 319', async () => {
    const { bsn, grant } = await client(21);
    const probe = await x.ctx.probe<AssignmentRequestReceivedV1>(ASSIGNMENT_REQUEST_RECEIVED_V1);
    const r = await deliver(x, x.provider, a315({ bsn, references: ['REQ-21-A', 'REQ-21-B'] })).expect(201);
    expect(r.body).toMatchObject({ message: { messageType: '315', status: 'ACCEPTED' }, answer: { messageType: '316' } });
    const a = await probe.next((e) => e.data.providerReference === 'REQ-21-A');
    const b = await probe.next((e) => e.data.providerReference === 'REQ-21-B');
    expect(a.data).toMatchObject({ kind: 'NEW', providerAgb: '12345678', municipality: GM_LEIDEN, law: 'WMO', personId: grant.personId, product: { category: '02', code: '02A01' }, volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' }, receivedOn: '2026-11-20', referrer: { type: 'GENERAL_PRACTITIONER' } });
    expect(a.municipality).toBe(GM_LEIDEN);

    // Refused: a 319 with VerzoekAntwoord 1 and the WJ759 reason.
    await publishEvent(x.ctx, ASSIGNMENT_REQUEST_ANSWERED_V1, { requestId: a.data.requestId, providerReference: 'REQ-21-A', outcome: AssignmentRequestOutcome.REJECTED, rejectionReason: RequestRejectionReason.NO_CONTRACT, lineageIds: [] });
    const answer319 = await eventually(async () => (await waitingOf(x, x.provider, '319')).find((m) => m.inReplyTo === r.body.message.id));
    const xml = await fileOf(x, x.provider, answer319.id);
    expect(xml).toContain('<wmo319:ReferentieAanbieder>REQ-21-A</wmo319:ReferentieAanbieder>');
    expect(xml).toContain('<wmo319:VerzoekAntwoord>1</wmo319:VerzoekAntwoord>');
    expect(xml).toContain('<wmo319:RedenAfwijzingVerzoek>3</wmo319:RedenAfwijzingVerzoek>');
    const report = await validateMessage(xml, { requireCrlf: true });
    expect([...report.levels.xsd, ...report.levels.inMessage]).toEqual([]);

    // Granted: access's provision with the requestId gives a 301 carrying the reference (TR359).
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, { ...grant, requestId: b.data.requestId });
    await publishEvent(x.ctx, ASSIGNMENT_REQUEST_ANSWERED_V1, { requestId: b.data.requestId, providerReference: 'REQ-21-B', outcome: AssignmentRequestOutcome.GRANTED, lineageIds: [grant.lineageId] });
    const the301 = await eventually(async () => {
      for (const m of await waitingOf(x, x.provider, '301')) {
        const file = await fileOf(x, x.provider, m.id);
        if (file.includes('<wmo301:ReferentieAanbieder>REQ-21-B</wmo301:ReferentieAanbieder>')) return file;
      }
      return undefined;
    });
    const v = await validateMessage(the301, { requireCrlf: true });
    expect([...v.levels.xsd, ...v.levels.inMessage]).toEqual([]);
  });

  it('should send one 319 "in onderzoek" when no answer comes within 5 working days, and the final answer later', async () => {
    const { bsn } = await client(22);
    const probe = await x.ctx.probe<AssignmentRequestReceivedV1>(ASSIGNMENT_REQUEST_RECEIVED_V1);
    const r = await deliver(x, x.provider, a315({ bsn, references: ['REQ-22'] })).expect(201);
    const req = await probe.next((e) => e.data.providerReference === 'REQ-22');
    const requests = x.svc.app.get(RequestsService);
    x.clock.set('2026-11-26'); // 4 working days later: still within the term
    await requests.answerDue();
    expect((await waitingOf(x, x.provider, '319')).filter((m) => m.inReplyTo === r.body.message.id)).toEqual([]);
    x.clock.set('2026-11-27'); // the 5th working day
    await requests.answerDue();
    await requests.answerDue();
    const interim = (await waitingOf(x, x.provider, '319')).filter((m) => m.inReplyTo === r.body.message.id);
    expect(interim).toHaveLength(1);
    expect(await fileOf(x, x.provider, interim[0].id)).toContain('<wmo319:VerzoekAntwoord>2</wmo319:VerzoekAntwoord>');
    // Access's own "under investigation" adds no second one (TR360); its refusal later is the final answer.
    await publishEvent(x.ctx, ASSIGNMENT_REQUEST_ANSWERED_V1, { requestId: req.data.requestId, providerReference: 'REQ-22', outcome: AssignmentRequestOutcome.UNDER_INVESTIGATION, lineageIds: [] });
    await publishEvent(x.ctx, ASSIGNMENT_REQUEST_ANSWERED_V1, { requestId: req.data.requestId, providerReference: 'REQ-22', outcome: AssignmentRequestOutcome.REJECTED, rejectionReason: RequestRejectionReason.CARE_CONTENT, lineageIds: [] });
    const all = await eventually(async () => {
      const list = (await waitingOf(x, x.provider, '319')).filter((m) => m.inReplyTo === r.body.message.id);
      return list.length === 2 ? list : undefined;
    });
    const texts = await Promise.all(all.map((m) => fileOf(x, x.provider, m.id)));
    expect(texts.filter((t) => t.includes('<wmo319:VerzoekAntwoord>2<'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('<wmo319:VerzoekAntwoord>1<'))).toHaveLength(1);
    x.clock.set('2026-11-20');
  });

  it('should hand a 323’s good lines to finance by reference and answer with a 325 rejecting exactly the bad line, then delete the object', async () => {
    const { bsn, grant } = await client(23);
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, grant);
    await eventually(async () => ((await waitingOf(x, x.provider, '301')).length ? true : undefined));
    await eventually(async () => {
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: grant.assignmentNumber, messageType: '301' }).set(auth(x.caseworker)).expect(200);
      return r.body.items.length ? true : undefined;
    });
    const probe = await x.ctx.probe<DeclarationReceivedV1>(DECLARATION_RECEIVED_V1);
    const file = a323({ bsn, lines: [{ reference: 'L23-GOOD-1', number: grant.assignmentNumber!, period: ['2026-10-01', '2026-10-15'] }, { reference: 'L23-BAD', number: 999_999_990 }, { reference: 'L23-GOOD-2', number: grant.assignmentNumber!, volume: 2, period: ['2026-10-16', '2026-10-31'] }] });
    const r = await deliver(x, x.provider, file).expect(201);
    expect(r.body.message).toMatchObject({ messageType: '323', status: 'ACCEPTED' });
    expect(r.body.answer).toBeUndefined();
    expect(r.body.findings.map((f: { retourCode: string }) => f.retourCode)).toEqual(['9338']);
    const received = await probe.next((e) => e.data.providerAgb === '12345678' && e.data.lineCount === 2);
    expect(received.data).toMatchObject({ municipality: GM_LEIDEN, period: { start: '2026-10-01', end: '2026-10-31' }, totalCents: 30_000, bucket: bucketName(DECLARATIONS_BUCKET), receivedOn: '2026-11-20' });
    const bucket = (await existingBucket(x.ctx.nc, received.data.bucket))!;
    const lines = Buffer.from((await bucket.getBlob(received.data.objectName))!).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.reference, l.provisionId, l.personId, l.amountCents])).toEqual([
      ['L23-GOOD-1', grant.lineageId, grant.personId, 20_000],
      ['L23-GOOD-2', grant.lineageId, grant.personId, 10_000],
    ]);

    // Finance approves the first and rejects the second good line for volume.
    const assessed: DeclarationAssessedV1 = { declarationId: randomUUID(), declarationRef: received.data.declarationRef, providerAgb: '12345678', municipality: GM_LEIDEN, declarationNumber: received.data.declarationNumber, totals: { submittedCents: 30_000, approvedCents: 20_000 }, rejectedCount: 1, rejected: [{ reference: 'L23-GOOD-2', retourCodes: ['9321'] }] };
    await publishEvent(x.ctx, DECLARATION_ASSESSED_V1, assessed);
    const answer = await eventually(async () => (await waitingOf(x, x.provider, '325')).find((m) => m.inReplyTo === r.body.message.id));
    const xml = await fileOf(x, x.provider, answer.id);
    const msg = parseMessage(xml);
    if (msg.messageType !== '325') throw new Error('not a 325');
    const rejected = msg.declaratieAntwoord!.clienten!.flatMap((c) => c.prestaties.map((p) => [p.productReferentie.referentieNummer, p.retourCodes]));
    expect(rejected).toEqual([
      ['L23-BAD', ['9338']],
      ['L23-GOOD-2', ['9321']],
    ]);
    expect(msg.declaratieAntwoord!.totaalToegekendBedrag).toEqual({ totaalBedrag: 20_000, debetCredit: 'D' });
    const v = await validateMessage(xml, { requireCrlf: true });
    expect([...v.levels.xsd, ...v.levels.inMessage]).toEqual([]);
    await eventually(async () => {
      const info = await bucket.info(received.data.objectName);
      return info === null || info.deleted ? true : undefined;
    });
    // The 323 waited for its answer; the 325 settled it.
    const archived = await x.svc.http.get(`/api/exchange/v1/messages/${r.body.message.id}`).set(auth(x.caseworker)).expect(200);
    expect(archived.body).toMatchObject({ awaiting: 'ANSWER', settledBy: answer.id });
    expect(archived.body.replies.map((m: { messageType: string }) => m.messageType)).toEqual(['325']);
  });

  it('should answer a declaration approved whole with a 325 of its totals and no line', async () => {
    const agb = '11223344';
    const token = await x.ctx.token({ sub: 'derde', org: `AGB:${agb}`, roles: [Role.PROVIDER] });
    const { bsn, grant } = await client(26);
    const g = { ...grant, providerAgb: agb };
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, g);
    await eventually(async () => {
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: g.assignmentNumber, messageType: '301' }).set(auth(x.caseworker)).expect(200);
      return r.body.items.length ? true : undefined;
    });
    const probe = await x.ctx.probe<DeclarationReceivedV1>(DECLARATION_RECEIVED_V1);
    const ok = await deliver(x, token, a323({ bsn, agb, lines: [{ reference: 'L26-1', number: g.assignmentNumber!, volume: 4 }] })).expect(201);
    expect(ok.body).toMatchObject({ message: { status: 'ACCEPTED' }, findings: [] });
    const received = await probe.next((e) => e.data.providerAgb === agb);
    await publishEvent(x.ctx, DECLARATION_ASSESSED_V1, { declarationId: randomUUID(), declarationRef: received.data.declarationRef, providerAgb: agb, municipality: GM_LEIDEN, declarationNumber: received.data.declarationNumber, totals: { submittedCents: 20_000, approvedCents: 20_000 }, rejectedCount: 0, rejected: [] });
    const answer = await eventually(async () => (await waitingOf(x, token, '325')).find((m) => m.inReplyTo === ok.body.message.id));
    const xml = await fileOf(x, token, answer.id);
    const msg = parseMessage(xml);
    if (msg.messageType !== '325') throw new Error('not a 325');
    expect(msg.header.retourCodes).toEqual(['0200']);
    expect(msg.declaratieAntwoord).toMatchObject({ totaalIngediendBedrag: { totaalBedrag: 20_000, debetCredit: 'D' }, totaalToegekendBedrag: { totaalBedrag: 20_000, debetCredit: 'D' } });
    expect(msg.declaratieAntwoord!.clienten).toBeUndefined();
    const v = await validateMessage(xml, { requireCrlf: true });
    expect([...v.levels.xsd, ...v.levels.inMessage]).toEqual([]);
  });

  it('should check a line against the assignment its 301 carried (TR321) and answer at once when no line is left for finance', async () => {
    // Another provider, so that this is its first declaration for October (TR318 counts per provider).
    const { bsn, grant: mine } = await client(25);
    const grant = { ...mine, providerAgb: OTHER_AGB };
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, grant);
    await eventually(async () => {
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: grant.assignmentNumber, messageType: '301' }).set(auth(x.caseworker)).expect(200);
      return r.body.items.length ? true : undefined;
    });
    // 4 hours a week assigned; 40 hours in half a month is more than the assignment allows.
    const r = await deliver(x, x.otherProvider, a323({ bsn, agb: OTHER_AGB, lines: [{ reference: 'L25-1', number: grant.assignmentNumber!, volume: 40, period: ['2026-10-01', '2026-10-15'] }] })).expect(201);
    expect(r.body).toMatchObject({ message: { status: 'REJECTED' }, answer: { messageType: '325' } });
    expect(r.body.findings).toEqual([expect.objectContaining({ level: 'crossMessage', code: 'TR321', retourCode: '9321' })]);
    const answer = parseMessage(await fileOf(x, x.otherProvider, r.body.answer.id));
    if (answer.messageType !== '325') throw new Error('not a 325');
    expect(answer.declaratieAntwoord!.clienten!.flatMap((c) => c.prestaties.map((p) => [p.productReferentie.referentieNummer, p.retourCodes]))).toEqual([['L25-1', ['9321']]]);
    expect(answer.declaratieAntwoord!.totaalToegekendBedrag.totaalBedrag).toBe(0);
  });

  it('should answer a 323 that breaks the XSD with its 325 at once and never tell finance', async () => {
    const { bsn, grant } = await client(24);
    const probe = await x.ctx.probe<DeclarationReceivedV1>(DECLARATION_RECEIVED_V1);
    const file = a323({ bsn, lines: [{ reference: 'L24-1', number: grant.assignmentNumber! }] }).replace('<wmo323:Eenheid>04</wmo323:Eenheid>', '<wmo323:Eenheid>99</wmo323:Eenheid>');
    const r = await deliver(x, x.provider, file).expect(201);
    expect(r.body.message.status).toBe('REJECTED');
    expect(r.body.answer.messageType).toBe('325');
    expect(r.body.findings[0]).toMatchObject({ level: 'xsd', retourCode: '0001' });
    const answer = parseMessage(await fileOf(x, x.provider, r.body.answer.id));
    if (answer.messageType !== '325') throw new Error('not a 325');
    expect(answer.header.retourCodes).toEqual(['0001']);
    const number = /<wmo323:DeclaratieNummer>([^<]+)</.exec(file)![1];
    await new Promise((res) => setTimeout(res, 1000));
    expect(probe.matching((e) => e.data.declarationNumber === number)).toEqual([]);
  });

  it('should let a provider search only its own messages, a municipality its own, and log reading a file', async () => {
    const mine = await x.svc.http.get('/api/exchange/v1/messages').query({ messageType: '323', status: 'ACCEPTED' }).set(auth(x.provider)).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((m: { providerAgb: string }) => m.providerAgb === '12345678')).toBe(true);
    expect(mine.body.items[0].xml).toBeUndefined();
    const other = await x.svc.http.get('/api/exchange/v1/messages').query({ messageType: '323' }).set(auth(x.otherProvider)).expect(200);
    expect(other.body.items.every((m: { providerAgb: string }) => m.providerAgb === OTHER_AGB)).toBe(true);
    const asOther = await x.svc.http.get('/api/exchange/v1/messages').query({ providerAgb: '12345678' }).set(auth(x.otherProvider)).expect(200);
    expect(asOther.body.items).toEqual([]);
    await x.svc.http.get(`/api/exchange/v1/messages/${mine.body.items[0].id}`).set(auth(x.otherProvider)).expect(404);
    const otherTown = await x.ctx.token({ org: 'GM0547', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0547'] });
    expect((await x.svc.http.get('/api/exchange/v1/messages').set(auth(otherTown)).expect(200)).body.items).toEqual([]);
    await x.svc.http.get(`/api/exchange/v1/messages/${mine.body.items[0].id}`).set(auth(otherTown)).expect(404);
    await x.svc.http.get('/api/exchange/v1/messages').query({ from: '2026-12-01', to: '2026-11-01' }).set(auth(x.caseworker)).expect(400);
    await x.svc.http.get(`/api/exchange/v1/messages/${mine.body.items[0].id}`).set(auth(x.caseworker)).expect(200);
    const auditor = await x.ctx.token({ org: GM_LEIDEN, roles: [Role.AUDITOR], municipalities: [GM_LEIDEN] });
    const log = await x.svc.http.get('/api/exchange/v1/processing-log').query({ bsn: bsnOf(23) }).set(auth(auditor)).expect(200);
    expect(log.body.items ?? log.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'READ', resource: 'message', resourceId: mine.body.items[0].id })]));
  });

  it('should list messages waiting past their term, and a 301 whose retour is settled leaves that list', async () => {
    x.clock.set('2026-12-10');
    const overdue = await x.svc.http.get('/api/exchange/v1/messages/overdue').set(auth(x.caseworker)).expect(200);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((m: { dueOn: string; settledBy: string | null }) => m.dueOn < '2026-12-10' && m.settledBy === null)).toBe(true);
    x.clock.set('2026-11-20');
  });
});
