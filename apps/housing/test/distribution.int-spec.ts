import { Role } from '@vangnet/contracts';
import { auth, facility, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_VOORSCHOTEN, GM_ZOETERWOUDE, Housing, REGION, startHousing } from './support';

// The region's shared housing task: each member's places per type against the year's key.

const KEY = {
  shares: [
    { municipality: GM_LEIDEN, basisPoints: 5000 },
    { municipality: GM_LEIDERDORP, basisPoints: 1500 },
    { municipality: GM_OEGSTGEEST, basisPoints: 1500 },
    { municipality: GM_VOORSCHOTEN, basisPoints: 1500 },
    { municipality: GM_ZOETERWOUDE, basisPoints: 500 },
  ],
  compensationPerPlaceYearCents: 4_500_000,
};

describe('the regional distribution', () => {
  let h: Housing;

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
  });

  afterAll(() => h.close());

  it('should set a key only for the whole region, with every member once and shares adding up to 100 %', async () => {
    const short = await h.svc.http.put('/api/housing/v1/distribution/keys/2027').set(auth(h.officer)).send({ ...KEY, shares: KEY.shares.slice(1) }).expect(400);
    expect(short.body.invalidParams.map((p: { name: string; code: string }) => [p.name, p.code])).toEqual([
      ['shares', 'SHARES_INCOMPLETE'],
      ['shares', 'SHARES_NOT_WHOLE'],
    ]);
    const stranger = await h.svc.http.put('/api/housing/v1/distribution/keys/2027').set(auth(h.officer)).send({ ...KEY, shares: [...KEY.shares.slice(1), { municipality: 'GM0363', basisPoints: 5000 }] }).expect(400);
    expect(stranger.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['shares[4].municipality', 'shares']);
    const badYear = await h.svc.http.put('/api/housing/v1/distribution/keys/20x7').set(auth(h.officer)).send(KEY).expect(400);
    expect(badYear.body.invalidParams[0].name).toBe('year');
    const leiden = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_LEIDEN] });
    await h.svc.http.put('/api/housing/v1/distribution/keys/2027').set(auth(leiden)).send(KEY).expect(403);
    await h.svc.http.put('/api/housing/v1/distribution/keys/2027').set(auth(h.officer)).send(KEY).expect(201);
    await h.svc.http.put('/api/housing/v1/distribution/keys/2027').set(auth(h.officer)).send({ ...KEY, compensationPerPlaceYearCents: 5_000_000 }).expect(200);
  });

  it('should report places against the key per municipality and type, the shortfall, its compensation, intermediate facilities and concentration', async () => {
    await h.svc.http.put('/api/housing/v1/distribution/keys/2026').set(auth(h.officer)).send({ ...KEY, facilityTypes: ['CRISIS_SINGLE', 'INTERMEDIATE_FACILITY'] }).expect(201);
    // 20 crisis places, all in Leiden's Stationsdistrict; one intermediate facility in Leiderdorp.
    await facility(h, { type: 'CRISIS_SINGLE', municipality: GM_LEIDEN, neighbourhood: 'Stationsdistrict', capacity: 12 });
    await facility(h, { type: 'CRISIS_SINGLE', municipality: GM_LEIDEN, neighbourhood: 'Stationsdistrict', capacity: 8 });
    await facility(h, { type: 'INTERMEDIATE_FACILITY', municipality: GM_LEIDERDORP, neighbourhood: 'Oranjewijk', capacity: 4 });
    const analyst = await h.ctx.token({ org: 'ORG:55555555', roles: [Role.REGIONAL_ANALYST] });
    const r = (await h.svc.http.get('/api/housing/v1/distribution').query({ year: 2026 }).set(auth(analyst)).expect(200)).body;
    const crisis = r.types.find((t: { facilityType: string }) => t.facilityType === 'CRISIS_SINGLE');
    expect(crisis.municipalities.map((m: { municipality: string; target: number; places: number; shortfall: number }) => [m.municipality, m.target, m.places, m.shortfall])).toEqual([
      [GM_LEIDEN, 10, 20, 0],
      [GM_LEIDERDORP, 3, 0, 3],
      [GM_OEGSTGEEST, 3, 0, 3],
      [GM_VOORSCHOTEN, 3, 0, 3],
      [GM_ZOETERWOUDE, 1, 0, 1],
    ]);
    const by = (m: string) => r.municipalities.find((x: { municipality: string }) => x.municipality === m);
    // Intermediate facilities: 4 places, targets 2/1/1/0/0 (largest remainder); Leiderdorp has 4.
    expect(by(GM_LEIDEN)).toMatchObject({ shortfall: 2, surplus: 10, compensationOwedCents: 9_000_000, compensationDueCents: 45_000_000, missingIntermediateFacility: true });
    expect(by(GM_LEIDERDORP)).toMatchObject({ shortfall: 3, surplus: 3, compensationOwedCents: 13_500_000, intermediateFacilities: 1, missingIntermediateFacility: false });
    expect(r.totals).toEqual({ places: 24, shortfall: 13, compensationCents: 58_500_000 });
    expect(r.municipalities.reduce((a: number, m: { compensationDueCents: number }) => a + m.compensationDueCents, 0)).toBe(r.totals.compensationCents);
    expect(r.neighbourhoods).toEqual(
      expect.arrayContaining([{ municipality: GM_LEIDEN, neighbourhood: 'Stationsdistrict', places: 20, shareBasisPoints: 10000, concentrated: true }]),
    );
    const municipal = await h.ctx.token({ org: GM_OEGSTGEEST, roles: [Role.AUDITOR], municipalities: [GM_OEGSTGEEST] });
    await h.svc.http.get('/api/housing/v1/distribution').query({ year: 2026 }).set(auth(municipal)).expect(200);
    const corporation = await h.ctx.token({ org: 'CORP:30000001', roles: [Role.CORPORATION] });
    await h.svc.http.get('/api/housing/v1/distribution').query({ year: 2026 }).set(auth(corporation)).expect(403);
    const none = await h.svc.http.get('/api/housing/v1/distribution').query({ year: 2031 }).set(auth(analyst)).expect(404);
    expect(none.body.code).toBe('NO_DISTRIBUTION_KEY');
    expect(REGION).toHaveLength(5);
  });
});
