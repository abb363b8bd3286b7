import { RunningPlatform } from './platform';

// Issue 18's "the access log for a BSN lists the reads made in the test by each service", on the
// whole platform over HTTP only: one resident in Leiden is read through the real domain routes of
// every service that holds personal data about a resident (access, care plans, housing, finance,
// the exchange), then Leiden's auditor asks access for the resident's access log (AVG art. 15).
// Every service must answer (procurement too: it holds no resident data — contracts, catalogues,
// ceilings, client stops, subsidies and waiting times are about organisations — and answers with
// nothing), every read made here must be listed with organisation, role, what, why and when, the
// reads Leiderdorp made of the same resident must not be (each municipality is its own
// controller), and asking for the log is itself logged.
//
// Each read of the test is made with a token of its own (`sub`), so the records it wrote can be
// told from those of the set-up and of the polling.

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const LEIDEN = 'GM0546';
const LEIDERDORP = 'GM0547';
const AGB = '97000018';
const TODAY = '2026-11-23';

/** A BSN that passes the eleven-proof, distinct per n (a range of its own among the e2e tests). */
function bsn(n: number): string {
  for (let i = 0; ; i++) {
    const digits = String(730_000_000 + n * 1000 + i).padStart(9, '0').slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10) return digits + String(check);
  }
}

// A provider's request for care (iWmo 315) naming the resident, as the exchange e2e test writes one.
const XSD = '<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>\r\n<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>';
const crlf = (s: string) => s.trim().replace(/\r?\n\s*/g, '\r\n');

function request315(bsnOf: string, reference: string): string {
  const t = 'wmo315';
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <${t}:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:${t}="http://www.istandaarden.nl/iwmo/3_2/${t}/schema">
  <${t}:Header>
    <${t}:BerichtCode>444</${t}:BerichtCode><${t}:BerichtVersie>3</${t}:BerichtVersie><${t}:BerichtSubversie>2</${t}:BerichtSubversie>
    <${t}:Afzender>${AGB}</${t}:Afzender><${t}:Ontvanger>0546</${t}:Ontvanger>
    <${t}:BerichtIdentificatie><iwmo:Identificatie>${reference}</iwmo:Identificatie><iwmo:Dagtekening>${TODAY}</iwmo:Dagtekening></${t}:BerichtIdentificatie>
    <${t}:XsdVersie>${XSD}</${t}:XsdVersie>
  </${t}:Header>
  <${t}:Client><${t}:Bsn>${bsnOf}</${t}:Bsn><${t}:Geboortedatum><iwmo:Datum>1979-02-03</iwmo:Datum></${t}:Geboortedatum><${t}:Geslacht>2</${t}:Geslacht>
    <${t}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Inzage1</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>N</iwmo:Voorletters></${t}:Naam>
  <${t}:AangevraagdeProducten><${t}:AangevraagdProduct>
    <${t}:ReferentieAanbieder>${reference}</${t}:ReferentieAanbieder><${t}:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>02A01</iwmo:Code></${t}:Product>
    <${t}:ToewijzingIngangsdatum>2026-12-01</${t}:ToewijzingIngangsdatum><${t}:ToewijzingEinddatum>2027-05-31</${t}:ToewijzingEinddatum>
    <${t}:Omvang><iwmo:Volume>2</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></${t}:Omvang>
    <${t}:Verwijzer><iwmo:Type>02</iwmo:Type><iwmo:Naam>Huisarts E2E</iwmo:Naam></${t}:Verwijzer>
  </${t}:AangevraagdProduct></${t}:AangevraagdeProducten></${t}:Client></${t}:Bericht>`);
}

interface Entry {
  service: string;
  organisation: string;
  actor: string;
  roles: string[];
  action: string;
  resource: string;
  resourceId: string | null;
  purpose: string;
  legalBasis: string;
  municipality: string | null;
  at: string;
}

interface AccessLog {
  items: Entry[];
  services: Array<{ service: string; outcome: string; records: number; truncated: boolean }>;
  complete: boolean;
}

/** One read the test made: who, in which service, of what, for which municipality, and between when. */
interface Read {
  service: string;
  actor: string;
  organisation: string;
  roles: string[];
  resource: string;
  resourceId: string;
  municipality: string;
  before: number;
  after: number;
}

describe('the resident’s access log over every service', () => {
  let p: RunningPlatform;
  const resident = bsn(1);
  const reads: Read[] = [];
  // Set-up and polling tokens (their records are not the reads under test).
  let manager: string;
  let caseworker: string;
  let decider: string;
  let officer: string;
  let coordinator: string;
  let controller: string;
  let provider: string;

  beforeAll(async () => {
    p = await RunningPlatform.start({ demo: false, today: TODAY });
    manager = await p.token({ sub: 'setup-manager', org: LEIDEN, roles: ['procurement.contract-manager'], municipalities: ALL });
    caseworker = await p.token({ sub: 'setup-caseworker', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] });
    decider = await p.token({ sub: 'setup-decider', org: LEIDEN, roles: ['access.decision-maker'], municipalities: [LEIDEN] });
    officer = await p.token({ sub: 'setup-officer', org: LEIDEN, roles: ['housing.placement-officer'], municipalities: [LEIDEN] });
    coordinator = await p.token({ sub: 'setup-coordinator', org: LEIDEN, roles: ['care-plans.coordinator'], municipalities: [LEIDEN] });
    controller = await p.token({ sub: 'setup-controller', org: LEIDEN, roles: ['finance.controller'], municipalities: [LEIDEN] });
    provider = await p.token({ sub: 'setup-provider', org: `AGB:${AGB}`, roles: ['provider'] });
    // A provider contracted for guidance (02) and protected housing (15), with the codes the exchange's 301 names.
    await ok('POST', '/api/procurement/v1/providers', manager, { agb: AGB, kvk: '70000018', name: 'Inzage E2E', kind: 'CARE_PROVIDER', contact: { email: 'inkoop@inzage-e2e.example' } });
    for (const year of [2026, 2027]) {
      await ok('POST', `/api/procurement/v1/catalogue/${LEIDEN}/${year}`, manager, {
        entries: [
          { category: '02', code: '02A01', name: 'Individuele begeleiding', unit: 'HOUR' },
          { category: '15', code: '15A01', name: 'Beschermd wonen intramuraal', unit: 'DAY' },
        ],
      });
    }
    await ok('POST', '/api/procurement/v1/contracts', manager, {
      reference: 'E2E-INZAGE-2026',
      providerAgb: AGB,
      municipalities: ALL,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: [
        { product: { category: '02' }, variant: 'EFFORT', unit: 'HOUR', crisis: false, tariffs: [{ year: 2026, tariffCents: 6480 }, { year: 2027, tariffCents: 6690 }] },
        { product: { category: '15' }, variant: 'OUTPUT', unit: 'DAY', crisis: false, tariffs: [{ year: 2026, tariffCents: 14_500 }, { year: 2027, tariffCents: 14_950 }] },
      ],
    });
    // The region's housing policy is set by a token acting for every member municipality.
    const regional = await p.token({ sub: 'setup-regional-officer', org: LEIDEN, roles: ['housing.placement-officer'], municipalities: ALL });
    const scheme = await ok('POST', '/api/housing/v1/priority-schemes', regional, { name: 'E2E inzage', seed: 'e2e-inzage', factors: [{ factor: 'WAITING_DAYS', weight: 1 }] });
    await ok('POST', `/api/housing/v1/priority-schemes/${scheme.id}/activate`, regional, { activeFrom: TODAY });
  }, 480_000);

  afterAll(() => p?.stop());

  async function ok(method: string, path: string, token: string, body?: unknown, status = [200, 201]) {
    const res = await p.request(method, path, { token, body });
    if (!status.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  type Logged = { resource: string; resourceId: string; municipality: string };

  /** A read of personal data by a token of its own, remembered with what it must have logged (known before, or found in the answer). */
  async function read(service: string, path: string, who: { sub: string; org: string; roles: string[]; municipalities?: string[] }, logged: Logged | ((body: any) => Logged)) {
    const token = await p.token(who);
    const before = Date.now();
    const body = await ok('GET', path, token);
    const after = Date.now();
    reads.push({ service, actor: who.sub, organisation: who.org, roles: who.roles, ...(typeof logged === 'function' ? logged(body) : logged), before, after });
    return body;
  }

  async function accessLog(token: string): Promise<AccessLog> {
    return (await ok('POST', '/api/access/v1/resident-access-log', token, { bsn: resident }, [200])) as AccessLog;
  }

  let personId: string;
  let leiderdorpPersonId: string;
  let decisionId: string;
  let guidanceLineage: string;
  let housingLineage: string;

  it('should read the resident through the real routes of every service that holds personal data', async () => {
    // Access: the person, a household (care plans plan for households), an application and a decision
    // granting guidance and protected housing in kind.
    const person = await ok('POST', '/api/access/v1/persons', caseworker, { bsn: resident, familyName: 'Inzage1', givenName: 'Noor', birthDate: '1979-02-03', brpMunicipality: LEIDEN, municipality: LEIDEN });
    personId = person.id;
    const household = await ok('POST', '/api/access/v1/households', caseworker, { municipality: LEIDEN, members: [{ personId, role: 'APPLICANT' }] });
    const application = await ok('POST', '/api/access/v1/applications', caseworker, { personId, municipality: LEIDEN, law: 'WMO' });
    const decision = await ok('POST', '/api/access/v1/decisions', decider, {
      applicationId: application.id,
      provisions: [
        { product: { category: '02' }, deliveryForm: 'IN_KIND', providerAgb: AGB, volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' }, period: { start: '2026-12-01', end: '2027-11-30' } },
        { product: { category: '15' }, deliveryForm: 'IN_KIND', providerAgb: AGB, volume: { amount: 7, unit: 'DAY', frequency: 'PER_WEEK' }, period: { start: '2026-12-01', end: '2027-11-30' } },
      ],
    });
    decisionId = decision.id;

    // access: the person's record and the decision, by Leiden's caseworker and decision-maker.
    await read('access', `/api/access/v1/persons/${personId}`, { sub: 'reader-access-caseworker', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] }, { resource: 'person', resourceId: personId, municipality: LEIDEN });
    const granted = await read('access', `/api/access/v1/decisions/${decisionId}`, { sub: 'reader-access-decider', org: LEIDEN, roles: ['access.decision-maker'], municipalities: [LEIDEN] }, { resource: 'decision', resourceId: decisionId, municipality: LEIDEN });
    guidanceLineage = granted.provisions.find((v: { product: { category: string } }) => v.product.category === '02').provisionId;
    housingLineage = granted.provisions.find((v: { product: { category: string } }) => v.product.category === '15').provisionId;
    // A neighbour's report the resident cannot ask help for themselves: an outreach task (bemoeizorg).
    const registration = await ok('POST', '/api/access/v1/registrations', caseworker, { personId, receivingMunicipality: LEIDEN, source: 'MELDPUNT', channel: 'PHONE', canAskForHelp: false, summary: 'Buren melden verwaarlozing.' });
    const outreachTask = (await ok('GET', `/api/access/v1/registrations/${registration.id}`, caseworker)).outreachTask.id;
    // access's deadlines worklist: the registration's investigation term (Wmo 2015 art. 2.3.2), due in six weeks.
    const termOf = (list: { items: Array<{ caseId: string; deadlineId: string }> }) => list.items.find((d) => d.caseId === registration.id);
    const terms = await read('access', '/api/access/v1/worklist?dueWithinDays=366&kind=INVESTIGATION', { sub: 'reader-access-deadlines', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] }, (list) => ({
      resource: 'deadline',
      resourceId: termOf(list)?.deadlineId ?? 'no investigation term listed',
      municipality: LEIDEN,
    }));
    expect(termOf(terms)).toMatchObject({ personId, kind: 'INVESTIGATION' });
    await read('access', `/api/access/v1/outreach-tasks/${outreachTask}`, { sub: 'reader-access-outreach', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] }, { resource: 'outreach-task', resourceId: outreachTask, municipality: LEIDEN });

    // finance: the guidance's commitment, once access's grant was booked.
    await p.until(`/api/finance/v1/commitments?provisionId=${guidanceLineage}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 30_000);
    await read('finance', `/api/finance/v1/commitments?provisionId=${guidanceLineage}`, { sub: 'reader-finance', org: LEIDEN, roles: ['finance.controller'], municipalities: [LEIDEN] }, { resource: 'commitment', resourceId: guidanceLineage, municipality: LEIDEN });

    // housing: the protected-housing provision put the resident on the waiting list.
    const listed = await p.until(`/api/housing/v1/waitlist?personId=${personId}`, officer, (r) => r.status === 200 && r.body.items.length === 1, 30_000);
    const entryId = listed.body.items[0].id;
    expect(listed.body.items[0].provisionLineageId).toBe(housingLineage);
    await read('housing', `/api/housing/v1/waitlist/${entryId}`, { sub: 'reader-housing', org: LEIDEN, roles: ['housing.placement-officer'], municipalities: [LEIDEN] }, { resource: 'waitlist-entry', resourceId: entryId, municipality: LEIDEN });

    // care plans: a plan for the household access announced.
    await p.until('/api/care-plans/v1/households?limit=500', coordinator, (r) => r.status === 200 && r.body.items.some((h: { householdId: string }) => h.householdId === household.id), 30_000);
    const plan = await ok('POST', '/api/care-plans/v1/plans', coordinator, { householdId: household.id, coordinatorOrg: LEIDEN, coordinatorTeam: 'Sociaal team Leiden', openedOn: TODAY, reviewIntervalMonths: 6 });
    await read('care-plans', `/api/care-plans/v1/plans/${plan.id}`, { sub: 'reader-care-plans', org: LEIDEN, roles: ['care-plans.coordinator'], municipalities: [LEIDEN] }, { resource: 'care-plan', resourceId: plan.id, municipality: LEIDEN });
    await read('care-plans', `/api/care-plans/v1/plans/${plan.id}/handovers`, { sub: 'reader-care-plans-handovers', org: LEIDEN, roles: ['care-plans.coordinator'], municipalities: [LEIDEN] }, { resource: 'care-plan', resourceId: plan.id, municipality: LEIDEN });

    // exchange: the decision's 301 waits in the provider's mailbox; the provider collects it (a read
    // made *for* Leiden by another organisation), and Leiden's caseworker reads it in the archive.
    const waiting = await p.until('/api/exchange/v1/mailbox', provider, (r) => r.status === 200 && r.body.items.some((m: { messageType: string }) => m.messageType === '301'), 30_000);
    const message = waiting.body.items.find((m: { messageType: string }) => m.messageType === '301');
    expect(message.municipality).toBe(LEIDEN);
    await read('exchange', `/api/exchange/v1/mailbox/${message.id}`, { sub: 'reader-provider', org: `AGB:${AGB}`, roles: ['provider'] }, { resource: 'message', resourceId: message.id, municipality: LEIDEN });
    await read('exchange', `/api/exchange/v1/messages/${message.id}`, { sub: 'reader-exchange-caseworker', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] }, { resource: 'message', resourceId: message.id, municipality: LEIDEN });

    // access's worklist: the provider asks for more care (a 315 through the exchange's mailbox), and
    // Leiden's caseworker finds the request among the resident's tasks.
    const delivered = await fetch(`${p.gateway}/api/exchange/v1/mailbox`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${provider}` }, body: Buffer.from(request315(resident, 'E2EINZAGE315'), 'utf8') });
    expect(delivered.status).toBe(201);
    const tasks = await p.until(`/api/access/v1/worklist/tasks?personId=${personId}`, caseworker, (r) => r.status === 200 && r.body.items.length === 1, 30_000);
    await read('access', `/api/access/v1/worklist/tasks?personId=${personId}`, { sub: 'reader-access-worklist', org: LEIDEN, roles: ['access.caseworker'], municipalities: [LEIDEN] }, { resource: 'worklist-task', resourceId: tasks.body.items[0].id, municipality: LEIDEN });

    // Leiderdorp knows the same resident and reads its own record: Leiderdorp's processing, not Leiden's.
    const leiderdorp = await p.token({ sub: 'reader-leiderdorp', org: LEIDERDORP, roles: ['access.caseworker'], municipalities: [LEIDERDORP] });
    leiderdorpPersonId = (await ok('POST', '/api/access/v1/persons', leiderdorp, { bsn: resident, familyName: 'Inzage1', givenName: 'Noor', birthDate: '1979-02-03', brpMunicipality: LEIDERDORP, municipality: LEIDERDORP })).id;
    await ok('GET', `/api/access/v1/persons/${leiderdorpPersonId}?municipality=${LEIDERDORP}`, leiderdorp);

    expect(new Set(reads.map((r) => r.service))).toEqual(new Set(['access', 'finance', 'housing', 'care-plans', 'exchange']));
  }, 240_000);

  it('should list every read of the test, from every service, with organisation, role, what, why and when, for Leiden’s auditor only', async () => {
    const auditor = await p.token({ sub: 'auditor-leiden', org: LEIDEN, roles: ['auditor'], municipalities: [LEIDEN] });
    const log = await accessLog(auditor);

    // Every service answered in full: the answer is complete.
    expect(Object.fromEntries(log.services.map((s) => [s.service, s.outcome]))).toEqual({
      access: 'ANSWERED',
      'care-plans': 'ANSWERED',
      housing: 'ANSWERED',
      procurement: 'ANSWERED',
      finance: 'ANSWERED',
      exchange: 'ANSWERED',
    });
    expect(log.complete).toBe(true);
    // Procurement keeps no resident's data, so it has nothing to give; the others have this resident.
    const count = Object.fromEntries(log.services.map((s) => [s.service, s.records]));
    expect(count.procurement).toBe(0);
    for (const service of ['access', 'care-plans', 'housing', 'finance', 'exchange']) expect(count[service]).toBeGreaterThan(0);
    expect(log.items.length).toBe(log.services.reduce((n, s) => n + s.records, 0));

    // Each read of the test is listed once, as it was made (every one missing is named).
    const listedOf = (r: Read) => log.items.filter((i) => i.actor === r.actor && i.service === r.service && i.resourceId === r.resourceId);
    expect(reads.filter((r) => listedOf(r).length !== 1).map((r) => `${r.service} ${r.resource} read by ${r.actor}: listed ${listedOf(r).length} times`)).toEqual([]);
    for (const r of reads) {
      const [entry] = listedOf(r);
      expect(entry).toMatchObject({ organisation: r.organisation, roles: r.roles, action: 'READ', resource: r.resource, resourceId: r.resourceId, municipality: r.municipality });
      // Why: a purpose and the legal ground it rests on (an article of a law).
      expect(entry.purpose.length).toBeGreaterThan(10);
      expect(entry.legalBasis).toMatch(/art\. \d/);
      // When: while the request was under way (a second of slack for the clocks' resolution).
      const at = Date.parse(entry.at);
      expect(at).toBeGreaterThanOrEqual(r.before - 1000);
      expect(at).toBeLessThanOrEqual(r.after + 1000);
    }
    // The provider's collection is listed under the provider's organisation and role, made for Leiden.
    expect(log.items.find((i) => i.actor === 'reader-provider')).toMatchObject({ service: 'exchange', organisation: `AGB:${AGB}`, roles: ['provider'], municipality: LEIDEN });

    // Nothing made by or for Leiderdorp: it is Leiderdorp's to answer.
    expect(log.items.filter((i) => i.actor === 'reader-leiderdorp' || i.organisation === LEIDERDORP || i.municipality === LEIDERDORP)).toEqual([]);
    // Newest first, and neither the BSN nor another municipality in the answer.
    expect(log.items.map((i) => i.at)).toEqual([...log.items.map((i) => i.at)].sort().reverse());
    expect(JSON.stringify(log)).not.toContain(resident);
    expect(JSON.stringify(log)).not.toContain(LEIDERDORP);
  });

  it('should show Leiderdorp’s auditor Leiderdorp’s reads and none of Leiden’s', async () => {
    const auditor = await p.token({ sub: 'auditor-leiderdorp', org: LEIDERDORP, roles: ['auditor'], municipalities: [LEIDERDORP] });
    const log = await accessLog(auditor);
    expect(log.complete).toBe(true);
    expect(log.items.find((i) => i.actor === 'reader-leiderdorp' && i.action === 'READ')).toMatchObject({ service: 'access', organisation: LEIDERDORP, resource: 'person', resourceId: leiderdorpPersonId, municipality: LEIDERDORP });
    expect(log.items.filter((i) => i.organisation === LEIDEN || i.municipality === LEIDEN)).toEqual([]);
    for (const r of reads) expect(log.items.some((i) => i.actor === r.actor)).toBe(false);
  });

  it('should log the access-log request itself, under the auditor who asked', async () => {
    const auditor = await p.token({ sub: 'auditor-leiden-2', org: LEIDEN, roles: ['auditor'], municipalities: [LEIDEN] });
    const before = Date.now();
    await accessLog(auditor);
    const after = Date.now();
    const again = await accessLog(auditor);
    const asked = again.items.filter((i) => i.actor === 'auditor-leiden-2' && i.resource === 'resident-access-log');
    // The first request is in the second answer (the second one is logged after its answer was read).
    expect(asked).toEqual([expect.objectContaining({ service: 'access', organisation: LEIDEN, roles: ['auditor'], action: 'READ', municipality: null, legalBasis: expect.stringContaining('AVG art. 15') })]);
    expect(asked[0].purpose).toMatch(/inzageverzoek/);
    expect(Date.parse(asked[0].at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(asked[0].at)).toBeLessThanOrEqual(after + 1000);
    // The earlier auditor's requests are there too: every inzage is part of the resident's log.
    expect(again.items.some((i) => i.actor === 'auditor-leiden' && i.resource === 'resident-access-log')).toBe(true);
  });
});
