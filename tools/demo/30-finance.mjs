// Finance's demo data, through the gateway: budgets with lines for the five municipalities for
// 2026 and 2027, a regional fund for protected housing and shelter distributed by inhabitants,
// monthly declarations from the demo providers against the provisions access's demo data granted
// (found through finance's own commitments), a payment batch prepared by one controller and
// approved by another, and the central municipality's cost per client by housing type (from
// housing's placements, once housing's demo has placed residents), and the region's programme
// (issue 17): six themes and twenty action lines over 2026–2028 paid from a regional investment
// fund, the fund's incidental and structural amounts per year with their own keys, some spend, and
// a subsidy procurement granted committed on a line with its due instalments paid. Idempotent:
// budgets, funds and the programme are looked up first, declarations carry a number per provider,
// municipality and month, and only payable declarations and instalments go into a batch.
import { ACTORS, ALL_MUNICIPALITIES, REGION } from './region.mjs';

const BASE = '/api/finance/v1';
const YEARS = [2026, 2027];

// Inhabitants (CBS, 1 January 2025, rounded): the scale of each budget and the fund's key.
const INHABITANTS = { GM0546: 127_300, GM0547: 28_100, GM0579: 26_400, GM0626: 25_700, GM0638: 9_300 };
const LEIDEN = REGION.central;

/** € per inhabitant per year → cents for a municipality, indexed 3 % for 2027. */
const scaled = (municipality, euroPerInhabitant, year) => Math.round(INHABITANTS[municipality] * euroPerInhabitant * 100 * (year === 2027 ? 1.03 : 1));

function budgetsFor(municipality, year) {
  const s = (e) => scaled(municipality, e, year);
  const list = [
    {
      domain: 'WMO',
      kind: 'STRUCTURAL',
      name: `Wmo maatwerk ${year}`,
      lines: [
        { name: 'Hulp bij het huishouden', amountCents: s(95), categories: ['01'] },
        { name: 'Begeleiding', amountCents: s(120), categories: ['02'] },
        { name: 'Persoonlijke verzorging', amountCents: s(25), categories: ['03'] },
        { name: 'Dagbesteding', amountCents: s(60), categories: ['07'] },
        { name: 'Overige Wmo-maatwerkvoorzieningen', amountCents: s(40) },
      ],
    },
    {
      domain: 'JEUGD',
      kind: 'STRUCTURAL',
      name: `Jeugdhulp ${year}`,
      lines: [
        { name: 'Jeugdhulp ambulant', amountCents: s(140), categories: ['45'] },
        { name: 'Jeugdhulp crisis', amountCents: s(20), categories: ['46'] },
        { name: 'Overige jeugdhulp', amountCents: s(90) },
      ],
    },
    {
      domain: 'MAATSCHAPPELIJKE_ZORG',
      kind: 'STRUCTURAL',
      name: `Beschermd wonen en opvang ${year}`,
      lines: [
        { name: 'Beschermd wonen', amountCents: s(municipality === LEIDEN ? 210 : 60), categories: ['15'] },
        { name: 'Maatschappelijke opvang', amountCents: s(municipality === LEIDEN ? 80 : 10), categories: ['16', '17'] },
        { name: 'Tussenvoorzieningen', amountCents: s(25), categories: ['18'] },
      ],
    },
  ];
  if (municipality === LEIDEN) {
    // A regional programme's action lines, paid from incidental money.
    list.push({
      domain: 'WMO',
      kind: 'INCIDENTAL',
      name: `Regionaal programma Thuis in de wijk ${year}`,
      lines: [
        { name: 'Actielijn 1: cliëntondersteuning', amountCents: s(4), programme: 'Thuis in de wijk, actielijn 1' },
        { name: 'Actielijn 3: uitstroom en Housing First', amountCents: s(6), categories: ['02'], productCodes: ['02A02'], programme: 'Thuis in de wijk, actielijn 3' },
      ],
    });
  }
  return list;
}

// The region's programme: six themes, twenty action lines; € per year as [incidental, structural]
// for 2026, 2027, 2028. The agenda states a grand total that leaves out 2028, as the agenda this is
// modelled on did: the platform flags it.
const PROGRAMME_NAME = 'Regionale agenda Thuis in de regio 2026–2028';
const THEMES = [
  ['1', 'Preventie en vroegsignalering'],
  ['2', 'Wonen en huisvesting'],
  ['3', 'Herstel, participatie en werk'],
  ['4', 'Bestaanszekerheid en schulden'],
  ['5', 'Crisis en opvang'],
  ['6', 'Samenwerking en informatievoorziening'],
];
const LINES = [
  ['1.1', '1', 'Vroegsignalering huurachterstanden met corporaties', 'GM0546', '2026-Q1', '2028-Q4', [[120_000, 0], [100_000, 20_000], [40_000, 60_000]]],
  ['1.2', '1', 'Wijkteams: outreachend werken', 'GM0547', '2026-Q1', '2027-Q4', [[80_000, 40_000], [60_000, 60_000], [0, 0]]],
  ['1.3', '1', 'Mentale gezondheid jongvolwassenen', 'GM0579', '2026-Q2', '2028-Q2', [[50_000, 0], [50_000, 0], [25_000, 0]]],
  ['2.1', '2', 'Housing First: 40 plekken', 'GM0546', '2026-Q1', '2028-Q4', [[250_000, 150_000], [200_000, 250_000], [100_000, 300_000]]],
  ['2.2', '2', 'Skaeve huse Leiderdorp', 'GM0547', '2026-Q3', '2027-Q4', [[300_000, 0], [150_000, 0], [0, 0]]],
  ['2.3', '2', 'Uitstroom beschermd wonen: contingentafspraken', 'GM0546', '2026-Q1', '2028-Q4', [[60_000, 40_000], [40_000, 60_000], [20_000, 80_000]]],
  ['2.4', '2', 'Tussenvoorziening Voorschoten', 'GM0626', '2027-Q1', '2028-Q4', [[0, 0], [180_000, 0], [60_000, 90_000]]],
  ['3.1', '3', 'Ervaringsdeskundigen in de teams', 'GM0579', '2026-Q1', '2028-Q4', [[70_000, 30_000], [50_000, 50_000], [30_000, 70_000]]],
  ['3.2', '3', 'Dagbesteding met perspectief op werk', 'GM0626', '2026-Q2', '2028-Q4', [[40_000, 20_000], [30_000, 30_000], [20_000, 40_000]]],
  ['3.3', '3', 'Herstelacademie', 'GM0546', '2026-Q1', '2027-Q4', [[90_000, 0], [90_000, 0], [0, 0]]],
  ['4.1', '4', 'Schuldhulp zonder wachttijd', 'GM0638', '2026-Q1', '2028-Q4', [[45_000, 15_000], [30_000, 30_000], [15_000, 45_000]]],
  ['4.2', '4', 'Inkomensondersteuning bij uitstroom', 'GM0547', '2026-Q3', '2028-Q2', [[25_000, 0], [40_000, 0], [20_000, 0]]],
  ['4.3', '4', 'Budgetbeheer voor bewoners beschermd wonen', 'GM0546', '2026-Q1', '2028-Q4', [[30_000, 30_000], [20_000, 40_000], [10_000, 50_000]]],
  ['5.1', '5', 'Regionale crisisopvang: extra bedden winter', 'GM0546', '2026-Q4', '2028-Q1', [[120_000, 0], [120_000, 0], [40_000, 0]]],
  ['5.2', '5', 'Veilige opvang huiselijk geweld', 'GM0546', '2026-Q1', '2028-Q4', [[60_000, 60_000], [40_000, 80_000], [20_000, 100_000]]],
  ['5.3', '5', 'Nachtopvang naar 24-uursopvang', 'GM0546', '2027-Q1', '2028-Q4', [[0, 0], [150_000, 50_000], [50_000, 150_000]]],
  ['6.1', '6', 'Regionale monitor en dashboard', 'GM0546', '2026-Q1', '2028-Q4', [[40_000, 0], [20_000, 10_000], [10_000, 10_000]]],
  ['6.2', '6', 'Gezamenlijke inkoop en contractmanagement', 'GM0579', '2026-Q1', '2028-Q4', [[25_000, 25_000], [25_000, 25_000], [25_000, 25_000]]],
  ['6.3', '6', 'Cliëntparticipatie en ervaringsraad', 'GM0638', '2026-Q2', '2028-Q4', [[15_000, 5_000], [10_000, 10_000], [5_000, 15_000]]],
  ['6.4', '6', 'Programmamanagement', 'GM0546', '2026-Q1', '2028-Q4', [[60_000, 0], [60_000, 0], [60_000, 0]]],
];
const PROGRAMME_YEARS = [2026, 2027, 2028];
// The structural key differs from the incidental one: the central municipality carries the
// facilities (places of protected housing and shelter), the others share by inhabitants.
const STRUCTURAL_KEY = { GM0546: 60, GM0547: 12, GM0579: 11, GM0626: 11, GM0638: 6 };

function programmeBody() {
  const lines = LINES.map(([number, theme, title, owner, start, end, years]) => ({
    number,
    theme,
    title,
    owner,
    planning: { start, end },
    years: years
      .map(([incidental, structural], i) => ({ year: PROGRAMME_YEARS[i], incidentalCents: incidental * 100, structuralCents: structural * 100, costCents: (incidental + structural) * 100 }))
      .filter((y) => y.costCents > 0),
    ...(number === '2.1' ? { result: '40 mensen met een eigen woning en begeleiding', kpi: { name: 'mensen gehuisvest via Housing First', unit: 'personen', target: 40 } } : {}),
  }));
  const sumOf = (year) => lines.reduce((a, l) => a + (l.years.find((y) => y.year === year)?.costCents ?? 0), 0);
  return {
    name: PROGRAMME_NAME,
    fundName: 'Regionaal investeringsfonds sociaal domein',
    firstYear: 2026,
    lastYear: 2028,
    themes: THEMES.map(([code, title]) => ({ code, title })),
    lines,
    // As the agenda states it: 2026 and 2027 only (2028 left out).
    statedTotalCents: sumOf(2026) + sumOf(2027),
    statedYearTotals: PROGRAMME_YEARS.map((year) => ({ year, totalCents: sumOf(year) })),
  };
}

function today() {
  return process.env.VANGNET_TODAY ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const lastDay = (month) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};


/** A delivered volume for a month that fits the assigned volume (the weekly volume × 4 fits any month). */
function deliveredVolume(volume, month) {
  const days = Number(lastDay(month).slice(8));
  switch (volume.frequency) {
    case 'PER_DAY':
      return volume.amount * days;
    case 'PER_WEEK':
      return volume.amount * 4;
    case 'PER_MONTH':
      return volume.amount;
    default:
      return undefined;
  }
}

export async function load(api) {
  const controller = await api.token(ACTORS.controller);
  const checker = await api.token(ACTORS.secondController);
  const call = async (method, path, token, body, ok = [200, 201]) => {
    const res = await api.request(method, `${BASE}${path}`, { token, body });
    if (!ok.includes(res.status)) throw new Error(`${method} ${BASE}${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const counts = { budgets: 0, funds: 0, declarations: 0, lines: 0, approvedLines: 0, batches: 0 };
  const notes = [];

  // Budgets per municipality × year × domain × kind.
  for (const municipality of ALL_MUNICIPALITIES) {
    for (const year of YEARS) {
      const existing = (await call('GET', `/budgets?municipality=${municipality}&year=${year}&limit=50`, controller)).body.items;
      for (const b of budgetsFor(municipality, year)) {
        if (existing.some((x) => x.domain === b.domain && x.kind === b.kind)) continue;
        const res = await call('POST', '/budgets', controller, { municipality, year, ...b }, [201, 409]);
        if (res.status === 201) counts.budgets++;
      }
    }
  }

  // The regional fund for protected housing and shelter, distributed over the region by inhabitants.
  for (const year of YEARS) {
    const name = `Regionaal fonds beschermd wonen en opvang ${year}`;
    const funds = (await call('GET', '/funds', controller)).body;
    let fund = funds.find((f) => f.name === name && f.year === year);
    if (!fund) {
      const totalCents = year === 2027 ? 437_750_000 : 425_000_000;
      fund = (await call('POST', '/funds', controller, { ownerMunicipality: LEIDEN, name, year, domain: 'MAATSCHAPPELIJKE_ZORG', totalCents })).body;
      counts.funds++;
    }
    // The same key gives the same version and parts (200); only a new key makes a new version.
    await call('POST', `/funds/${fund.id}/distribution`, controller, {
      weights: ALL_MUNICIPALITIES.map((municipality) => ({ municipality, weight: INHABITANTS[municipality] })),
      basis: 'inwoners 1 januari 2025 (CBS)',
    });
  }

  // The provisions access granted, as finance booked them. Finance hears of them through events, a
  // moment after access's loader finished: wait until the count stops growing.
  const currentYear = Number(today().slice(0, 4));
  const lineageIds = async () => {
    const ids = new Set();
    for (const municipality of ALL_MUNICIPALITIES) {
      for (const year of [currentYear, currentYear + 1]) {
        let cursor;
        do {
          const page = (await call('GET', `/commitments?municipality=${municipality}&year=${year}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, controller)).body;
          for (const item of page.items) if (item.deliveryForm === 'IN_KIND' && item.providerAgb) ids.add(item.lineageId);
          cursor = page.nextCursor;
        } while (cursor);
      }
    }
    return ids;
  };
  let ids = await lineageIds();
  for (let i = 0, previous = -1; i < 20 && (ids.size === 0 || ids.size !== previous); i++) {
    previous = ids.size;
    await new Promise((r) => setTimeout(r, 500));
    ids = await lineageIds();
  }

  // Monthly declarations for every month delivered so far (a provision that starts next month has none yet).
  const lastComplete = (() => {
    const [y, m] = today().split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const byDeclaration = new Map();
  for (const lineageId of ids) {
    const c = (await call('GET', `/commitments?provisionId=${lineageId}`, controller)).body;
    if (c.status !== 'BOOKED') continue;
    const seen = new Set();
    for (const m of c.months) {
      // One line per assignment and month (a month split by a change is declared against its first version).
      if (m.month > lastComplete || m.tariffCents === null || seen.has(m.month)) continue;
      seen.add(m.month);
      const version = c.versions.find((v) => v.provisionId === m.provisionId);
      if (!version?.volume || version.volume.unit === 'EURO') continue;
      const start = version.period.start > `${m.month}-01` ? version.period.start : `${m.month}-01`;
      const end = c.lastDay && c.lastDay < lastDay(m.month) ? c.lastDay : lastDay(m.month);
      const volume = deliveredVolume(version.volume, m.month);
      if (!volume) continue;
      const amountCents = version.volume.unit === 'MINUTE' ? Math.round((volume * m.tariffCents) / 60) : volume * m.tariffCents;
      const key = `${c.providerAgb}|${c.municipality}|${m.month}`;
      const lines = byDeclaration.get(key) ?? [];
      lines.push({
        reference: `DEMO-${lineageId.slice(0, 8)}-${m.month}`,
        provisionId: lineageId,
        product: version.product,
        period: { start, end },
        volume,
        unit: version.volume.unit,
        tariffCents: m.tariffCents,
        amountCents,
        debitCredit: 'DEBIT',
      });
      byDeclaration.set(key, lines);
    }
  }
  for (const [key, lines] of byDeclaration) {
    const [agb, municipality, month] = key.split('|');
    const provider = await api.token(ACTORS.provider(agb));
    const res = await call(
      'POST',
      '/declarations',
      provider,
      { municipality, declarationNumber: `DEMO-${month}-${municipality}`, period: { start: `${month}-01`, end: lastDay(month) }, lines },
      [201, 409],
    );
    if (res.status === 201) {
      counts.declarations++;
      counts.lines += res.body.totals.lines;
      counts.approvedLines += res.body.totals.approvedLines;
    }
  }
  if (!byDeclaration.size) {
    notes.push(ids.size ? `the ${ids.size} demo provision(s) in kind start after ${lastComplete}: nothing delivered to declare yet` : 'no demo provisions in kind found');
  }

  // Payment: one controller prepares, the other approves (maker-checker).
  for (const municipality of ALL_MUNICIPALITIES) {
    const open = (await call('GET', `/payment-batches?municipality=${municipality}`, controller)).body.items.filter((b) => b.status === 'PREPARED');
    let batch = open[0];
    if (!batch) {
      const res = await call('POST', '/payment-batches', controller, { municipality, note: 'Demo: declaraties tot en met de vorige maand' }, [201, 422]);
      if (res.status !== 201) continue;
      batch = res.body;
    }
    const decider = batch.preparedBy === ACTORS.controller.sub ? checker : controller;
    await call('POST', `/payment-batches/${batch.id}/approval`, decider, { decision: 'APPROVED', comment: 'Gecontroleerd (demo)' }, [201, 409]);
    counts.batches++;
  }
  if (!counts.batches && !byDeclaration.size) notes.push('no payment batch: no approved declaration amounts yet');

  // The region's programme, its fund's amounts per year and kind, some spend, and a subsidy on a line.
  const programmes = (await call('GET', '/programmes', controller)).body;
  let programme = programmes.find((p) => p.name === PROGRAMME_NAME);
  let fresh = false;
  if (!programme) {
    programme = (await call('POST', '/programmes', controller, programmeBody())).body;
    fresh = true;
    counts.programmes = 1;
  }
  // The plan approved by the second controller (four eyes); a second approval is a 409.
  await call('POST', `/programmes/${programme.id}/plans/1/approval`, checker, { comment: 'Vastgesteld in het regionaal bestuurlijk overleg (demo)' }, [201, 409]);
  const body = programmeBody();
  for (const year of PROGRAMME_YEARS) {
    const planned = (kind) => body.lines.reduce((a, l) => a + (l.years.find((y) => y.year === year)?.[kind] ?? 0), 0);
    // The fund holds the planned amounts plus 5 % headroom, rounded to whole euros.
    const amount = (kind) => Math.round((planned(kind) * 1.05) / 100) * 100;
    await call('POST', `/programmes/${programme.id}/allocations`, controller, {
      year,
      kind: 'INCIDENTAL',
      amountCents: amount('incidentalCents'),
      weights: ALL_MUNICIPALITIES.map((municipality) => ({ municipality, weight: INHABITANTS[municipality] })),
      basis: 'inwoners 1 januari 2025 (CBS)',
    });
    await call('POST', `/programmes/${programme.id}/allocations`, controller, {
      year,
      kind: 'STRUCTURAL',
      amountCents: amount('structuralCents'),
      weights: ALL_MUNICIPALITIES.map((municipality) => ({ municipality, weight: STRUCTURAL_KEY[municipality] })),
      basis: 'plaatsen beschermd wonen en opvang per gemeente',
    });
  }
  const view = (await call('GET', `/programmes/${programme.id}`, controller)).body;
  const lineId = (number) => view.plan.lines.find((l) => l.number === number).id;
  if (fresh) {
    const spend = [
      ['2.1', LEIDEN, 'INCIDENTAL', 'COMMITMENT', 12_000_000, 'Contract Housing First met Zorggroep Rijnland'],
      ['2.1', LEIDEN, 'INCIDENTAL', 'PAYMENT', 4_000_000, 'Eerste termijn Housing First'],
      ['2.2', 'GM0547', 'INCIDENTAL', 'COMMITMENT', 26_000_000, 'Bouw en plaatsing skaeve huse'],
      ['1.1', 'GM0579', 'INCIDENTAL', 'COMMITMENT', 1_500_000, 'Convenant vroegsignalering Oegstgeest'],
      ['5.1', LEIDEN, 'INCIDENTAL', 'PAYMENT', 2_500_000, 'Winteropvang (extra bedden)'],
    ];
    for (const [number, municipality, kind, type, amountCents, description] of spend) {
      await call('POST', `/programmes/${programme.id}/bookings`, controller, { actionLineId: lineId(number), municipality, year: 2026, kind, type, amountCents, description });
    }
    await call('POST', `/programmes/${programme.id}/action-lines/${lineId('2.1')}/measurements`, controller, { measuredOn: '2026-03-31', value: 6, note: 'eerste kwartaal' });
  }
  // Procurement's subsidy to the volunteer centre in the central municipality, once finance has it
  // (procurement.subsidy.granted.v1), committed on action line 3.1; its due instalments are paid.
  const subsidies = (await call('GET', `/subsidies?municipality=${LEIDEN}&year=2026`, controller)).body;
  const subsidy = subsidies.find((x) => x.purpose.startsWith('Ondersteuning vrijwilligers'));
  if (subsidy) {
    const link = await call('POST', `/programmes/${programme.id}/subsidy-links`, controller, { subsidyId: subsidy.subsidyId, actionLineId: lineId('3.1'), kind: 'STRUCTURAL' }, [201, 409]);
    if (link.status === 201) counts.subsidyLinks = 1;
    const res = await call('POST', '/payment-batches', controller, { municipality: LEIDEN, declarations: false, subsidyInstalmentsDueBy: today(), note: 'Demo: subsidietermijnen' }, [201, 422]);
    if (res.status === 201) {
      await call('POST', `/payment-batches/${res.body.id}/approval`, checker, { decision: 'APPROVED', comment: 'Subsidietermijnen gecontroleerd (demo)' }, [201, 409]);
      counts.batches++;
    }
  } else {
    notes.push('no subsidy from procurement yet to commit on the programme');
  }
  const flags = view.flags.filter((f) => f.code === 'STATED_TOTAL_DIFFERS');
  if (flags.length) notes.push(`the programme is flagged: ${flags[0].message}`);

  // Cost per client by housing type: the central municipality's year, once housing has reported
  // placements (housing.placement.started.v1); until then every cost is untyped.
  const cost = (await call('GET', `/reports/cost-per-client?municipality=${LEIDEN}&year=${currentYear}`, controller)).body;
  notes.push(
    cost.byHousingType.length
      ? `cost per client in ${LEIDEN} over ${cost.byHousingType.length} housing type(s)`
      : `no housing types in ${LEIDEN}'s cost per client yet: housing has reported no placements`,
  );

  const summary = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  return `${summary} created${notes.length ? `; ${notes.join('; ')}` : ''}`;
}
