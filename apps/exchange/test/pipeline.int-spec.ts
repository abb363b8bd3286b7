import { ASSIGNMENT_REQUEST_RECEIVED_V1, AssignmentRequestReceivedV1, DELIVERY_STARTED_V1, DELIVERY_STOPPED_V1, DeliveryStartedV1, DeliveryStoppedV1, PROVISION_ENDED_V1, PROVISION_GRANTED_V1, EndReason, Role } from '@vangnet/contracts';
import { pseudonymize } from '@vangnet/auth';
import { buildRetour, MAX_FILE_BYTES, validateMessage, writeMessage } from '@vangnet/istandaarden';
import { expectSchemaMatchesEntities, TEST_PSEUDONYM_KEY } from '@vangnet/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MailboxService } from '../src/mailbox/mailbox.service';
import { WatchedDirectory } from '../src/mailbox/watched-directory';
import { a305, a307, a317, aGrant, aPerson, auth, bsnOf, deliver, eventually, Exchange, fileOf, GM_LEIDEN, nextId, OTHER_AGB, publishEvent, startExchange, waitingOf } from './support';

// The exchange against real PostgreSQL and NATS; access and procurement answered by stubs.

describe('the exchange pipeline', () => {
  let x: Exchange;

  beforeAll(async () => {
    x = await startExchange('2026-11-20');
  });

  afterAll(() => x.close());

  it('should keep its tables as its entities declare them', async () => {
    await expectSchemaMatchesEntities(x.svc);
  });

  /** A client with a granted assignment whose 301 is in the mailbox. */
  async function assigned(seed: number, o: { safetyFlag?: boolean } = {}) {
    const bsn = bsnOf(seed);
    const grant = aGrant({ personPseudonym: pseudonymize(bsn, TEST_PSEUDONYM_KEY) });
    x.persons.set(grant.personId, aPerson(bsn, { safetyFlag: o.safetyFlag ?? false }));
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, grant);
    const statusWanted = o.safetyFlag ? 'HELD' : 'WAITING';
    const msg = await eventually(async () => {
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: grant.assignmentNumber, messageType: '301' }).set(auth(x.caseworker)).expect(200);
      return r.body.items.find((m: { status: string }) => m.status === statusWanted);
    });
    return { bsn, grant, msg };
  }

  it('should send a 301 for a granted provision that validates at XSD and stylesheet level with zero findings', async () => {
    const { grant, msg } = await assigned(11);
    const waiting = await waitingOf(x, x.provider, '301');
    expect(waiting.map((m) => m.id)).toContain(msg.id);
    const xml = await fileOf(x, x.provider, msg.id);
    expect(xml).toContain(`<wmo301:ToewijzingNummer>${grant.assignmentNumber}</wmo301:ToewijzingNummer>`);
    expect(xml).toContain('\r\n');
    const report = await validateMessage(xml, { requireCrlf: true });
    expect(report.levels.xsd).toEqual([]);
    expect(report.levels.inMessage).toEqual([]);
    expect(msg).toMatchObject({ direction: 'OUT', providerAgb: '12345678', municipality: GM_LEIDEN, awaiting: 'RETOUR' });
    // Another provider never sees it.
    await x.svc.http.get(`/api/exchange/v1/mailbox/${msg.id}`).set(auth(x.otherProvider)).expect(404);
    expect(await waitingOf(x, x.otherProvider, '301')).toEqual([]);
  });

  it('should settle a 301 with the provider’s 302 retour, once, and leave it off the overdue list', async () => {
    const { msg } = await assigned(10);
    const xml = await fileOf(x, x.provider, msg.id);
    // The provider's software answers with the library too: a 302 with 0200 throughout.
    const retour = writeMessage(buildRetour(await validateMessage(xml), { identificatie: nextId(), dagtekening: '2026-11-20' }));
    const r = await deliver(x, x.provider, retour).expect(201);
    expect(r.body).toMatchObject({ message: { messageType: '302', status: 'ACCEPTED' } });
    expect(r.body.answer).toBeUndefined();
    await deliver(x, x.provider, retour).expect(200);
    const seen = await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(x.caseworker)).expect(200);
    expect(seen.body).toMatchObject({ awaiting: 'RETOUR', settledBy: r.body.message.id });
    expect(seen.body.replies.map((m: { messageType: string }) => m.messageType)).toEqual(['302']);
    x.clock.set('2026-12-31');
    const overdue = await x.svc.http.get('/api/exchange/v1/messages/overdue').set(auth(x.caseworker)).expect(200);
    expect(overdue.body.items.map((m: { id: string }) => m.id)).not.toContain(msg.id);
    x.clock.set('2026-11-20');
  });

  it('should send all current assignments again with the end when a lineage ends', async () => {
    const { grant } = await assigned(12);
    await publishEvent(x.ctx, PROVISION_ENDED_V1, { provisionId: grant.provisionId, lineageId: grant.lineageId, endDate: '2026-12-31', reason: EndReason.DELIVERED_AS_PLANNED, personId: grant.personId, providerAgb: grant.providerAgb, assignmentNumber: grant.assignmentNumber });
    const ended = await eventually(async () => {
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: grant.assignmentNumber, messageType: '301' }).set(auth(x.caseworker)).expect(200);
      return r.body.items.length === 2 ? r.body.items[0] : undefined;
    });
    const xml = await fileOf(x, x.provider, ended.id);
    expect(xml).toContain('<wmo301:Einddatum>2026-12-31</wmo301:Einddatum>');
    expect(xml).toContain('<wmo301:RedenWijziging>05</wmo301:RedenWijziging>');
    const report = await validateMessage(xml, { requireCrlf: true });
    expect([...report.levels.xsd, ...report.levels.inMessage]).toEqual([]);
  });

  it('should hold the 301 of a client with a safety flag, show it to the municipality and never to the provider', async () => {
    const { msg } = await assigned(13, { safetyFlag: true });
    expect(msg.status).toBe('HELD');
    expect((await waitingOf(x, x.provider, '301')).map((m) => m.id)).not.toContain(msg.id);
    await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(x.provider)).expect(404);
    const seen = await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(x.caseworker)).expect(200);
    expect(seen.body.status).toBe('HELD');
  });

  it('should start the delivery from a 305, answer with a 306 and process the same file once', async () => {
    const { bsn, grant } = await assigned(14);
    const probe = await x.ctx.probe<DeliveryStartedV1>(DELIVERY_STARTED_V1);
    const file = a305({ bsn, number: grant.assignmentNumber!, begindatum: '2026-10-05' });
    const first = await deliver(x, x.provider, file).expect(201);
    expect(first.body).toMatchObject({ duplicate: false, message: { messageType: '305', status: 'ACCEPTED' }, answer: { messageType: '306' }, findings: [] });
    const event = await probe.next((e) => e.data.assignmentNumber === grant.assignmentNumber);
    expect(event.data).toMatchObject({ provisionLineageId: grant.lineageId, providerAgb: '12345678', municipality: GM_LEIDEN, startDate: '2026-10-05', status: 'NEW', reportedOn: '2026-11-20' });
    const again = await deliver(x, x.provider, file).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, message: { id: first.body.message.id } });
    await new Promise((r) => setTimeout(r, 500));
    expect(probe.matching((e) => e.data.assignmentNumber === grant.assignmentNumber)).toHaveLength(1);
    const retour = await fileOf(x, x.provider, first.body.answer.id);
    expect(retour).toContain('<wmo306:');
  });

  it('should refuse a 305 for an assignment it cannot link with its retour code 9019 and publish nothing', async () => {
    const { bsn } = await assigned(15);
    const r = await deliver(x, x.provider, a305({ bsn, number: 999_999_998 })).expect(201);
    expect(r.body.message.status).toBe('REJECTED');
    expect(r.body.findings.map((f: { retourCode: string }) => f.retourCode)).toEqual(['9019']);
    const retour = await fileOf(x, x.provider, r.body.answer.id);
    expect(retour).toContain('9019');
  });

  it('should stop the delivery from a 307 and take a 317 change request, and every retour it writes validates with zero findings', async () => {
    const { bsn, grant } = await assigned(19);
    const stopped = await x.ctx.probe<DeliveryStoppedV1>(DELIVERY_STOPPED_V1);
    const requested = await x.ctx.probe<AssignmentRequestReceivedV1>(ASSIGNMENT_REQUEST_RECEIVED_V1);
    const retours: string[] = [];
    for (const file of [a305({ bsn, number: grant.assignmentNumber! }), a307({ bsn, number: grant.assignmentNumber! }), a317({ bsn, number: grant.assignmentNumber!, reference: 'CHG-19' }), a305({ bsn, number: 999_999_996 })]) {
      const r = await deliver(x, x.provider, file).expect(201);
      retours.push(await fileOf(x, x.provider, r.body.answer.id));
    }
    expect(retours.map((r) => /<wmo(\d{3}):Bericht/.exec(r)?.[1])).toEqual(['306', '308', '318', '306']);
    for (const r of retours) {
      const v = await validateMessage(r, { requireCrlf: true });
      expect(v.levels.xsd).toEqual([]);
    }
    const stop = await stopped.next((e) => e.data.assignmentNumber === grant.assignmentNumber);
    expect(stop.data).toMatchObject({ provisionLineageId: grant.lineageId, startDate: '2026-10-05', endDate: '2026-11-15', law: 'WMO', reasonCode: '19', status: 'NEW' });
    const change = await requested.next((e) => e.data.providerReference === 'CHG-19');
    expect(change.data).toMatchObject({ kind: 'CHANGE', assignmentNumber: grant.assignmentNumber, personId: grant.personId, changeReason: 'CLIENT_SITUATION_CHANGED', volume: { amount: 5, unit: 'HOUR', frequency: 'PER_WEEK' } });
  });

  it('should take a file from the watched directory through the same pipeline, and refuse a bad one there with its code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exchange-drop-'));
    process.env.EXCHANGE_DROP_DIR = dir;
    try {
      const drop = new WatchedDirectory(x.svc.app.get(MailboxService));
      await drop.onApplicationBootstrap();
      const { bsn, grant } = await assigned(20);
      writeFileSync(join(dir, 'in', 'start.xml'), a305({ bsn, number: grant.assignmentNumber! }));
      writeFileSync(join(dir, 'in', 'bom.xml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(a305({ bsn, number: grant.assignmentNumber! }))]));
      await expect(drop.runNow()).resolves.toBe(2);
      await drop.onApplicationShutdown();
      expect(readdirSync(join(dir, 'processed'))).toEqual(['start.xml']);
      expect(readdirSync(join(dir, 'rejected')).sort()).toEqual(['bom.xml', 'bom.xml.problem.json']);
      expect(JSON.parse(readFileSync(join(dir, 'rejected', 'bom.xml.problem.json'), 'utf8')).code).toBe('FILE_HAS_BOM');
      const r = await x.svc.http.get('/api/exchange/v1/messages').query({ assignmentNumber: grant.assignmentNumber, messageType: '305' }).set(auth(x.caseworker)).expect(200);
      expect(r.body.items.map((m: { transport: string; status: string }) => [m.transport, m.status])).toEqual([['DIRECTORY', 'ACCEPTED']]);
    } finally {
      delete process.env.EXCHANGE_DROP_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bad input', () => {
    const problem = (r: { status: number; body: { code: string } }) => [r.status, r.body.code];

    it('should refuse a body that is no XML, a BOM, bare LF line ends and a DOCTYPE with its code', async () => {
      expect(problem(await deliver(x, x.provider, '{"not":"xml"}'))).toEqual([400, 'MALFORMED_XML']);
      const file = a305({ bsn: bsnOf(16), number: 1 });
      expect(problem(await deliver(x, x.provider, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file)])))).toEqual([400, 'FILE_HAS_BOM']);
      expect(problem(await deliver(x, x.provider, file.replace(/\r\n/g, '\n')))).toEqual([400, 'NOT_CRLF']);
      const entity = file.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
      expect(problem(await deliver(x, x.provider, entity))).toEqual([400, 'MALFORMED_XML']);
      const bomb = file.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`).replace('<wmo305:Bsn>', '<wmo305:Bsn>&c;');
      expect(problem(await deliver(x, x.provider, bomb))).toEqual([400, 'MALFORMED_XML']);
    });

    it('should refuse a message sent as another provider’s AGB, and one for a municipality outside the region', async () => {
      const r = await deliver(x, x.provider, a305({ bsn: bsnOf(17), number: 1, agb: OTHER_AGB })).expect(403);
      expect(r.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'file.Header.Afzender', code: 'OUT_OF_SCOPE' }] });
      const elsewhere = await deliver(x, x.provider, a305({ bsn: bsnOf(17), number: 1, gemeente: '0363' })).expect(422);
      expect(elsewhere.body.code).toBe('UNKNOWN_RECEIVER');
      const notProvider = await x.ctx.token({ org: GM_LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDEN] });
      await deliver(x, notProvider, a305({ bsn: bsnOf(17), number: 1 })).expect(403);
    });

    it('should take a file of exactly the size limit and refuse one byte more with FILE_TOO_LARGE (OP179)', async () => {
      const file = a305({ bsn: bsnOf(18), number: 999_999_997, id: nextId() });
      const at = file.replace('<wmo305:Header>', `<!--${' '.repeat(MAX_FILE_BYTES - Buffer.byteLength(file) - 7)}--><wmo305:Header>`);
      expect(Buffer.byteLength(at)).toBe(MAX_FILE_BYTES);
      const ok = await deliver(x, x.provider, at);
      expect(ok.status).toBe(201);
      const over = await deliver(x, x.provider, at.replace('<!-- ', '<!--  ')).expect(413);
      expect(over.body.code).toBe('FILE_TOO_LARGE');
    }, 60_000);
  });
});
