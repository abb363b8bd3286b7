import {
  AddressKind,
  DeliveryForm,
  EventEnvelope,
  Frequency,
  PERSON_IDENTITY_GET,
  PERSON_RESOLVE,
  PersonIdentityReply,
  PersonIdentityRequest,
  PersonResolveRequest,
  ProductCategory,
  ProvisionGrantedV1,
  Role,
  Sex,
  sourceOf,
  TARIFF_GET,
  TariffGetRequest,
  Unit,
  FinancingVariant,
} from '@vangnet/contracts';
import { pseudonymize } from '@vangnet/auth';
import { IstandaardMessage, writeMessage } from '@vangnet/istandaarden';
import { ensureStream, prefixed } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { StubResponder, TEST_PSEUDONYM_KEY, TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { AppModule } from '../src/app.module';
import { EXCHANGE_APP_OPTIONS } from '../src/app.options';

export const GM_LEIDEN = 'GM0546';
export const GM_LEIDERDORP = 'GM0547';
export const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
export const AGB = '12345678';
export const OTHER_AGB = '87654321';

export interface Exchange {
  ctx: TestContext;
  svc: TestService;
  clock: Clock;
  provider: string;
  otherProvider: string;
  caseworker: string;
  /** personId → identity access would answer; bsn → personId for resolve. */
  persons: Map<string, PersonIdentityReply>;
  identity: StubResponder<PersonIdentityRequest>;
  resolve: StubResponder<PersonResolveRequest>;
  tariff: StubResponder<TariffGetRequest>;
  close(): Promise<void>;
}

/** The real exchange on its own database and prefix; access and procurement answered by stubs. */
export async function startExchange(today: string, env: Record<string, string> = {}): Promise<Exchange> {
  process.env.VANGNET_PSEUDONYM_KEY = TEST_PSEUDONYM_KEY;
  const ctx = await TestContext.create();
  const persons = new Map<string, PersonIdentityReply>();
  const identity = await ctx.stub<PersonIdentityRequest>(PERSON_IDENTITY_GET, (q) => {
    const p = persons.get(q.personId);
    return p ? { reply: p } : { error: { code: 'PERSON_NOT_FOUND', message: 'unknown' } };
  });
  const resolve = await ctx.stub<PersonResolveRequest>(PERSON_RESOLVE, (q) => {
    const hit = [...persons.entries()].find(([, p]) => p.bsn === q.bsn);
    return { reply: { personId: hit?.[0] ?? randomUUID(), personPseudonym: pseudonymize(q.bsn, TEST_PSEUDONYM_KEY) } };
  });
  const tariff = await ctx.stub<TariffGetRequest>(TARIFF_GET, (q) =>
    q.product.code === 'NOCON' ? { error: { code: 'NO_CONTRACT', message: 'no contract' } } : { reply: { contractId: randomUUID(), variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents: 5000 } },
  );
  const svc = await ctx.start(AppModule, EXCHANGE_APP_OPTIONS, { EXCHANGE_JOB_INTERVAL_MS: '0', ...env });
  const clock = svc.app.get(Clock);
  clock.set(today);
  const provider = await ctx.token({ sub: 'zorg', org: `AGB:${AGB}`, roles: [Role.PROVIDER] });
  const otherProvider = await ctx.token({ sub: 'ander', org: `AGB:${OTHER_AGB}`, roles: [Role.PROVIDER] });
  const caseworker = await ctx.token({ sub: 'cw', org: GM_LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDEN] });
  return { ctx, svc, clock, provider, otherProvider, caseworker, persons, identity, resolve, tariff, close: () => ctx.close() };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A BSN that passes the eleven-test, from a seed. */
export function bsnOf(seed: number): string {
  for (let n = 100_000_000 + seed * 97; ; n++) {
    const d = String(n).padStart(9, '0').split('').map(Number);
    const sum = d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8];
    if (sum % 11 === 0) return d.join('');
  }
}

export function aPerson(bsn: string, o: Partial<PersonIdentityReply> = {}): PersonIdentityReply {
  return {
    bsn,
    birthDate: '1980-03-14',
    sex: Sex.FEMALE,
    name: { familyName: { name: 'Jansen', prefix: 'van' }, givenNames: 'Anna Maria', initials: 'AM' },
    address: { kind: AddressKind.BRP, street: 'Breestraat', houseNumber: 12, postcode: '2311CS', city: 'Leiden', countryCode: 'NL' },
    safetyFlag: false,
    ...o,
  };
}

/** A granted in-kind provision with a provider, as access publishes it. */
export function aGrant(o: Partial<ProvisionGrantedV1> = {}): ProvisionGrantedV1 {
  const id = o.provisionId ?? randomUUID();
  return {
    provisionId: id,
    lineageId: o.lineageId ?? id,
    version: 1,
    validFrom: '2026-10-01',
    decisionId: randomUUID(),
    personId: randomUUID(),
    personPseudonym: pseudonymize(bsnOf(1), TEST_PSEUDONYM_KEY),
    product: { category: ProductCategory.GUIDANCE, code: '02A01' },
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: AGB,
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    period: { start: '2026-10-01', end: '2027-09-30' },
    tariffCents: 5000,
    tariffUnit: Unit.HOUR,
    variant: FinancingVariant.EFFORT,
    municipality: GM_LEIDEN,
    responsibleMunicipality: GM_LEIDEN,
    crisis: false,
    assignmentNumber: 1000 + Math.floor(Math.random() * 1_000_000),
    ...o,
  };
}

/** Publish an event into another service's stream, as its outbox relay would. */
export async function publishEvent<T>(ctx: TestContext, type: string, data: T, municipality: string | null = GM_LEIDEN): Promise<EventEnvelope<T>> {
  const service = type.split('.')[0] as 'access';
  await ensureStream(await ctx.nc.jetstreamManager(), service);
  const envelope: EventEnvelope<T> = { id: randomUUID(), type, source: sourceOf(service), time: new Date().toISOString(), municipality, correlationId: randomUUID(), data };
  await ctx.nc.jetstream().publish(prefixed(type), Buffer.from(JSON.stringify(envelope)), { msgID: envelope.id });
  return envelope;
}

export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- message files, as a provider writes them --------------------------------------------

const XSD = { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' };
let seq = 0;
export const nextId = () => `T${Date.now().toString(36).toUpperCase().slice(-6)}${(++seq).toString().padStart(4, '0')}`.slice(0, 12);

const header = (code: string, o: { agb?: string; gemeente?: string; id?: string; dagtekening?: string }) => ({
  berichtCode: code,
  berichtVersie: 3,
  berichtSubversie: 2,
  afzender: o.agb ?? AGB,
  ontvanger: o.gemeente ?? '0546',
  berichtIdentificatie: { identificatie: o.id ?? nextId(), dagtekening: o.dagtekening ?? '2026-11-20' },
  xsdVersie: XSD,
});

const shortName = { geslachtsnaam: { achternaam: 'Jansen', voorvoegsel: 'van' }, voorletters: 'AM' };

export function a305(o: { bsn: string; number: number; begindatum?: string; agb?: string; gemeente?: string; id?: string }): string {
  return writeMessage({
    standard: 'iwmo',
    messageType: '305',
    header: header('418', o),
    client: {
      bsn: o.bsn,
      geboortedatum: { datum: '1980-03-14' },
      geslacht: '2',
      naam: shortName,
      startProducten: [{ toewijzingNummer: o.number, product: { categorie: '02', code: '02A01' }, toewijzingIngangsdatum: '2026-10-01', begindatum: o.begindatum ?? '2026-10-05', statusAanlevering: '1' }],
    },
  } as unknown as IstandaardMessage);
}

export function a315(o: { bsn: string; references: string[]; id?: string }): string {
  return writeMessage({
    standard: 'iwmo',
    messageType: '315',
    header: header('444', o),
    client: {
      bsn: o.bsn,
      geboortedatum: { datum: '1980-03-14' },
      geslacht: '2',
      naam: shortName,
      aangevraagdeProducten: o.references.map((r, i) => ({
        referentieAanbieder: r,
        product: { categorie: '02', code: `02A0${i + 1}` },
        toewijzingIngangsdatum: '2026-12-01',
        toewijzingEinddatum: '2027-05-31',
        omvang: { volume: 3, eenheid: '04', frequentie: '2' },
        verwijzer: { type: '02', naam: 'Huisarts Pietersen' },
      })),
    },
  } as unknown as IstandaardMessage);
}

export interface Line {
  reference: string;
  number: number;
  volume?: number;
  tariff?: number;
  amount?: number;
  code?: string;
  period?: [string, string];
}

export function a323(o: { bsn: string; lines: Line[]; number?: string; id?: string; agb?: string; period?: [string, string] }): string {
  const [start, end] = o.period ?? ['2026-10-01', '2026-10-31'];
  const prestaties = o.lines.map((l) => {
    const volume = l.volume ?? 4;
    const tariff = l.tariff ?? 5000;
    return {
      productReferentie: { referentieNummer: l.reference },
      toewijzingNummer: l.number,
      productCategorie: '02',
      productCode: l.code ?? '02A01',
      productPeriode: { begindatum: l.period?.[0] ?? start, einddatum: l.period?.[1] ?? end },
      geleverdVolume: volume,
      eenheid: '04',
      productTarief: tariff,
      ingediendBedrag: { bedrag: l.amount ?? volume * tariff, debetCredit: 'D' },
    };
  });
  const total = prestaties.reduce((s, p) => s + p.ingediendBedrag.bedrag, 0);
  return writeMessage({
    standard: 'iwmo',
    messageType: '323',
    header: header('484', o),
    declaratie: {
      declaratieNummer: o.number ?? nextId().slice(0, 12),
      declaratiePeriode: { begindatum: start, einddatum: end },
      declaratieDagtekening: '2026-11-20',
      totaalIngediendBedrag: { totaalBedrag: total, debetCredit: 'D' },
      clienten: [{ bsn: o.bsn, prestaties }],
    },
  } as unknown as IstandaardMessage);
}

/** POST a file to the mailbox as this provider. */
export function deliver(x: Exchange, token: string, xml: string | Buffer) {
  return x.svc.http.post('/api/exchange/v1/mailbox').set(auth(token)).set('Content-Type', 'application/xml').send(Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8'));
}

/** What waits in the provider's mailbox, newest matching first. */
export async function waitingOf(x: Exchange, token: string, messageType: string): Promise<Array<{ id: string; messageType: string; inReplyTo: string | null }>> {
  const r = await x.svc.http.get('/api/exchange/v1/mailbox').set(auth(token)).expect(200);
  return (r.body.items as Array<{ id: string; messageType: string; inReplyTo: string | null }>).filter((m) => m.messageType === messageType);
}

export async function fileOf(x: Exchange, token: string, id: string): Promise<string> {
  const r = await x.svc.http.get(`/api/exchange/v1/mailbox/${id}`).set(auth(token)).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
  if (r.status !== 200) throw new Error(`file ${id}: ${r.status}`);
  return r.body as string;
}

export function a307(o: { bsn: string; number: number; id?: string }): string {
  return writeMessage({
    standard: 'iwmo',
    messageType: '307',
    header: header('420', o),
    client: {
      bsn: o.bsn,
      geboortedatum: { datum: '1980-03-14' },
      geslacht: '2',
      naam: shortName,
      stopProducten: [{ toewijzingNummer: o.number, product: { categorie: '02', code: '02A01' }, toewijzingIngangsdatum: '2026-10-01', begindatum: '2026-10-05', redenBeeindiging: '19', einddatum: '2026-11-15', statusAanlevering: '1' }],
    },
  } as unknown as IstandaardMessage);
}

export function a317(o: { bsn: string; number: number; reference: string; id?: string }): string {
  return writeMessage({
    standard: 'iwmo',
    messageType: '317',
    header: header('480', o),
    client: {
      bsn: o.bsn,
      verzoek: {
        referentieAanbieder: o.reference,
        redenVerzoek: '1',
        teWijzigenProducten: [{ toewijzingNummer: o.number, gewensteIngangsdatum: '2026-12-01', einddatum: '2027-09-30', omvang: { volume: 5, eenheid: '04', frequentie: '2' } }],
      },
    },
  } as unknown as IstandaardMessage);
}
