import { RunningPlatform } from './platform';

// Housing with the real platform, over HTTP only: provisions granted in access reach the waiting
// list (a PGB and emergency shelter not), a placement's start and end reach finance's cost per
// client by housing type, and a corporation sees the name access holds for its nominee.

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const AGB = '97000014';
const TODAY = '2026-11-23';

/** A BSN that passes the eleven-proof, distinct per n (another range than the chain's). */
function bsn(n: number): string {
  for (let i = 0; ; i++) {
    const digits = String(710_000_000 + n * 1000 + i).padStart(9, '0').slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10) return digits + String(check);
  }
}

/** Every object in a JSON body, at any depth. */
function objectsIn(value: unknown, into: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) value.forEach((v) => objectsIn(v, into));
  else if (value && typeof value === 'object') {
    into.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => objectsIn(v, into));
  }
  return into;
}

describe('housing in the platform', () => {
  let p: RunningPlatform;
  let manager: string;
  let caseworker: string;
  let decider: string;
  let officer: string;
  let controller: string;
  let provider: string;

  beforeAll(async () => {
    p = await RunningPlatform.start({ demo: false, today: TODAY });
    manager = await p.token({ org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ALL });
    caseworker = await p.token({ org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] });
    decider = await p.token({ org: 'GM0546', roles: ['access.decision-maker'], municipalities: ['GM0546'] });
    officer = await p.token({ sub: 'plaatser', org: 'GM0546', roles: ['housing.placement-officer'], municipalities: ALL });
    controller = await p.token({ org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    provider = await p.token({ sub: 'opvang-e2e', org: `AGB:${AGB}`, roles: ['provider'] });
    // A provider of protected housing and shelter for the whole region.
    await ok('POST', '/api/procurement/v1/providers', manager, { agb: AGB, kvk: '70000014', name: 'Opvang E2E', kind: 'CARE_PROVIDER', contact: { email: 'inkoop@opvang-e2e.example' } });
    await ok('POST', '/api/procurement/v1/contracts', manager, {
      reference: 'E2E-BW-MO-2026',
      providerAgb: AGB,
      municipalities: ALL,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: ['15', '16', '17'].map((category) => ({
        product: { category },
        variant: 'OUTPUT',
        unit: 'DAY',
        crisis: category === '17',
        tariffs: [
          { year: 2026, tariffCents: 11_000 },
          { year: 2027, tariffCents: 11_350 },
        ],
      })),
    });
    await ok('POST', '/api/housing/v1/priority-schemes', officer, { name: 'E2E', seed: 'e2e-seed', factors: [{ factor: 'WAITING_DAYS', weight: 1 }] }).then((s) =>
      ok('POST', `/api/housing/v1/priority-schemes/${s.id}/activate`, officer, { activeFrom: TODAY }),
    );
  }, 240_000);

  afterAll(() => p?.stop());

  async function ok(method: string, path: string, token: string, body?: unknown, status = [200, 201]) {
    const res = await p.request(method, path, { token, body });
    if (!status.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A resident in Leiden with a granted provision; the person's id and the provision's. */
  async function granted(n: number, provision: Record<string, unknown>): Promise<{ personId: string; provisionId: string; familyName: string }> {
    const familyName = `Wonen${n}`;
    const person = await ok('POST', '/api/access/v1/persons', caseworker, { bsn: bsn(n), familyName, givenName: 'Kim', birthDate: '1980-05-05', brpMunicipality: 'GM0546', municipality: 'GM0546' });
    const application = await ok('POST', '/api/access/v1/applications', caseworker, { personId: person.id, municipality: 'GM0546', law: 'WMO' });
    const decision = await ok('POST', '/api/access/v1/decisions', decider, { applicationId: application.id, provisions: [provision] });
    const read = await ok('GET', `/api/access/v1/decisions/${decision.id}`, decider);
    return { personId: person.id, provisionId: read.provisions[0].provisionId, familyName };
  }

  const inKind = (category: string, start = '2026-10-01') => ({
    product: { category },
    deliveryForm: 'IN_KIND',
    providerAgb: AGB,
    volume: { amount: 7, unit: 'DAY', frequency: 'PER_WEEK' },
    period: { start, end: '2027-09-30' },
  });

  it('should put a granted in-kind category-15 provision on the waiting list, and neither a PGB nor emergency shelter', async () => {
    const bw = await granted(1, inKind('15'));
    const pgb = await granted(2, { product: { category: '15' }, deliveryForm: 'PGB', budgetCents: 3_000_000, period: { start: '2026-10-01', end: '2027-09-30' } });
    const emergency = await granted(3, inKind('17'));
    const listed = await p.until(`/api/housing/v1/waitlist?personId=${bw.personId}`, officer, (r) => r.status === 200 && r.body.items.length === 1, 30_000);
    expect(listed.body.items[0]).toMatchObject({ facilityType: 'INTRAMURAL_PROTECTED_HOUSING', status: 'WAITING', provisionLineageId: bw.provisionId, ranking: { position: expect.any(Number) } });
    // The emergency shelter waits for a direct placement: not on the list.
    await p.until('/api/housing/v1/direct-placements', officer, (r) => r.status === 200 && r.body.items.some((e: { personId: string }) => e.personId === emergency.personId), 30_000);
    const everyone = await ok('GET', '/api/housing/v1/waitlist?limit=500', officer);
    expect(everyone.items.map((e: { personId: string }) => e.personId)).not.toContain(emergency.personId);
    expect(everyone.items.map((e: { personId: string }) => e.personId)).not.toContain(pgb.personId);
    const closed = await ok('GET', `/api/housing/v1/waitlist?status=LEFT&personId=${pgb.personId}`, officer);
    expect(closed.items).toEqual([]);
  });

  it('should bring a placement’s start and end to finance: cost per client by housing type fills in', async () => {
    // Emergency shelter is placed directly, from the first night of the provision.
    const shelter = await granted(4, inKind('17'));
    const direct = await p.until('/api/housing/v1/direct-placements', officer, (r) => r.status === 200 && r.body.items.some((e: { personId: string }) => e.personId === shelter.personId), 30_000);
    const entry = direct.body.items.find((e: { personId: string }) => e.personId === shelter.personId);
    const facility = await ok('POST', '/api/housing/v1/facilities', officer, { name: 'Crisisopvang E2E', type: 'CRISIS_SINGLE', municipality: 'GM0546', neighbourhood: 'Centrum', capacity: 2, providerAgb: AGB });
    const placement = await ok('POST', '/api/housing/v1/placements', officer, { entryId: entry.id, placeId: facility.places[0].id, startDate: '2026-10-01' });
    expect(placement).toMatchObject({ facilityType: 'CRISIS_SINGLE', provisionLineageId: shelter.provisionId, providerAgb: AGB });
    // The provider declares 28 nights of October; finance approves them against the provision.
    await p.until(`/api/finance/v1/commitments?provisionId=${shelter.provisionId}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 30_000);
    const period = { start: '2026-10-01', end: '2026-10-31' };
    const declaration = await ok('POST', '/api/finance/v1/declarations', provider, {
      municipality: 'GM0546',
      declarationNumber: 'E2E-MO-10',
      period,
      lines: [{ reference: 'E2E-MO-10-L1', provisionId: shelter.provisionId, product: { category: '17' }, unit: 'DAY', tariffCents: 11_000, debitCredit: 'DEBIT', period, volume: 28, amountCents: 308_000 }],
    });
    const assessed = await ok('GET', `/api/finance/v1/declarations/${declaration.id}`, provider);
    expect(assessed.totals).toMatchObject({ approvedCents: 308_000 });
    const byType = (r: { body: unknown }) => objectsIn(r.body).find((o) => o.housingType === 'CRISIS_SINGLE');
    const cost = await p.until('/api/finance/v1/reports/cost-per-client?municipality=GM0546&year=2026', controller, (r) => r.status === 200 && byType(r) !== undefined, 30_000);
    expect(byType(cost)).toMatchObject({ amountCents: 308_000, clients: 1 });
    await ok('POST', `/api/housing/v1/placements/${placement.id}/end`, officer, { endDate: '2026-11-10', destination: 'INDEPENDENT_WITH_SUPPORT' });
    // The end reaches finance too: the October cost stays with the crisis place it was spent in.
    const after = await p.until('/api/finance/v1/reports/cost-per-client?municipality=GM0546&year=2026', controller, (r) => r.status === 200 && byType(r) !== undefined, 30_000);
    expect(byType(after)).toMatchObject({ amountCents: 308_000 });
  });

  it('should show a corporation its nominee’s name as access holds it, and nothing of care', async () => {
    const resident = await granted(5, inKind('15', TODAY));
    const listed = await p.until(`/api/housing/v1/waitlist?personId=${resident.personId}`, officer, (r) => r.status === 200 && r.body.items.length === 1, 30_000);
    const facility = await ok('POST', '/api/housing/v1/facilities', officer, { name: 'BW E2E', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: 'GM0546', neighbourhood: 'Centrum', capacity: 1 });
    const offer = await ok('POST', '/api/housing/v1/offers', officer, { placeId: facility.places[0].id, entryId: listed.body.items[0].id });
    await ok('POST', `/api/housing/v1/offers/${offer.id}/answer`, officer, { accepted: true });
    const placement = await ok('POST', '/api/housing/v1/placements', officer, { offerId: offer.id, startDate: TODAY });
    const readiness = await ok('POST', '/api/housing/v1/outflow', officer, { placementId: placement.id, readyFrom: TODAY, needs: ['ACCESSIBLE'] });
    await ok('POST', `/api/housing/v1/outflow/${readiness.id}/consent`, officer, { givenOn: TODAY });
    await ok('PUT', '/api/housing/v1/quotas', officer, { corporation: '30000011', municipality: 'GM0546', year: 2026, homes: 2 });
    const nomination = await ok('POST', '/api/housing/v1/nominations', officer, { readinessId: readiness.id, corporation: '30000011', municipality: 'GM0546', scheme: 'QUOTA' });
    const corporation = await p.token({ sub: 'woonconsulent', org: 'CORP:30000011', roles: ['corporation'] });
    const seen = await ok('GET', `/api/housing/v1/nominations/${nomination.id}`, corporation);
    expect(seen.resident).toMatchObject({ name: { familyName: resident.familyName, givenNames: 'Kim' }, nameUnavailable: null, householdSize: 1, needs: ['ACCESSIBLE'] });
    const text = JSON.stringify(seen);
    for (const secret of [resident.personId, resident.provisionId, placement.id, bsn(5), '1980-05-05']) expect(text).not.toContain(secret);
  });
});
