// The exchange's demo data: the demo providers speak iWmo 3.2 through the mailbox, as a real
// provider's software would. Three residents of Leiden get individual guidance (02A01) from
// Zorggroep Rijnland from the first day of last month; the exchange sends each a 301 (from
// access's provision.granted); the provider collects the 301s and answers each with a 302, reports the start of care with a
// 305 per assignment, declares last month with one 323 (finance assesses it and the exchange answers
// with a 325), and asks for an assignment for a fourth resident with a 315 (a task on access's
// worklist). Idempotent: residents are looked up by BSN and decided once; every file carries a
// fixed BerichtIdentificatie, so a second start delivers the same files and the exchange processes
// them once. The residents are the exchange's own, so finance's HTTP declarations of the demo's
// other provisions and these 323s do not declare the same months twice on the first start.
import { ACTORS, PROVIDERS, REGION } from './region.mjs';

const LEIDEN = REGION.central;
const GEMEENTE = LEIDEN.slice(2);
const AGB = PROVIDERS.find((p) => p.categories.includes('02')).agb;
const RESIDENTS = [
  { n: 501, given: 'Sanne', family: 'de Graaf', born: '1958-02-11' },
  { n: 502, given: 'Ahmed', family: 'El Idrissi', born: '1971-09-30' },
  { n: 503, given: 'Joke', family: 'Vermeulen', born: '1949-06-22' },
];
const REQUESTER = { n: 504, given: 'Pieter', family: 'Bakker', born: '1966-01-08' };

/** A test BSN (the 9999… range) that passes the eleven-proof. */
function testBsn(n) {
  for (let k = n; ; k += 1000) {
    const prefix = `9999${String(k % 10000).padStart(4, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
    if (sum % 11 < 10) return prefix + String(sum % 11);
  }
}

const today = () => process.env.VANGNET_TODAY ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
function lastMonth() {
  const [y, m] = today().split('-').map(Number);
  const start = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const [sy, sm] = start.split('-').map(Number);
  const end = `${start.slice(0, 8)}${String(new Date(Date.UTC(sy, sm, 0)).getUTCDate()).padStart(2, '0')}`;
  return { start, end };
}

const NS = (t) => `xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:wmo${t}="http://www.istandaarden.nl/iwmo/3_2/wmo${t}/schema"`;
// The file rules: UTF-8 without BOM, CR/LF line ends (OP192).
const crlf = (s) => s.trim().replace(/\r?\n\s*/g, '\r\n');
const header = (t, code, id) => `<wmo${t}:Header><wmo${t}:BerichtCode>${code}</wmo${t}:BerichtCode><wmo${t}:BerichtVersie>3</wmo${t}:BerichtVersie><wmo${t}:BerichtSubversie>2</wmo${t}:BerichtSubversie>
  <wmo${t}:Afzender>${AGB}</wmo${t}:Afzender><wmo${t}:Ontvanger>${GEMEENTE}</wmo${t}:Ontvanger>
  <wmo${t}:BerichtIdentificatie><iwmo:Identificatie>${id}</iwmo:Identificatie><iwmo:Dagtekening>${today()}</iwmo:Dagtekening></wmo${t}:BerichtIdentificatie>
  <wmo${t}:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo${t}:XsdVersie></wmo${t}:Header>`;
const client = (t, r) => `<wmo${t}:Bsn>${testBsn(r.n)}</wmo${t}:Bsn><wmo${t}:Geboortedatum><iwmo:Datum>${r.born}</iwmo:Datum></wmo${t}:Geboortedatum><wmo${t}:Geslacht>0</wmo${t}:Geslacht>
  <wmo${t}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>${r.family}</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>${r.given[0]}</iwmo:Voorletters></wmo${t}:Naam>`;

function file305(r, number, start) {
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo305:Bericht ${NS('305')}>${header('305', '418', `DS${number}`.slice(0, 12))}<wmo305:Client>${client('305', r)}
  <wmo305:StartProducten><wmo305:StartProduct><wmo305:ToewijzingNummer>${number}</wmo305:ToewijzingNummer>
  <wmo305:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>02A01</iwmo:Code></wmo305:Product>
  <wmo305:ToewijzingIngangsdatum>${start}</wmo305:ToewijzingIngangsdatum><wmo305:Begindatum>${start}</wmo305:Begindatum><wmo305:StatusAanlevering>1</wmo305:StatusAanlevering>
  </wmo305:StartProduct></wmo305:StartProducten></wmo305:Client></wmo305:Bericht>`);
}

function file323(lines, period, tariff) {
  const id = `DD${period.start.slice(0, 7).replace('-', '')}`;
  const clients = lines
    .map(
      (l) => `<wmo323:Client><wmo323:Bsn>${testBsn(l.r.n)}</wmo323:Bsn><wmo323:Prestaties><wmo323:Prestatie>
      <wmo323:ProductReferentie><iwmo:ReferentieNummer>${id}-${l.number}</iwmo:ReferentieNummer></wmo323:ProductReferentie>
      <wmo323:ToewijzingNummer>${l.number}</wmo323:ToewijzingNummer><wmo323:ProductCategorie>02</wmo323:ProductCategorie><wmo323:ProductCode>02A01</wmo323:ProductCode>
      <wmo323:ProductPeriode><iwmo:Begindatum>${period.start}</iwmo:Begindatum><iwmo:Einddatum>${period.end}</iwmo:Einddatum></wmo323:ProductPeriode>
      <wmo323:GeleverdVolume>${l.volume}</wmo323:GeleverdVolume><wmo323:Eenheid>04</wmo323:Eenheid><wmo323:ProductTarief>${tariff}</wmo323:ProductTarief>
      <wmo323:IngediendBedrag><iwmo:Bedrag>${l.volume * tariff}</iwmo:Bedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:IngediendBedrag>
      </wmo323:Prestatie></wmo323:Prestaties></wmo323:Client>`,
    )
    .join('');
  const total = lines.reduce((s, l) => s + l.volume * tariff, 0);
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo323:Bericht ${NS('323')}>${header('323', '484', id)}<wmo323:Declaratie><wmo323:DeclaratieNummer>${id}</wmo323:DeclaratieNummer>
  <wmo323:DeclaratiePeriode><iwmo:Begindatum>${period.start}</iwmo:Begindatum><iwmo:Einddatum>${period.end}</iwmo:Einddatum></wmo323:DeclaratiePeriode>
  <wmo323:DeclaratieDagtekening>${today()}</wmo323:DeclaratieDagtekening>
  <wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${total}</iwmo:TotaalBedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
  <wmo323:Clienten>${clients}</wmo323:Clienten></wmo323:Declaratie></wmo323:Bericht>`);
}

/** The provider's retour to a 301 it collected: everything accepted (0200), so only the header (OP065). */
export function file302(the301) {
  const pick = (re) => re.exec(the301)?.[1];
  const afzender = pick(/<wmo301:Afzender>([^<]+)</);
  const identificatie = pick(/<iwmo:Identificatie>([^<]+)</);
  const dagtekening = pick(/<iwmo:Dagtekening>([^<]+)</);
  if (!afzender || !identificatie || !dagtekening) return undefined;
  const x = '<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>';
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo302:Bericht ${NS('302')}><wmo302:Header><wmo302:BerichtCode>415</wmo302:BerichtCode><wmo302:BerichtVersie>3</wmo302:BerichtVersie><wmo302:BerichtSubversie>2</wmo302:BerichtSubversie>
  <wmo302:Afzender>${afzender}</wmo302:Afzender><wmo302:Ontvanger>${AGB}</wmo302:Ontvanger>
  <wmo302:BerichtIdentificatie><iwmo:Identificatie>${identificatie}</iwmo:Identificatie><iwmo:Dagtekening>${dagtekening}</iwmo:Dagtekening></wmo302:BerichtIdentificatie>
  <wmo302:XsdVersie>${x}</wmo302:XsdVersie><wmo302:IdentificatieRetour>${`DA${identificatie}`.slice(0, 12)}</wmo302:IdentificatieRetour><wmo302:DagtekeningRetour>${today()}</wmo302:DagtekeningRetour>
  <wmo302:XsdVersieRetour>${x}</wmo302:XsdVersieRetour><wmo302:RetourCodes><wmo302:RetourCode>0200</wmo302:RetourCode></wmo302:RetourCodes></wmo302:Header></wmo302:Bericht>`);
}

function file315(r, start) {
  const [y, m] = start.split('-').map(Number);
  const end = `${y + 1}-${String(m).padStart(2, '0')}-01`;
  return crlf(`<?xml version="1.0" encoding="UTF-8"?>
  <wmo315:Bericht ${NS('315')}>${header('315', '444', 'DR0001')}<wmo315:Client>${client('315', r)}
  <wmo315:AangevraagdeProducten><wmo315:AangevraagdProduct><wmo315:ReferentieAanbieder>DEMO-REQ-1</wmo315:ReferentieAanbieder>
  <wmo315:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>02A01</iwmo:Code></wmo315:Product>
  <wmo315:ToewijzingIngangsdatum>${start}</wmo315:ToewijzingIngangsdatum><wmo315:ToewijzingEinddatum>${end}</wmo315:ToewijzingEinddatum>
  <wmo315:Omvang><iwmo:Volume>2</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></wmo315:Omvang>
  <wmo315:Verwijzer><iwmo:Type>02</iwmo:Type><iwmo:Naam>Huisartsenpraktijk Stevenshof</iwmo:Naam></wmo315:Verwijzer>
  </wmo315:AangevraagdProduct></wmo315:AangevraagdeProducten></wmo315:Client></wmo315:Bericht>`);
}

export async function load(api) {
  const counts = { residents: 0, decisions: 0, delivered: 0, again: 0, refused: 0 };
  const [cw, decider, manager, provider] = await Promise.all([
    api.token(ACTORS.caseworker),
    api.token(ACTORS.decisionMaker),
    api.token(ACTORS.contractManager),
    api.token(ACTORS.provider(AGB)),
  ]);
  const must = async (method, path, token, body, ok = [200, 201]) => {
    const res = await api.request(method, path, { token, body });
    if (!ok.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  };
  const deliver = async (xml) => {
    const res = await fetch(`${api.gatewayUrl}/api/exchange/v1/mailbox`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${provider}` }, body: Buffer.from(xml, 'utf8') });
    const body = await res.json();
    if (res.status === 201) counts.delivered++;
    else if (res.status === 200) counts.again++;
    else {
      counts.refused++;
      console.warn(`exchange demo: a file was refused: ${res.status} ${body.code} ${body.detail ?? ''}`);
    }
    return body;
  };
  const period = lastMonth();

  // The residents and their assignments (access's decisions; the exchange sends the 301s).
  const assignments = [];
  for (const r of RESIDENTS) {
    const found = await must('POST', '/api/access/v1/persons/search', cw, { bsn: testBsn(r.n) });
    let personId = found.items[0]?.id;
    if (!personId) {
      personId = (await must('POST', '/api/access/v1/persons', cw, { bsn: testBsn(r.n), givenName: r.given, familyName: r.family, birthDate: r.born, brpMunicipality: LEIDEN, municipality: LEIDEN })).id;
      counts.residents++;
    }
    let decisions = (await must('GET', `/api/access/v1/decisions?personId=${personId}`, cw)).items ?? [];
    if (!decisions.length) {
      const application = await must('POST', '/api/access/v1/applications', cw, { personId, municipality: LEIDEN, law: 'WMO' });
      await must('POST', '/api/access/v1/decisions', decider, {
        applicationId: application.id,
        provisions: [{ product: { category: '02', code: '02A01' }, deliveryForm: 'IN_KIND', providerAgb: AGB, volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' }, period: { start: period.start, end: `${Number(period.start.slice(0, 4)) + 1}${period.start.slice(4)}` } }],
      });
      counts.decisions++;
      decisions = (await must('GET', `/api/access/v1/decisions?personId=${personId}`, cw)).items ?? [];
    }
    const decision = await must('GET', `/api/access/v1/decisions/${decisions[0].id}`, cw);
    const provision = await must('GET', `/api/access/v1/provisions/${decision.provisions[0].provisionId}`, cw);
    assignments.push({ r, number: provision.assignmentNumber });
  }

  // The provider waits for the 301s in its mailbox (the exchange sends them from access's events).
  const numbers = new Set(assignments.map((a) => a.number));
  for (let i = 0; i < 60; i++) {
    const sent = await must('GET', `/api/exchange/v1/messages?messageType=301&limit=200`, provider);
    const seen = new Set(sent.items.flatMap((m) => m.assignmentNumbers));
    if ([...numbers].every((n) => seen.has(n))) break;
    await new Promise((res) => setTimeout(res, 500));
  }
  const waiting = await must('GET', '/api/exchange/v1/mailbox?limit=500', provider);
  for (const m of waiting.items.filter((x) => x.messageType === '301' && x.assignmentNumbers.some((n) => numbers.has(n)))) {
    const the301 = await must('GET', `/api/exchange/v1/mailbox/${m.id}`, provider);
    await must('POST', `/api/exchange/v1/mailbox/${m.id}/ack`, provider);
    const retour = typeof the301 === 'string' ? file302(the301) : undefined;
    if (retour) await deliver(retour);
  }

  // Start of care, then last month's declaration at the contract tariff.
  for (const a of assignments) await deliver(file305(a.r, a.number, period.start));
  const contracts = await must('GET', `/api/procurement/v1/contracts?providerAgb=${AGB}&municipality=${LEIDEN}&status=ACTIVE&limit=50`, manager);
  const year = Number(period.start.slice(0, 4));
  const tariff = contracts.items
    .flatMap((c) => c.products ?? [])
    .find((p) => p.product.category === '02')
    ?.tariffsInTerm?.find((t) => t.year === year)?.tariffCents;
  if (tariff) await deliver(file323(assignments.map((a) => ({ ...a, volume: 12 })), period, tariff));

  // A request for an assignment for a fourth resident: a task on Leiden's worklist.
  const requester = await must('POST', '/api/access/v1/persons/search', cw, { bsn: testBsn(REQUESTER.n) });
  if (!requester.items.length) {
    await must('POST', '/api/access/v1/persons', cw, { bsn: testBsn(REQUESTER.n), givenName: REQUESTER.given, familyName: REQUESTER.family, birthDate: REQUESTER.born, brpMunicipality: LEIDEN, municipality: LEIDEN });
    counts.residents++;
  }
  const [ty, tm] = today().split('-').map(Number);
  await deliver(file315(REQUESTER, tm === 12 ? `${ty + 1}-01-01` : `${ty}-${String(tm + 1).padStart(2, '0')}-01`));

  return `${counts.residents} residents, ${counts.decisions} decisions, ${counts.delivered} files delivered, ${counts.again} delivered before, ${counts.refused} refused`;
}
