import { addDays, Role } from '@vangnet/contracts';
import { createHash } from 'crypto';
import { activeScheme, auth, entry, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, Housing, startHousing } from './support';

// The ranking as anyone outside the service can check it: from the published scheme (factors,
// weights, seed) and each entry's factor values, with nothing of the service's code.

const TODAY = '2026-11-23';
const FACTORS = [
  { factor: 'WAITING_DAYS', weight: 0.1 },
  { factor: 'URGENCY', weight: 12.5 },
  { factor: 'HOUSEHOLD_WITH_CHILDREN', weight: 8 },
  { factor: 'DISCHARGE_FROM_INSTITUTION', weight: 6.25 },
  { factor: 'ORIGIN_MUNICIPALITY', weight: 3, municipalities: [GM_LEIDEN, GM_LEIDERDORP] },
  { factor: 'NO_INTERIM_SUPPORT', weight: 1.5 },
];

interface Published {
  seed: string;
  factors: Array<{ factor: string; weight: number }>;
}
interface Listed {
  id: string;
  ranking: { position: number; score: number; factors: Record<string, number> };
}

/** README "Ranking", step by step: score in hundredths, highest first, ties by SHA-256("<seed>:<id>"). */
function recompute(scheme: Published, items: Listed[]): string[] {
  const scored = items.map((i) => ({
    id: i.id,
    score: scheme.factors.reduce((sum, f) => sum + Math.round(f.weight * 100) * i.ranking.factors[f.factor], 0),
    key: createHash('sha256').update(`${scheme.seed}:${i.id}`).digest('hex'),
  }));
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return scored.map((s) => s.id);
}

describe('the published, recomputable and explainable ranking', () => {
  let h: Housing;
  let scheme: { id: string; seed: string; factors: Published['factors'] };
  const list = async (facilityType: string): Promise<Listed[]> => (await h.svc.http.get('/api/housing/v1/waitlist').query({ facilityType, limit: 500 }).set(auth(h.officer)).expect(200)).body.items;

  /** Entries with every factor varied, and many ties (so the seed decides). */
  const population = async (facilityType: string, n: number) => {
    for (let i = 0; i < n; i++) {
      await entry(h, {
        facilityType,
        waitingSince: addDays(TODAY, -((i % 4) * 30)),
        urgency: i % 3,
        dischargeFromInstitution: i % 5 === 0,
        originMunicipality: [GM_LEIDEN, GM_OEGSTGEEST, GM_LEIDERDORP][i % 3],
        ...(i % 2 ? { interimSupport: { description: 'ambulante begeleiding' } } : {}),
      });
    }
  };

  beforeAll(async () => {
    h = await startHousing(TODAY);
    scheme = await activeScheme(h, FACTORS, 'leidse-regio-2026');
  });

  afterAll(() => h.close());

  it('should give the order anyone recomputes outside the service from the published scheme, seed and factor values', async () => {
    await population('SMALL_DETACHED_HOME', 36);
    // The scheme as published: readable by any signed-in caller, here a regional analyst.
    const analyst = await h.ctx.token({ org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] });
    const published: Published = (await h.svc.http.get(`/api/housing/v1/priority-schemes/${scheme.id}`).set(auth(analyst)).expect(200)).body;
    expect(published).toMatchObject({ seed: 'leidse-regio-2026', status: 'ACTIVE', inForce: true, activeFrom: TODAY });
    const items = await list('SMALL_DETACHED_HOME');
    expect(items).toHaveLength(36);
    expect(recompute(published, items)).toEqual(items.map((i) => i.id));
    expect(items.map((i) => i.ranking.position)).toEqual(items.map((_, i) => i + 1));
    // Ties were there to break: the seed decided some places.
    const scores = items.map((i) => i.ranking.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
  });

  it('should explain a position with contributions that add up to the score, and a change whose predicted position comes true', async () => {
    await population('RESPITE_HOUSE', 24);
    const middle = (await list('RESPITE_HOUSE'))[15];
    let applied = 0;
    for (let round = 0; round < 3; round++) {
      const x = (await h.svc.http.get(`/api/housing/v1/waitlist/${middle.id}/explanation`).set(auth(h.officer)).expect(200)).body;
      expect(x.contributions.map((c: { factor: string }) => c.factor)).toEqual(FACTORS.map((f) => f.factor));
      const sum = x.contributions.reduce((a: number, c: { points: number }) => a + Math.round(c.points * 100), 0);
      expect(sum).toBe(Math.round(x.score * 100));
      for (const c of x.contributions) expect(Math.round(c.points * 100)).toBe(Math.round(c.weight * 100) * c.value);
      const change = x.changes.find((c: { change: { field: string }; position: number }) => c.change.field !== 'household' && c.position < x.position);
      if (!change) break;
      await h.svc.http
        .patch(`/api/housing/v1/waitlist/${middle.id}`)
        .set(auth(h.officer))
        .send({ [change.change.field]: change.change.value })
        .expect(200);
      const after = (await h.svc.http.get(`/api/housing/v1/waitlist/${middle.id}`).set(auth(h.officer)).expect(200)).body;
      expect({ factor: change.factor, position: after.ranking.position }).toEqual({ factor: change.factor, position: change.position });
      applied++;
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('should show before activation how a new scheme would move every entry', async () => {
    await population('CRISIS_FAMILY', 12);
    const draft = await h.svc.http
      .post('/api/housing/v1/priority-schemes')
      .set(auth(h.officer))
      .send({ name: 'Urgentie voorop', seed: 'concept-2027', factors: [{ factor: 'URGENCY', weight: 100 }, { factor: 'WAITING_DAYS', weight: 0.01 }] })
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', activeFrom: null, inForce: false, seed: 'concept-2027' });
    const now = await list('CRISIS_FAMILY');
    const res = await h.svc.http.get(`/api/housing/v1/priority-schemes/${draft.body.id}/what-if`).query({ facilityType: 'CRISIS_FAMILY' }).set(auth(h.officer)).expect(200);
    expect(res.body.current).toMatchObject({ id: scheme.id, seed: 'leidse-regio-2026' });
    expect(res.body.items).toHaveLength(12);
    const from = Object.fromEntries(now.map((i) => [i.id, i.ranking.position]));
    for (const m of res.body.items) expect(m.from).toBe(from[m.entryId]);
    // The candidate's order, recomputed outside from its own published weights and seed.
    const values = now.map((i) => ({ ...i, ranking: { ...i.ranking, factors: { URGENCY: i.ranking.factors.URGENCY, WAITING_DAYS: i.ranking.factors.WAITING_DAYS } } }));
    const expected = recompute(draft.body, values);
    expect([...res.body.items].sort((a: { to: number }, b: { to: number }) => a.to - b.to).map((m: { entryId: string }) => m.entryId)).toEqual(expected);
    const summary = res.body.summary.find((s: { facilityType: string }) => s.facilityType === 'CRISIS_FAMILY');
    expect(summary.up + summary.down + summary.same).toBe(12);
    // Nothing changed meanwhile: the list still ranks by the scheme in force.
    expect((await list('CRISIS_FAMILY')).map((i) => i.id)).toEqual(now.map((i) => i.id));
  });

  it('should show how weights tried in the page would move every entry, as a stored draft with those weights would, storing nothing', async () => {
    await population('WOMENS_SHELTER', 14);
    const weights = [
      { factor: 'URGENCY', weight: 100 },
      { factor: 'WAITING_DAYS', weight: 0.01 },
      { factor: 'NO_INTERIM_SUPPORT', weight: 0 },
    ];
    const schemesBefore = (await h.svc.http.get('/api/housing/v1/priority-schemes').set(auth(h.officer)).expect(200)).body.items.length;
    const tried = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(h.officer)).send({ factors: weights, facilityType: 'WOMENS_SHELTER' }).expect(200);
    // The seed of the scheme in force: only the weights move entries.
    expect(tried.body.weights).toEqual({ seed: 'leidse-regio-2026', factors: weights });
    expect(tried.body.current).toMatchObject({ id: scheme.id });
    expect(tried.body.items).toHaveLength(14);
    expect(tried.body.items[0]).toEqual({ entryId: expect.any(String), facilityType: 'WOMENS_SHELTER', municipality: GM_LEIDEN, waitingSince: expect.any(String), from: expect.any(Number), to: expect.any(Number) });
    // The order anyone recomputes from the weights and the seed.
    const now = await list('WOMENS_SHELTER');
    expect([...tried.body.items].sort((a: { to: number }, b: { to: number }) => a.to - b.to).map((m: { entryId: string }) => m.entryId)).toEqual(recompute({ seed: 'leidse-regio-2026', factors: weights }, now));
    const from = Object.fromEntries(now.map((i) => [i.id, i.ranking.position]));
    for (const m of tried.body.items) expect(m.from).toBe(from[m.entryId]);
    // A draft stored with the same weights and seed moves every entry the same way.
    const draft = (await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(h.officer)).send({ name: 'Zelfde gewichten', seed: 'leidse-regio-2026', factors: weights }).expect(201)).body;
    const stored = await h.svc.http.get(`/api/housing/v1/priority-schemes/${draft.id}/what-if`).query({ facilityType: 'WOMENS_SHELTER' }).set(auth(h.officer)).expect(200);
    expect(stored.body.items).toEqual(tried.body.items);
    expect(stored.body.summary).toEqual(tried.body.summary);
    expect((await h.svc.http.get('/api/housing/v1/priority-schemes').set(auth(h.officer)).expect(200)).body.items).toHaveLength(schemesBefore + 1);
    // Who moves most first, a page at a time.
    const size = (m: { from: number; to: number }) => Math.abs(m.from - m.to);
    const first = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(h.officer)).send({ factors: weights, facilityType: 'WOMENS_SHELTER', order: 'MOVE', limit: 5 }).expect(200);
    const rest = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(h.officer)).send({ factors: weights, facilityType: 'WOMENS_SHELTER', order: 'MOVE', cursor: first.body.nextCursor }).expect(200);
    const moves = [...first.body.items, ...rest.body.items].map(size);
    expect(moves).toEqual([...tried.body.items.map(size)].sort((a, b) => b - a));
    const summary = tried.body.summary.find((g: { facilityType: string }) => g.facilityType === 'WOMENS_SHELTER');
    expect(moves[0]).toBe(Math.max(summary.largestRise, summary.largestFall));
    expect(moves[0]).toBeGreaterThan(0);
    // Another municipality's placement officer sees only its own entries' moves.
    const oegstgeest = await h.ctx.token({ org: GM_OEGSTGEEST, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_OEGSTGEEST] });
    const own = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(oegstgeest)).send({ factors: weights, facilityType: 'WOMENS_SHELTER' }).expect(200);
    expect(own.body.items).toEqual([]);
  });

  it('should refuse weights to try that break a scheme’s rules, naming each field, in the codes the page translates', async () => {
    const bad = await h.svc.http
      .post('/api/housing/v1/priority-schemes/what-if')
      .set(auth(h.officer))
      .send({ factors: [{ factor: 'URGENCY', weight: 'veel' }, { factor: 'WAITING_DAYS', weight: 0.125 }, { factor: 'NO_INTERIM_SUPPORT', weight: 20_000 }], order: 'RANDOM' })
      .expect(400);
    expect(bad.body.invalidParams.map((p: { name: string; code: string }) => `${p.name} ${p.code}`).sort()).toEqual(
      expect.arrayContaining(['factors[0].weight IS_NUMBER', 'factors[1].weight IS_NUMBER', 'factors[2].weight MAX', 'order IS_IN']),
    );
    const zero = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(h.officer)).send({ factors: [{ factor: 'URGENCY', weight: 0 }] }).expect(400);
    expect(zero.body.invalidParams).toEqual([expect.objectContaining({ name: 'factors', code: 'NO_WEIGHT' })]);
    const twice = await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(h.officer)).send({ factors: [{ factor: 'URGENCY', weight: 1 }, { factor: 'URGENCY', weight: 2 }] }).expect(400);
    expect(twice.body.invalidParams).toEqual([expect.objectContaining({ name: 'factors[1].factor', code: 'DUPLICATE_FACTOR' })]);
    const analyst = await h.ctx.token({ org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] });
    await h.svc.http.post('/api/housing/v1/priority-schemes/what-if').set(auth(analyst)).send({ factors: [{ factor: 'URGENCY', weight: 1 }] }).expect(403);
  });

  it('should refuse a scheme whose weights are not numbers, naming the field, and keep schemes to the whole region', async () => {
    const bad = await h.svc.http
      .post('/api/housing/v1/priority-schemes')
      .set(auth(h.officer))
      .send({ name: 'x', factors: [{ factor: 'URGENCY', weight: 'veel' }, { factor: 'LOTTERY', weight: 1 }, { factor: 'WAITING_DAYS', weight: 0.125 }] })
      .expect(400);
    expect([...new Set(bad.body.invalidParams.map((p: { name: string }) => p.name))].sort()).toEqual(['factors[0].weight', 'factors[1].factor', 'factors[2].weight']);
    const twice = await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(h.officer)).send({ name: 'x', factors: [{ factor: 'URGENCY', weight: 1 }, { factor: 'URGENCY', weight: 2 }] }).expect(400);
    expect(twice.body.invalidParams).toEqual([expect.objectContaining({ name: 'factors[1].factor', code: 'DUPLICATE_FACTOR' })]);
    const leiden = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_LEIDEN] });
    const notRegion = await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(leiden)).send({ name: 'x', factors: [{ factor: 'URGENCY', weight: 1 }] }).expect(403);
    expect(notRegion.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [expect.objectContaining({ name: 'municipalities' })] });
  });

  it('should activate a version from a date, never in the past, one per date, and once', async () => {
    const draft = (await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(h.officer)).send({ name: 'later', factors: [{ factor: 'URGENCY', weight: 1 }] }).expect(201)).body;
    const past = await h.svc.http.post(`/api/housing/v1/priority-schemes/${draft.id}/activate`).set(auth(h.officer)).send({ activeFrom: '2026-11-22' }).expect(422);
    expect(past.body.invalidParams).toEqual([expect.objectContaining({ name: 'activeFrom', code: 'ACTIVE_FROM_IN_PAST' })]);
    const taken = await h.svc.http.post(`/api/housing/v1/priority-schemes/${draft.id}/activate`).set(auth(h.officer)).send({ activeFrom: TODAY }).expect(409);
    expect(taken.body.code).toBe('ACTIVE_FROM_TAKEN');
    const later = await h.svc.http.post(`/api/housing/v1/priority-schemes/${draft.id}/activate`).set(auth(h.officer)).send({ activeFrom: '2027-02-01' }).expect(200);
    expect(later.body).toMatchObject({ status: 'ACTIVE', activeFrom: '2027-02-01', inForce: false });
    const again = await h.svc.http.post(`/api/housing/v1/priority-schemes/${draft.id}/activate`).set(auth(h.officer)).send({ activeFrom: '2027-03-01' }).expect(409);
    expect(again.body.code).toBe('ALREADY_ACTIVE');
    const bad = await h.svc.http.post(`/api/housing/v1/priority-schemes/not-a-uuid/activate`).set(auth(h.officer)).send({ activeFrom: '2027-03-01' }).expect(400);
    expect(bad.body.invalidParams[0]).toMatchObject({ name: 'id', code: 'INVALID_UUID' });
  });
});
