// Housing's demo data, through the gateway: the region's priority scheme (published seed), its
// distribution key, facilities of every type over the five municipalities, quotas for three
// corporations, a few hundred waiting-list entries in every state (waiting, offered, accepted,
// placed, left), crisis placements over the last half year (so the monitor has months to show),
// residents ready to move on with nominations (one answered, one with a signed lease) and eviction
// signals. Idempotent: facilities by name, entries and placements by their (deterministic) person,
// schemes by name; quotas and the key are PUT. Residents who are nominated are recorded in access
// first, so a corporation sees their name once access answers `access.person.identity.get`.
import { createHash } from 'node:crypto';
import { ACTORS, ALL_MUNICIPALITIES, CORPORATIONS, PROVIDERS, REGION } from './region.mjs';

const BASE = '/api/housing/v1';
const [LEIDEN, LEIDERDORP, OEGSTGEEST, VOORSCHOTEN, ZOETERWOUDE] = REGION.municipalities.map((m) => m.code);
const BW_PROVIDER = PROVIDERS.find((p) => p.categories.includes('15')).agb;
const SHELTER_PROVIDER = PROVIDERS.find((p) => p.categories.includes('16')).agb;
// The two corporations of the region file and a third for housing's quotas.
const CORPS = [...CORPORATIONS, { kvk: '30000003', name: 'Woonstichting De Sleutels' }];
const SCHEME_NAME = 'Regionale voorrangsregeling beschermd wonen en opvang';

// CBS inhabitants 2025 (as finance's demo): the key is each member's share of the region.
const SHARES = { [LEIDEN]: 5872, [LEIDERDORP]: 1296, [OEGSTGEEST]: 1218, [VOORSCHOTEN]: 1185, [ZOETERWOUDE]: 429 };

const FACILITIES = [
  { name: 'De Binnenvest Beschermd Wonen', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: LEIDEN, neighbourhood: 'Binnenstad-Noord', capacity: 24, providerAgb: BW_PROVIDER, ownerCorporation: '30000001', features: ['ACCESSIBLE'] },
  { name: 'Rijnzicht', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: LEIDEN, neighbourhood: 'Stationsdistrict', capacity: 16, providerAgb: BW_PROVIDER, features: [] },
  { name: 'BW Light Morskwartier', type: 'PROTECTED_HOUSING_LIGHT', municipality: LEIDEN, neighbourhood: 'Morsdistrict', capacity: 10, providerAgb: BW_PROVIDER, features: ['PETS_ALLOWED'] },
  { name: 'Tussenvoorziening Haagweg', type: 'INTERMEDIATE_FACILITY', municipality: LEIDEN, neighbourhood: 'Roodenburgerdistrict', capacity: 8, providerAgb: BW_PROVIDER, ownerCorporation: '30000002', features: [] },
  { name: 'Respijthuis Merenwijk', type: 'RESPITE_HOUSE', municipality: LEIDEN, neighbourhood: 'Merenwijk', capacity: 4, providerAgb: SHELTER_PROVIDER, features: ['ACCESSIBLE'] },
  { name: 'Crisisopvang Leiden', type: 'CRISIS_SINGLE', municipality: LEIDEN, neighbourhood: 'Stationsdistrict', capacity: 10, providerAgb: SHELTER_PROVIDER, features: [] },
  { name: 'Gezinsopvang De Haven', type: 'CRISIS_FAMILY', municipality: LEIDEN, neighbourhood: 'Boerhaavedistrict', capacity: 4, providerAgb: SHELTER_PROVIDER, features: ['FAMILY_SIZED'] },
  { name: 'Nachtopvang Binnenvest', type: 'NIGHT_SHELTER', municipality: LEIDEN, neighbourhood: 'Binnenstad-Noord', capacity: 20, providerAgb: SHELTER_PROVIDER, features: [] },
  { name: '24-uursopvang Leiden', type: 'DAY_AND_NIGHT_SHELTER', municipality: LEIDEN, neighbourhood: 'Binnenstad-Zuid', capacity: 12, providerAgb: SHELTER_PROVIDER, features: [] },
  { name: 'Vrouwenopvang Holland Rijnland', type: 'WOMENS_SHELTER', municipality: LEIDEN, neighbourhood: 'Bos- en Gasthuisdistrict', capacity: 8, providerAgb: SHELTER_PROVIDER, features: ['GENDER_SPECIFIC', 'FAMILY_SIZED'] },
  { name: 'Skaeve Huse Leiden-Noord', type: 'SMALL_DETACHED_HOME', municipality: LEIDEN, neighbourhood: 'Leiden-Noord', capacity: 5, providerAgb: SHELTER_PROVIDER, ownerCorporation: '30000001', features: ['PETS_ALLOWED'] },
  { name: 'Housing First Leiden', type: 'HOUSING_FIRST', municipality: LEIDEN, neighbourhood: 'Stevenshof', capacity: 10, providerAgb: BW_PROVIDER, ownerCorporation: '30000002', features: [] },
  { name: 'Beschermd Thuis Leiden', type: 'OWN_HOME_WITH_SUPPORT', municipality: LEIDEN, neighbourhood: 'Merenwijk', capacity: 15, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Beschermd Wonen De Baanderij', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: LEIDERDORP, neighbourhood: 'Centrum', capacity: 8, providerAgb: BW_PROVIDER, features: ['ACCESSIBLE'] },
  { name: 'Tussenvoorziening Leiderdorp', type: 'INTERMEDIATE_FACILITY', municipality: LEIDERDORP, neighbourhood: 'Oranjewijk', capacity: 4, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Housing First Leiderdorp', type: 'HOUSING_FIRST', municipality: LEIDERDORP, neighbourhood: 'Elisabethhof', capacity: 4, providerAgb: BW_PROVIDER, ownerCorporation: '30000003', features: [] },
  { name: 'BW Light Oegstgeest', type: 'PROTECTED_HOUSING_LIGHT', municipality: OEGSTGEEST, neighbourhood: 'Haaswijk', capacity: 6, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Tussenvoorziening Oegstgeest', type: 'INTERMEDIATE_FACILITY', municipality: OEGSTGEEST, neighbourhood: 'Poelgeest', capacity: 3, providerAgb: BW_PROVIDER, features: ['ACCESSIBLE'] },
  { name: 'Beschermd Wonen Voorschoten', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: VOORSCHOTEN, neighbourhood: 'Noord-Hofland', capacity: 6, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Tussenvoorziening Voorschoten', type: 'INTERMEDIATE_FACILITY', municipality: VOORSCHOTEN, neighbourhood: 'Centrum', capacity: 3, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Skaeve Huse Voorschoten', type: 'SMALL_DETACHED_HOME', municipality: VOORSCHOTEN, neighbourhood: 'Krimwijk', capacity: 3, providerAgb: SHELTER_PROVIDER, ownerCorporation: '30000003', features: ['PETS_ALLOWED'] },
  { name: 'Beschermd Thuis Zoeterwoude', type: 'OWN_HOME_WITH_SUPPORT', municipality: ZOETERWOUDE, neighbourhood: 'Zoeterwoude-Dorp', capacity: 4, providerAgb: BW_PROVIDER, features: [] },
  { name: 'Respijthuis Zoeterwoude-Rijndijk', type: 'RESPITE_HOUSE', municipality: ZOETERWOUDE, neighbourhood: 'Zoeterwoude-Rijndijk', capacity: 2, providerAgb: SHELTER_PROVIDER, features: [] },
];

// The list's population: most wait for (light) protected housing, the rest for the other forms.
const WAITING_TYPES = ['INTRAMURAL_PROTECTED_HOUSING', 'INTRAMURAL_PROTECTED_HOUSING', 'INTRAMURAL_PROTECTED_HOUSING', 'PROTECTED_HOUSING_LIGHT', 'PROTECTED_HOUSING_LIGHT', 'INTERMEDIATE_FACILITY', 'HOUSING_FIRST', 'SMALL_DETACHED_HOME', 'OWN_HOME_WITH_SUPPORT', 'RESPITE_HOUSE'];
const ENTRIES = 260;
// Of them, by index from the end: placed, accepted, offered, left.
const STATES = [...Array(40).fill('PLACED'), ...Array(10).fill('ACCEPTED'), ...Array(15).fill('OFFERED'), ...Array(25).fill('LEFT')];
const LEFT_REASONS = ['NO_LONGER_NEEDED', 'MOVED', 'OTHER_REGION', 'DECEASED', 'OTHER'];
const DESTINATIONS = ['INDEPENDENT_WITH_SUPPORT', 'INDEPENDENT_WITH_SUPPORT', 'INTERMEDIATE_FACILITY', 'UNKNOWN', 'WLZ', 'OTHER_REGION', 'DETENTION_OR_HOSPITAL'];

// Residents who move on (recorded in access, so the corporation sees their name).
const MOVERS = [
  { n: 401, given: 'Lotte', family: 'Verhoeven', born: '1989-05-02' },
  { n: 402, given: 'Thomas', family: 'van den Berg', born: '1977-12-19' },
  { n: 403, given: 'Yasmina', family: 'Benali', born: '1994-08-07' },
  { n: 404, given: 'Ruud', family: 'Hendriks', born: '1965-03-28' },
  { n: 405, given: 'Iris', family: 'Kok', born: '1999-10-11' },
];

function today() {
  return process.env.VANGNET_TODAY ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A stable id per demo person, so every start finds the same residents. */
function demoUuid(label) {
  const h = createHash('sha256').update(`vangnet-demo-housing:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pseudonymOf = (label) => createHash('sha256').update(`vangnet-demo-housing-pseudonym:${label}`).digest('hex');

/** A test BSN (the 9999… range, as access's demo) that passes the eleven-proof. */
function testBsn(n) {
  for (let k = n; ; k += 1000) {
    const prefix = `9999${String(k % 10000).padStart(4, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
    if (sum % 11 < 10) return prefix + String(sum % 11);
  }
}

export async function load(api) {
  const day = today();
  const year = Number(day.slice(0, 4));
  const officer = await api.token({ sub: 'demo-placement-officer', org: LEIDEN, roles: ['housing.placement-officer'], municipalities: ALL_MUNICIPALITIES });
  const call = async (method, path, body, ok = [200, 201], token = officer) => {
    const res = await api.request(method, `${BASE}${path}`, { token, body });
    if (!ok.includes(res.status)) throw new Error(`${method} ${BASE}${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const all = async (path) => {
    const items = [];
    let cursor;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = (await call('GET', `${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const counts = { facilities: 0, entries: 0, offers: 0, placements: 0, crisis: 0, nominations: 0, signals: 0 };

  // The region's scheme, published with its seed, in force from the first start.
  const schemes = (await call('GET', '/priority-schemes?limit=100')).body.items;
  if (!schemes.some((s) => s.name === SCHEME_NAME && s.status === 'ACTIVE')) {
    const draft =
      schemes.find((s) => s.name === SCHEME_NAME) ??
      (
        await call('POST', '/priority-schemes', {
          name: SCHEME_NAME,
          seed: `leidse-regio-${year}`,
          factors: [
            { factor: 'WAITING_DAYS', weight: 0.1 },
            { factor: 'URGENCY', weight: 30 },
            { factor: 'HOUSEHOLD_WITH_CHILDREN', weight: 20 },
            { factor: 'DISCHARGE_FROM_INSTITUTION', weight: 15 },
            { factor: 'ORIGIN_MUNICIPALITY', weight: 10 },
            { factor: 'NO_INTERIM_SUPPORT', weight: 5 },
          ],
        })
      ).body;
    await call('POST', `/priority-schemes/${draft.id}/activate`, { activeFrom: day }, [200, 409]);
  }

  // The year's distribution key and the corporations' quotas (PUT: the same on every start).
  await call('PUT', `/distribution/keys/${year}`, {
    shares: ALL_MUNICIPALITIES.map((m) => ({ municipality: m, basisPoints: SHARES[m] })),
    compensationPerPlaceYearCents: 4_500_000,
  });
  for (const corp of CORPS) {
    for (const m of ALL_MUNICIPALITIES) {
      const homes = m === LEIDEN ? 12 : m === ZOETERWOUDE ? 1 : 3;
      await call('PUT', '/quotas', { corporation: corp.kvk, municipality: m, year, homes }, [200, 201, 422]);
    }
  }

  // Facilities by name.
  const existing = new Set((await all('/facilities')).map((f) => f.name));
  for (const f of FACILITIES) {
    if (existing.has(f.name)) continue;
    await call('POST', '/facilities', f);
    counts.facilities++;
  }

  // Residents who will move on: in access first (the name the corporation sees), else demo ids.
  const movers = await recordMovers(api, counts);

  // The list: who is there already (any state), by person.
  const known = new Set();
  for (const status of ['OPEN', 'PLACED', 'LEFT']) for (const e of await all(`/waitlist?status=${status}`)) known.add(e.personId);
  const freePlaces = async (type) => (await all(`/places?status=FREE&facilityType=${type}`)).filter((p) => p.features.length === 0 || true);
  for (let i = 0; i < ENTRIES; i++) {
    const mover = movers[i - (ENTRIES - STATES.length)];
    const personId = mover?.personId ?? demoUuid(`entry-${i}`);
    if (known.has(personId)) continue;
    const state = STATES[i - (ENTRIES - STATES.length)] ?? 'WAITING';
    const type = WAITING_TYPES[i % WAITING_TYPES.length];
    const municipality = ALL_MUNICIPALITIES[i % 5 === 0 ? i % 4 + 1 : 0];
    const body = {
      personId,
      ...(mover?.bsn ? { bsn: mover.bsn } : { personPseudonym: pseudonymOf(`entry-${i}`) }),
      municipality,
      responsibleMunicipality: LEIDEN,
      originMunicipality: i % 7 === 0 ? 'GM0363' : ALL_MUNICIPALITIES[(i * 3) % 5],
      facilityType: type,
      waitingSince: addDays(day, -((i * 37) % 700) - 1),
      urgency: i % 11 === 0 ? 3 : i % 5 === 0 ? 2 : i % 3 === 0 ? 1 : 0,
      dischargeFromInstitution: i % 13 === 0,
      // Entries that will be offered a place need nothing special, so any free place fits.
      needs: state === 'WAITING' && i % 9 === 0 ? ['ACCESSIBLE'] : state === 'WAITING' && i % 17 === 0 ? ['PETS_ALLOWED'] : [],
      ...(i % 2 === 0 ? { interimSupport: { description: 'ambulante begeleiding, 3 uur per week', providerAgb: PROVIDERS[0].agb } } : {}),
      reassessmentOn: addDays(day, 30 + (i % 150)),
    };
    const created = await call('POST', '/waitlist', body, [201, 409]);
    if (created.status === 409) continue;
    counts.entries++;
    const entry = created.body;
    if (state === 'LEFT') {
      await call('POST', `/waitlist/${entry.id}/leave`, { reason: LEFT_REASONS[i % LEFT_REASONS.length] });
      continue;
    }
    if (state === 'WAITING') continue;
    const place = (await freePlaces(type))[0];
    if (!place) continue; // the facilities are full: the entry waits
    const offer = (await call('POST', '/offers', { placeId: place.id, entryId: entry.id }, [201, 409])).body;
    if (!offer.id) continue;
    counts.offers++;
    if (state === 'OFFERED') continue;
    await call('POST', `/offers/${offer.id}/answer`, { accepted: true });
    if (state === 'ACCEPTED') continue;
    const placement = (await call('POST', '/placements', { offerId: offer.id, startDate: day })).body;
    counts.placements++;
    if (mover) mover.placementId = placement.id;
  }

  await crisisHistory(call, all, day, counts);
  await outflow(api, call, all, movers, day, counts);
  return `${counts.facilities} facilities, ${counts.entries} waiting-list entries, ${counts.offers} offers, ${counts.placements} placements, ${counts.crisis} crisis stays, ${counts.nominations} nominations, ${counts.signals} eviction signals`;
}

/** The movers in access (found by BSN, else recorded); without access they get demo ids. */
async function recordMovers(api, counts) {
  const caseworker = await api.token(ACTORS.caseworker);
  const movers = [];
  for (const m of MOVERS) {
    const bsn = testBsn(m.n);
    let personId;
    try {
      const found = await api.request('POST', '/api/access/v1/persons/search', { token: caseworker, body: { bsn } });
      personId = found.status === 200 ? found.body.items?.[0]?.id : undefined;
      if (!personId) {
        const created = await api.request('POST', '/api/access/v1/persons', {
          token: caseworker,
          body: { bsn, givenName: m.given, familyName: m.family, birthDate: m.born, brpMunicipality: LEIDEN, municipality: LEIDEN },
        });
        if (created.status === 201) {
          personId = created.body.id;
          counts.persons = (counts.persons ?? 0) + 1;
        }
      }
    } catch {
      personId = undefined;
    }
    movers.push(personId ? { personId, bsn } : { personId: demoUuid(`mover-${m.n}`), bsn });
  }
  return movers;
}

/** Crisis stays over the last half year, most of them ended, so the monitor has months to show. */
async function crisisHistory(call, all, day, counts) {
  const known = new Set((await all('/placements')).map((p) => p.personId));
  const types = ['CRISIS_SINGLE', 'NIGHT_SHELTER', 'DAY_AND_NIGHT_SHELTER', 'WOMENS_SHELTER'];
  let n = 0;
  for (const type of types) {
    const places = await all(`/places?facilityType=${type}`);
    for (const [k, place] of places.slice(0, 3).entries()) {
      // Back to back in the same place: a stay of 20–80 days, then the next.
      let start = addDays(day, -180 + k * 7);
      for (let stay = 0; stay < 3; stay++, n++) {
        const personId = demoUuid(`crisis-${type}-${k}-${stay}`);
        const length = 20 + ((n * 13) % 60);
        const end = addDays(start, length);
        const running = end >= day;
        if (!known.has(personId)) {
          if (place.status !== 'FREE' && stay === 0) break;
          const res = await call('POST', '/placements', { personId, personPseudonym: pseudonymOf(`crisis-${n}`), municipality: ALL_MUNICIPALITIES[n % 5], originMunicipality: ALL_MUNICIPALITIES[(n + 1) % 5], placeId: place.id, startDate: start }, [201, 409]);
          if (res.status !== 201) break;
          counts.crisis++;
          if (!running) await call('POST', `/placements/${res.body.id}/end`, { endDate: end, destination: DESTINATIONS[n % DESTINATIONS.length] });
        }
        if (running) break;
        start = addDays(end, 1);
      }
    }
  }
}

/** Movers ready to leave, with consent: nominated, one answered and leased, one declined; eviction signals. */
async function outflow(api, call, all, movers, day, counts) {
  const ready = await all('/outflow');
  const nominated = new Set((await all('/nominations')).map((x) => x.readinessId));
  for (const [i, m] of movers.entries()) {
    if (!m.placementId) {
      const running = (await all(`/placements?personId=${m.personId}&running=true`))[0];
      if (!running) continue;
      m.placementId = running.id;
    }
    let r = ready.find((x) => x.personId === m.personId);
    if (!r) {
      r = (await call('POST', '/outflow', { placementId: m.placementId, readyFrom: day, needs: i === 2 ? ['ACCESSIBLE'] : [] }, [201, 409])).body;
      if (!r.id) continue;
      await call('POST', `/outflow/${r.id}/consent`, { givenOn: day });
    }
    if (nominated.has(r.id) || r.status !== 'READY') continue;
    const corp = CORPS[i % CORPS.length];
    const res = await call('POST', '/nominations', { readinessId: r.id, corporation: corp.kvk, municipality: LEIDEN, scheme: i === 4 ? 'URGENCY' : 'QUOTA' }, [201, 422]);
    if (res.status !== 201) continue;
    counts.nominations++;
    const corporation = await api.token({ sub: `demo-corporation-${corp.kvk}`, org: `CORP:${corp.kvk}`, roles: ['corporation'], municipalities: [] });
    if (i === 0) {
      await call('POST', `/nominations/${res.body.id}/answer`, { accepted: true, leaseStart: addDays(day, 30), address: { street: 'Haarlemmerstraat', houseNumber: 101, postcode: '2312 DM', city: 'Leiden' } }, [200], corporation);
      await call('POST', `/nominations/${res.body.id}/lease`, {}, [200], corporation);
      await call('POST', '/eviction-signals', { nominationId: res.body.id, kind: 'ARREARS', description: 'eerste huur niet betaald' }, [201], corporation);
      counts.signals++;
    } else if (i === 1) {
      await call('POST', `/nominations/${res.body.id}/answer`, { accepted: false, reason: 'geen passende woning in het contingent dit kwartaal' }, [200], corporation);
    }
  }
  // A provider's signal about a resident of its own facility.
  const provider = await api.token(ACTORS.provider(PROVIDERS.find((p) => p.categories.includes('15')).agb));
  const signals = (await api.request('GET', `${BASE}/eviction-signals?limit=500`, { token: provider })).body?.items ?? [];
  if (!signals.length) {
    const theirs = (await api.request('GET', `${BASE}/placements?running=true&limit=1`, { token: provider })).body?.items?.[0];
    if (theirs) {
      await call('POST', '/eviction-signals', { placementId: theirs.id, kind: 'NUISANCE', description: 'herhaalde geluidsoverlast gemeld door buren' }, [201], provider);
      counts.signals++;
    }
  }
}
