import { MAX_FILE_BYTES, parseMessage, validateMessage } from '@vangnet/istandaarden';
import { RunningPlatform } from './platform';

// The message exchange with the real platform, over HTTP only: a decision in access becomes a 301
// in the provider's mailbox, a 305 starts the delivery on the provision, a 315 becomes a worklist
// task whose decision is a 301 with the provider's reference, a 323 with one bad line gets a 325
// rejecting exactly that line after finance assessed the rest, a 323 that breaks the XSD gets its
// retour and never reaches finance, and a file delivered twice is processed once.

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const AGB = '97000016';
const TODAY = '2026-11-23';

function bsn(n: number): string {
  for (let i = 0; ; i++) {
    const digits = String(720_000_000 + n * 1000 + i).padStart(9, '0').slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10) return digits + String(check);
  }
}

const XSD = '<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>\r\n<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>';
const NS = (t: string) => `xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:wmo${t}="http://www.istandaarden.nl/iwmo/3_2/wmo${t}/schema"`;
const crlf = (s: string) => s.trim().replace(/\r?\n\s*/g, '\r\n');
let seq = 0;
const ident = () => `E2E${Date.now().toString(36).toUpperCase().slice(-5)}${++seq}`.slice(0, 12);

function header(t: string, code: string, id = ident()): string {
  return `<wmo${t}:Header>
    <wmo${t}:BerichtCode>${code}</wmo${t}:BerichtCode><wmo${t}:BerichtVersie>3</wmo${t}:BerichtVersie><wmo${t}:BerichtSubversie>2</wmo${t}:BerichtSubversie>
    <wmo${t}:Afzender>${AGB}</wmo${t}:Afzender><wmo${t}:Ontvanger>0546</wmo${t}:Ontvanger>
    <wmo${t}:BerichtIdentificatie><iwmo:Identificatie>${id}</iwmo:Identificatie><iwmo:Dagtekening>${TODAY}</iwmo:Dagtekening></wmo${t}:BerichtIdentificatie>
    <wmo${t}:XsdVersie>${XSD}</wmo${t}:XsdVersie>
  </wmo${t}:Header>`;
}

const client = (t: string, n: number) =>
  `<wmo${t}:Bsn>${bsn(n)}</wmo${t}:Bsn><wmo${t}:Geboortedatum><iwmo:Datum>1980-05-05</iwmo:Datum></wmo${t}:Geboortedatum><wmo${t}:Geslacht>2</wmo${t}:Geslacht>
   <wmo${t}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Berichten${n}</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>K</iwmo:Voorletters></wmo${t}:Naam>`;

function a305(n: number, number: number): string {
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo305:Bericht ${NS('305')}>${header('305', '418')}
  <wmo305:Client>${client('305', n)}<wmo305:StartProducten><wmo305:StartProduct>
    <wmo305:ToewijzingNummer>${number}</wmo305:ToewijzingNummer><wmo305:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>02A01</iwmo:Code></wmo305:Product>
    <wmo305:ToewijzingIngangsdatum>2026-10-01</wmo305:ToewijzingIngangsdatum><wmo305:Begindatum>2026-10-06</wmo305:Begindatum><wmo305:StatusAanlevering>1</wmo305:StatusAanlevering>
  </wmo305:StartProduct></wmo305:StartProducten></wmo305:Client></wmo305:Bericht>`);
}

function a315(n: number, reference: string): string {
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo315:Bericht ${NS('315')}>${header('315', '444')}
  <wmo315:Client>${client('315', n)}<wmo315:AangevraagdeProducten><wmo315:AangevraagdProduct>
    <wmo315:ReferentieAanbieder>${reference}</wmo315:ReferentieAanbieder><wmo315:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>02A01</iwmo:Code></wmo315:Product>
    <wmo315:ToewijzingIngangsdatum>2026-12-01</wmo315:ToewijzingIngangsdatum><wmo315:ToewijzingEinddatum>2027-05-31</wmo315:ToewijzingEinddatum>
    <wmo315:Omvang><iwmo:Volume>2</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></wmo315:Omvang>
    <wmo315:Verwijzer><iwmo:Type>02</iwmo:Type><iwmo:Naam>Huisarts E2E</iwmo:Naam></wmo315:Verwijzer>
  </wmo315:AangevraagdProduct></wmo315:AangevraagdeProducten></wmo315:Client></wmo315:Bericht>`);
}

function a323(n: number, number: string, lines: Array<{ ref: string; nr: number; volume: number }>, eenheid = '04'): string {
  const prestaties = lines
    .map(
      (l) => `<wmo323:Prestatie><wmo323:ProductReferentie><iwmo:ReferentieNummer>${l.ref}</iwmo:ReferentieNummer></wmo323:ProductReferentie>
      <wmo323:ToewijzingNummer>${l.nr}</wmo323:ToewijzingNummer><wmo323:ProductCategorie>02</wmo323:ProductCategorie><wmo323:ProductCode>02A01</wmo323:ProductCode>
      <wmo323:ProductPeriode><iwmo:Begindatum>2026-10-01</iwmo:Begindatum><iwmo:Einddatum>2026-10-31</iwmo:Einddatum></wmo323:ProductPeriode>
      <wmo323:GeleverdVolume>${l.volume}</wmo323:GeleverdVolume><wmo323:Eenheid>${eenheid}</wmo323:Eenheid><wmo323:ProductTarief>6480</wmo323:ProductTarief>
      <wmo323:IngediendBedrag><iwmo:Bedrag>${l.volume * 6480}</iwmo:Bedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:IngediendBedrag></wmo323:Prestatie>`,
    )
    .join('');
  const total = lines.reduce((s, l) => s + l.volume * 6480, 0);
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo323:Bericht ${NS('323')}>${header('323', '484')}
  <wmo323:Declaratie><wmo323:DeclaratieNummer>${number}</wmo323:DeclaratieNummer>
    <wmo323:DeclaratiePeriode><iwmo:Begindatum>2026-10-01</iwmo:Begindatum><iwmo:Einddatum>2026-10-31</iwmo:Einddatum></wmo323:DeclaratiePeriode>
    <wmo323:DeclaratieDagtekening>${TODAY}</wmo323:DeclaratieDagtekening>
    <wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${total}</iwmo:TotaalBedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
    <wmo323:Clienten><wmo323:Client><wmo323:Bsn>${bsn(n)}</wmo323:Bsn><wmo323:Prestaties>${prestaties}</wmo323:Prestaties></wmo323:Client></wmo323:Clienten>
  </wmo323:Declaratie></wmo323:Bericht>`);
}

describe('the message exchange in the platform', () => {
  let p: RunningPlatform;
  let caseworker: string;
  let decider: string;
  let provider: string;
  let controller: string;

  beforeAll(async () => {
    p = await RunningPlatform.start({ demo: false, today: TODAY });
    const manager = await p.token({ org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ALL });
    caseworker = await p.token({ org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] });
    decider = await p.token({ org: 'GM0546', roles: ['access.decision-maker'], municipalities: ['GM0546'] });
    controller = await p.token({ org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    provider = await p.token({ sub: 'zorg-e2e', org: `AGB:${AGB}`, roles: ['provider'] });
    await ok('POST', '/api/procurement/v1/providers', manager, { agb: AGB, kvk: '70000016', name: 'Begeleiding E2E', kind: 'CARE_PROVIDER', contact: { email: 'inkoop@begeleiding-e2e.example' } });
    await ok('POST', '/api/procurement/v1/catalogue/GM0546/2026', manager, { entries: [{ category: '02', code: '02A01', name: 'Individuele begeleiding', unit: 'HOUR' }] });
    await ok('POST', '/api/procurement/v1/catalogue/GM0546/2027', manager, { entries: [{ category: '02', code: '02A01', name: 'Individuele begeleiding', unit: 'HOUR' }] });
    await ok('POST', '/api/procurement/v1/contracts', manager, {
      reference: 'E2E-BEG-2026',
      providerAgb: AGB,
      municipalities: ALL,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: [{ product: { category: '02' }, variant: 'EFFORT', unit: 'HOUR', crisis: false, tariffs: [{ year: 2026, tariffCents: 6480 }, { year: 2027, tariffCents: 6690 }] }],
    });
  }, 240_000);

  afterAll(() => p?.stop());

  async function ok(method: string, path: string, token: string, body?: unknown, status = [200, 201]) {
    const res = await p.request(method, path, { token, body });
    if (!status.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function deliver(xml: string | Buffer, token = provider): Promise<{ status: number; body: any }> {
    const res = await fetch(`${p.gateway}/api/exchange/v1/mailbox`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml });
    return { status: res.status, body: await res.json() };
  }

  /** A file waiting in the provider's mailbox that `match`es, collected (and acknowledged). */
  async function collect(messageType: string, match: (xml: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = await ok('GET', '/api/exchange/v1/mailbox', provider);
      for (const m of list.items.filter((i: { messageType: string }) => i.messageType === messageType)) {
        const file = await p.request('GET', `/api/exchange/v1/mailbox/${m.id}`, { token: provider });
        if (typeof file.body === 'string' && match(file.body)) {
          await ok('POST', `/api/exchange/v1/mailbox/${m.id}/ack`, provider);
          return file.body;
        }
      }
      if (Date.now() > deadline) throw new Error(`no ${messageType} arrived`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  async function granted(n: number, requestId?: string): Promise<{ personId: string; lineageId: string; assignmentNumber: number }> {
    const person = await ok('POST', '/api/access/v1/persons', caseworker, { bsn: bsn(n), familyName: `Berichten${n}`, givenName: 'Kim', birthDate: '1980-05-05', brpMunicipality: 'GM0546', municipality: 'GM0546' });
    return decide(person.id, requestId);
  }

  async function decide(personId: string, requestId?: string) {
    const application = await ok('POST', '/api/access/v1/applications', caseworker, { personId, municipality: 'GM0546', law: 'WMO' });
    const decision = await ok('POST', '/api/access/v1/decisions', decider, {
      applicationId: application.id,
      ...(requestId ? { requestId } : {}),
      provisions: [{ product: { category: '02', code: '02A01' }, deliveryForm: 'IN_KIND', providerAgb: AGB, volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' }, period: { start: '2026-10-01', end: '2027-09-30' } }],
    });
    const read = await ok('GET', `/api/access/v1/decisions/${decision.id}`, decider);
    const provision = await ok('GET', `/api/access/v1/provisions/${read.provisions[0].provisionId}`, decider);
    return { personId, lineageId: provision.lineageId, assignmentNumber: provision.assignmentNumber };
  }

  it('should send a 301 for a decision that validates at XSD and stylesheet level, and start the delivery from the provider’s 305', async () => {
    const a = await granted(1);
    const xml = await collect('301', (x) => x.includes(`<wmo301:ToewijzingNummer>${a.assignmentNumber}</wmo301:ToewijzingNummer>`));
    const report = await validateMessage(xml, { requireCrlf: true });
    expect(report.levels.xsd).toEqual([]);
    expect(report.levels.inMessage).toEqual([]);
    expect(xml).toContain(`<wmo301:Bsn>${bsn(1)}</wmo301:Bsn>`);

    const start = await deliver(a305(1, a.assignmentNumber));
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ message: { status: 'ACCEPTED' }, answer: { messageType: '306' } });
    const shown = await p.until(`/api/access/v1/provisions/${a.lineageId}`, decider, (r) => r.status === 200 && r.body.delivery?.status === 'STARTED', 30_000);
    expect(shown.body.delivery).toMatchObject({ startDate: '2026-10-06', providerAgb: AGB });
  });

  it('should process the same file once', async () => {
    const a = await granted(2);
    await collect('301', (x) => x.includes(`<wmo301:ToewijzingNummer>${a.assignmentNumber}<`));
    const file = a305(2, a.assignmentNumber);
    const first = await deliver(file);
    const again = await deliver(file);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toMatchObject({ duplicate: true, message: { id: first.body.message.id } });
    const archive = await ok('GET', `/api/exchange/v1/messages?messageType=305&assignmentNumber=${a.assignmentNumber}`, caseworker);
    expect(archive.items).toHaveLength(1);
  });

  it('should put a 315 on the worklist and send the decision on it as a 301 with the provider’s reference', async () => {
    const person = await ok('POST', '/api/access/v1/persons', caseworker, { bsn: bsn(3), familyName: 'Berichten3', givenName: 'Kim', birthDate: '1980-05-05', brpMunicipality: 'GM0546', municipality: 'GM0546' });
    const r = await deliver(a315(3, 'E2E-REQ-3'));
    expect(r.status).toBe(201);
    expect(r.body.answer.messageType).toBe('316');
    const tasks = await p.until('/api/access/v1/worklist/tasks?kind=ASSIGNMENT_REQUEST', caseworker, (t) => t.status === 200 && t.body.items.some((i: any) => i.request?.providerReference === 'E2E-REQ-3'), 30_000);
    const task = tasks.body.items.find((i: any) => i.request?.providerReference === 'E2E-REQ-3');
    expect(task.personId).toBe(person.id);
    const a = await decide(person.id, task.request.requestId);
    await ok('POST', `/api/access/v1/worklist/tasks/${task.id}/close`, decider, { outcome: 'GRANTED', lineageIds: [a.lineageId] });
    const xml = await collect('301', (x) => x.includes('<wmo301:ReferentieAanbieder>E2E-REQ-3</wmo301:ReferentieAanbieder>'));
    const report = await validateMessage(xml, { requireCrlf: true });
    expect([...report.levels.xsd, ...report.levels.inMessage]).toEqual([]);
  });

  it('should answer a 323 with one bad line with a 325 that rejects exactly that line, after finance assessed the rest', async () => {
    const a = await granted(4);
    await collect('301', (x) => x.includes(`<wmo301:ToewijzingNummer>${a.assignmentNumber}<`));
    await p.until(`/api/finance/v1/commitments?provisionId=${a.lineageId}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 30_000);
    const r = await deliver(a323(4, 'E2ED4', [{ ref: 'E2E-D4-L1', nr: a.assignmentNumber, volume: 4 }, { ref: 'E2E-D4-L2', nr: 999_999_901, volume: 2 }]));
    expect(r.status).toBe(201);
    // Accepted with the good line for finance; the bad one found by the exchange (level 4, its assignment).
    expect([r.body.message.status, r.body.findings]).toEqual(['ACCEPTED', [expect.objectContaining({ level: 'external', retourCode: '9338' })]]);
    const xml = await collect('325', (x) => x.includes('E2E-D4-L2'), 60_000);
    const answer = parseMessage(xml);
    if (answer.messageType !== '325') throw new Error('not a 325');
    const rejected = answer.declaratieAntwoord!.clienten!.flatMap((c) => c.prestaties.map((x) => [x.productReferentie.referentieNummer, x.retourCodes]));
    expect(rejected).toEqual([['E2E-D4-L2', ['9338']]]);
    expect(answer.declaratieAntwoord!.totaalToegekendBedrag).toEqual({ totaalBedrag: 4 * 6480, debetCredit: 'D' });
    const declarations = await ok('GET', '/api/finance/v1/declarations', provider);
    expect(JSON.stringify(declarations)).toContain('E2ED4');
  });

  it('should answer a 323 that breaks the XSD with its retour and never hand it to finance', async () => {
    const a = await granted(5);
    await collect('301', (x) => x.includes(`<wmo301:ToewijzingNummer>${a.assignmentNumber}<`));
    const r = await deliver(a323(5, 'E2ED5', [{ ref: 'E2E-D5-L1', nr: a.assignmentNumber, volume: 4 }], '99'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ message: { status: 'REJECTED' }, answer: { messageType: '325' } });
    expect(r.body.findings).toEqual([expect.objectContaining({ level: 'xsd', retourCode: '0001', path: expect.stringContaining('Eenheid') })]);
    await new Promise((res) => setTimeout(res, 3000));
    const declarations = await ok('GET', '/api/finance/v1/declarations', provider);
    expect(JSON.stringify(declarations)).not.toContain('E2ED5');
  });

  it('should refuse bad input with a clear code and never a 5xx', async () => {
    const file = a305(6, 1);
    expect((await deliver('not xml at all')).body.code).toBe('MALFORMED_XML');
    expect((await deliver(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file)]))).body.code).toBe('FILE_HAS_BOM');
    const other = await p.token({ sub: 'ander', org: 'AGB:97000099', roles: ['provider'] });
    const foreign = await deliver(file, other);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const xxe = file.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
    expect((await deliver(xxe)).body.code).toBe('MALFORMED_XML');
    const bomb = file
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
      .replace('<wmo305:Bsn>', '<wmo305:Bsn>&c;');
    expect((await deliver(bomb)).body.code).toBe('MALFORMED_XML');
    // 25 MiB is the standard's limit (OP179): one byte more is refused with its code, through the gateway.
    const over = file.replace('<wmo305:Header>', `<!--${' '.repeat(MAX_FILE_BYTES - Buffer.byteLength(file) - 6)}--><wmo305:Header>`);
    expect(Buffer.byteLength(over)).toBe(MAX_FILE_BYTES + 1);
    const tooLarge = await deliver(over);
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
  }, 120_000);
});
