// Procurement's demo data, through the gateway: the region's providers, one regional procurement
// round, a contract per care provider for all five municipalities (the categories of region.mjs,
// tariffs for 2026 and 2027, two one-year options), the product catalogue of every municipality
// for 2026 and 2027, spend ceilings, two client stops, waiting times and subsidies. Idempotent:
// everything is looked up before it is created.
import { ACTORS, ALL_MUNICIPALITIES, PROVIDERS, REGION } from './region.mjs';

const BASE = '/api/procurement/v1';
const YEARS = [2026, 2027];

// Per category: the contracted product (whole category), its unit and variant, the 2026 and 2027
// tariffs in cents, and the catalogue codes the municipalities use for it.
const PRODUCTS = {
  '01': { variant: 'EFFORT', unit: 'HOUR', tariffs: [3480, 3590], codes: [['01A01', 'Hulp bij het huishouden']] },
  '02': { variant: 'EFFORT', unit: 'HOUR', tariffs: [6480, 6690], codes: [['02A01', 'Individuele begeleiding'], ['02A02', 'Begeleiding groep']] },
  '03': { variant: 'EFFORT', unit: 'HOUR', tariffs: [5950, 6140], codes: [['03A01', 'Persoonlijke verzorging']] },
  '07': { variant: 'EFFORT', unit: 'DAY_PART', tariffs: [5200, 5370], codes: [['07A01', 'Dagbesteding']] },
  '15': { variant: 'OUTPUT', unit: 'DAY', tariffs: [14500, 14950], codes: [['15A01', 'Beschermd wonen intramuraal']] },
  '16': { variant: 'OUTPUT', unit: 'DAY', tariffs: [8500, 8760], codes: [['16A01', 'Maatschappelijke opvang']] },
  '17': { variant: 'OUTPUT', unit: 'DAY', tariffs: [11000, 11350], codes: [['17A01', 'Spoedopvang']] },
  '18': { variant: 'OUTPUT', unit: 'DAY', tariffs: [9800, 10100], codes: [['18A01', 'Tussenvoorziening']] },
  '45': { variant: 'EFFORT', unit: 'HOUR', tariffs: [9800], indexation: 300, codes: [['45A01', 'Jeugdhulp ambulant']] },
  '46': { variant: 'OUTPUT', unit: 'DAY', tariffs: [21000, 21650], crisis: true, codes: [['46A01', 'Jeugdhulp crisis']] },
};

const LOTS = [
  { code: 'WMO-BEG', name: 'Begeleiding, persoonlijke verzorging en dagbesteding', categories: ['02', '03', '07'] },
  { code: 'WMO-HH', name: 'Hulp bij het huishouden', categories: ['01'] },
  { code: 'BW-MO', name: 'Beschermd wonen en opvang', categories: ['15', '16', '17', '18'] },
  { code: 'JEUGD', name: 'Jeugdhulp', categories: ['45', '46'] },
];

// Ceiling per provider and year: Leiden (central municipality) carries most of the care.
const CEILING_CENTS = { GM0546: 180_000_000, GM0547: 32_000_000, GM0579: 30_000_000, GM0626: 34_000_000, GM0638: 12_000_000 };

function today() {
  return process.env.VANGNET_TODAY ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export async function load(api) {
  const token = await api.token(ACTORS.contractManager);
  const call = async (method, path, body, ok = [200, 201]) => {
    const res = await api.request(method, `${BASE}${path}`, { token, body });
    if (!ok.includes(res.status)) throw new Error(`${method} ${BASE}${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const counts = { providers: 0, contracts: 0, catalogue: 0, ceilings: 0, stops: 0, subsidies: 0 };

  for (const p of PROVIDERS) {
    const found = await call('GET', `/providers/${p.agb}`, undefined, [200, 404]);
    if (found.status === 404) {
      await call('POST', '/providers', { agb: p.agb, kvk: p.kvk, name: p.name, kind: p.kind, contact: { email: `inkoop@${p.agb}.demo.vangnet.nl` } });
      counts.providers++;
    }
  }

  for (const m of ALL_MUNICIPALITIES) {
    for (const year of YEARS) {
      const entries = Object.entries(PRODUCTS).flatMap(([category, product]) => product.codes.map(([code, name]) => ({ category, code, name, unit: product.unit })));
      // Identical entries are left alone; 409 means the municipality has since changed its codes.
      const res = await call('POST', `/catalogue/${m}/${year}`, { entries }, [201, 409]);
      if (res.status === 201) counts.catalogue += res.body.changes.added;
    }
  }

  const roundName = 'Regionale inkoop Wmo, beschermd wonen en jeugd 2026';
  const rounds = await call('GET', '/rounds');
  const round =
    rounds.body.items.find((r) => r.name === roundName) ??
    (await call('POST', '/rounds', { name: roundName, municipalities: ALL_MUNICIPALITIES, lots: LOTS.map(({ code, name }) => ({ code, name })), publishedOn: '2025-03-01' })).body;

  for (const p of PROVIDERS.filter((x) => x.categories.length)) {
    const reference = `LR-2026-${p.agb}`;
    const existing = await call('GET', `/contracts?reference=${reference}`);
    if (existing.body.items.length) continue;
    const lot = LOTS.find((l) => p.categories.every((c) => l.categories.includes(c)));
    await call('POST', '/contracts', {
      reference,
      providerAgb: p.agb,
      municipalities: ALL_MUNICIPALITIES,
      roundId: round.id,
      ...(lot ? { lot: lot.code } : {}),
      term: { start: '2026-01-01', end: '2027-12-31' },
      options: [
        { extendsTo: '2028-12-31', decisionDeadline: '2027-06-30' },
        { extendsTo: '2029-12-31', decisionDeadline: '2028-06-30' },
      ],
      products: p.categories.map((category) => {
        const product = PRODUCTS[category];
        return {
          product: { category },
          variant: product.variant,
          unit: product.unit,
          crisis: product.crisis ?? false,
          tariffs: product.tariffs.map((tariffCents, i) => ({ year: YEARS[i], tariffCents })),
          ...(product.indexation ? { indexationBasisPoints: product.indexation } : {}),
        };
      }),
    });
    counts.contracts++;
  }

  for (const p of PROVIDERS.filter((x) => x.categories.length)) {
    for (const m of ALL_MUNICIPALITIES) {
      for (const year of YEARS) {
        const ceilingCents = CEILING_CENTS[m] * (year === 2027 ? 1.03 : 1);
        const found = await call('GET', `/ceilings/${p.agb}/${m}/${year}`, undefined, [200, 404]);
        if (found.status === 200 && found.body.ceilingCents === Math.round(ceilingCents)) continue;
        await call('PUT', `/ceilings/${p.agb}/${m}/${year}`, { ceilingCents: Math.round(ceilingCents) });
        counts.ceilings++;
      }
    }
  }

  // Two client stops: household help in Voorschoten has used its ceiling; guidance in Leiderdorp
  // pauses intake for the rest of the year after consultation.
  const day = today();
  const stops = [
    { providerAgb: '98000004', municipality: 'GM0626', reason: 'Bestedingsruimte 2026 volledig benut (100 %-signaal)', period: { start: day } },
    { providerAgb: '98000001', municipality: 'GM0547', reason: 'Tijdelijke cliëntenstop na overleg over het 90 %-signaal', period: { start: day, end: `${day.slice(0, 4)}-12-31` } },
  ];
  for (const s of stops) {
    const found = await call('GET', `/client-stops?providerAgb=${s.providerAgb}&municipality=${s.municipality}`);
    if (found.body.items.some((x) => !x.liftedOn)) continue;
    await call('POST', '/client-stops', s);
    counts.stops++;
  }

  await call('PUT', '/waiting-time-norms', { product: { category: '02' }, normDays: 42 });
  await call('PUT', '/waiting-time-norms', { product: { category: '15' }, normDays: 180 });
  const waiting = await call('GET', '/waiting-times');
  const reported = new Set(waiting.body.items.map((w) => `${w.providerAgb}/${w.product.category}`));
  for (const [agb, category, waitingDays] of [['98000001', '02', 35], ['98000002', '15', 410]]) {
    if (reported.has(`${agb}/${category}`)) continue;
    await call('POST', '/waiting-times', { providerAgb: agb, product: { category }, waitingDays, measuredOn: day });
  }

  const volunteers = PROVIDERS.find((p) => p.kind === 'SUBSIDISED_ORGANISATION');
  if (volunteers) {
    for (const [m, year, amountCents] of [[REGION.central, 2026, 42_000_000], [REGION.central, 2027, 43_260_000], ['GM0579', 2027, 3_500_000]]) {
      const res = await call(
        'POST',
        '/subsidies',
        {
          reference: `SUB-${year}-${m}-${volunteers.agb}`,
          organisationAgb: volunteers.agb,
          municipality: m,
          year,
          amountCents,
          purpose: 'Ondersteuning vrijwilligers en mantelzorgers (algemene voorziening)',
          conditions: ['Jaarverslag en verantwoording vóór 1 mei van het volgende jaar', 'Minimaal 400 gematchte vrijwilligers'],
        },
        [201, 409],
      );
      if (res.status === 201) counts.subsidies++;
    }
  }

  return `${counts.providers} providers, ${counts.contracts} contracts, ${counts.catalogue} catalogue codes, ${counts.ceilings} ceilings, ${counts.stops} client stops, ${counts.subsidies} subsidies added`;
}
