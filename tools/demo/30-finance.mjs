// Finance's demo data, through the gateway: budgets with lines for the five municipalities for
// 2026 and 2027, a regional fund for protected housing and shelter distributed by inhabitants,
// monthly declarations from the demo providers against the provisions access's demo data granted
// (found through finance's own commitments), a payment batch prepared by one controller and
// approved by another, and the central municipality's cost per client by housing type (from
// housing's placements, once housing's demo has placed residents). Idempotent: budgets and funds are looked up first, declarations carry a
// number per provider, municipality and month, and only payable declarations go into a batch.
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
