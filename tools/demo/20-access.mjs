// Demo data for access (toegang): residents with valid test BSNs in the five municipalities,
// households, registrations (one the person cannot ask for help with → outreach task),
// investigations, applications and decisions with in-kind provisions from the demo providers'
// contracted products (read from procurement, whose loader runs before this one), a PGB, a youth
// case, a protected-housing client from another municipality and a shelter client, referrals, an
// escalation and an objection; the households (announced as access.household.changed.v1) and the
// region's life domains are there from the start. A provider's request for Henk comes in as the
// exchange will send it (exchange.assignment-request.received.v1 on NATS) and waits on the
// Zoeterwoude worklist. The cases have a history over the past months (registered, investigated,
// applied for and decided on days before today), so their statutory terms ended in those months:
// most met, a few breached, one investigation still overdue. Idempotent: each step looks before it creates, through the gateway; the
// request has a fixed id, which access's inbox applies once.
import { createHash } from 'node:crypto';
import { connect } from 'nats';
import { PROVIDERS, REGION } from './region.mjs';

const [LEIDEN, LEIDERDORP, OEGSTGEEST, VOORSCHOTEN, ZOETERWOUDE] = REGION.municipalities.map((m) => m.code);

/** A test BSN (the 9999… range) that passes the eleven-proof. */
function testBsn(n) {
  for (let k = n; ; k += 1000) {
    const prefix = `9999${String(k % 10000).padStart(4, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
    if (sum % 11 < 10) return prefix + String(sum % 11);
  }
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const today = () => process.env.VANGNET_TODAY ?? new Date().toISOString().slice(0, 10);

// Provisions started three months ago (with effect from then), so providers have delivered months
// to declare and finance's demo has declarations and a payment batch to show.
function monthsAgoStart(months) {
  const day = today();
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 - months, 1)).toISOString().slice(0, 10);
}

/**
 * The day `days` before today. Each resident's case has a history (`history`: days ago it was
 * registered, investigated, applied for, decided, objected to), so the statutory terms ended over
 * the past months, most met and a few breached, as the monitor and the worklist show them.
 */
const daysAgo = (days) => (days === undefined ? undefined : addDays(today(), -days));

const providerFor = (category) => PROVIDERS.find((p) => p.categories.includes(category))?.agb;

const ALL_THE_WAY = [
  { option: 'OWN_NETWORK', sufficient: false },
  { option: 'GENERAL_PROVISION', sufficient: false },
  { option: 'COLLECTIVE_PROVISION', sufficient: false },
  { option: 'TAILORED_PROVISION', sufficient: true },
];

// The residents and what happens in their case. `decide`: category and delivery form of the
// provision; `origin`: municipality of origin (protected housing); `household`: key of a shared household.
const RESIDENTS = [
  { key: 'anna', bsn: testBsn(101), given: 'Anna', family: 'de Vries', born: '1961-03-14', brp: LEIDEN, household: 'devries', role: 'APPLICANT',
    registration: { source: 'RESIDENT', channel: 'DESK', canAskForHelp: true }, investigate: true, decide: { category: '02', form: 'IN_KIND' },
    referral: { target: 'DEBT_HELP', organisation: 'Schuldhulpverlening Leiden' }, scores: { FINANCES: 2, SOCIAL_NETWORK: 3, MENTAL_HEALTH: 3 },
    history: { registered: 150, investigated: 125, applied: 120, decided: 112 } },
  { key: 'peter', bsn: testBsn(102), given: 'Peter', family: 'de Vries', born: '1958-11-02', brp: LEIDEN, household: 'devries', role: 'PARTNER' },
  { key: 'mohammed', bsn: testBsn(103), given: 'Mohammed', family: 'El Amrani', born: '1947-07-21', brp: LEIDERDORP,
    registration: { source: 'PROFESSIONAL', channel: 'REFERRAL', canAskForHelp: true }, investigate: true, decide: { category: '01', form: 'IN_KIND' },
    objection: true, scores: { ADL: 2, PHYSICAL_HEALTH: 2, HOUSING: 4 },
    // Investigated and decided late: both terms breached.
    history: { registered: 130, investigated: 85, applied: 80, decided: 60, objected: 50 } },
  { key: 'els', bsn: testBsn(104), given: 'Els', family: 'Bakker', born: '1939-01-30', brp: OEGSTGEEST,
    registration: { source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true }, investigate: true, decide: { category: '01', form: 'PGB', budgetCents: 480_000 },
    scores: { ADL: 2, DOMESTIC_RELATIONS: 4 },
    // Decided four days after the two weeks: the decision term breached.
    history: { registered: 95, investigated: 60, applied: 58, decided: 40 } },
  { key: 'jan', bsn: testBsn(105), given: 'Jan', family: 'Smit', born: '1975-09-09', brp: VOORSCHOTEN,
    registration: { source: 'MELDPUNT', channel: 'PHONE', canAskForHelp: false, summary: 'Neighbours report nuisance and a neglected home.' },
    escalation: { target: 'CARE_AND_SAFETY_HUB' }, history: { registered: 3 } },
  { key: 'sanne', bsn: testBsn(106), given: 'Sanne', family: 'Visser', born: '1985-04-18', brp: ZOETERWOUDE, household: 'visser', role: 'PARENT' },
  { key: 'noor', bsn: testBsn(107), given: 'Noor', family: 'Visser', born: '2013-06-05', brp: ZOETERWOUDE, household: 'visser', role: 'CHILD',
    registration: { source: 'PROFESSIONAL', channel: 'REFERRAL', canAskForHelp: true }, investigate: true, law: 'JEUGDWET', decide: { category: '45', form: 'IN_KIND' },
    scores: { MENTAL_HEALTH: 2, DAYTIME_ACTIVITIES: 3 },
    history: { registered: 70, investigated: 65, applied: 64, decided: 20 } },
  // Protected housing through Leiden for someone from Voorschoten: national access (Wmo 1.2.1 b), the central municipality pays.
  { key: 'kees', bsn: testBsn(108), given: 'Kees', family: 'Mulder', born: '1990-12-12', brp: LEIDERDORP, origin: VOORSCHOTEN, at: LEIDEN,
    registration: { source: 'MELDPUNT', channel: 'PHONE', canAskForHelp: true, category: '15' }, investigate: true, decide: { category: '15', form: 'IN_KIND' },
    scores: { RECOVERY_MENTAL_HEALTH_AND_RISKS: 2, RECOVERY_STABLE_HOUSING: 1, RECOVERY_SOCIAL_NETWORK: 2 },
    history: { registered: 40, investigated: 30, applied: 28, decided: 20 } },
  // Shelter stays with the central municipality.
  { key: 'ria', bsn: testBsn(109), given: 'Ria', family: 'Jansen', born: '1968-08-23', brp: null, at: LEIDEN,
    registration: { source: 'POLICE', channel: 'PHONE', canAskForHelp: true, category: '16' }, investigate: true, decide: { category: '16', form: 'IN_KIND' },
    scores: { HOUSING: 1, FINANCES: 1, ADDICTION: 3 },
    history: { registered: 12, investigated: 9, applied: 8, decided: 5 } },
  { key: 'fatima', bsn: testBsn(110), given: 'Fatima', family: 'Yilmaz', born: '1979-02-11', brp: OEGSTGEEST,
    registration: { source: 'CONCERNED_OTHER', channel: 'EMAIL', canAskForHelp: true }, investigate: true, decide: { category: '07', form: 'IN_KIND' },
    scores: { DAYTIME_ACTIVITIES: 2, SOCIAL_NETWORK: 2 },
    history: { registered: 210, investigated: 190, applied: 185, decided: 178 } },
  { key: 'henk', bsn: testBsn(111), given: 'Henk', family: 'van Dijk', born: '1952-10-01', brp: ZOETERWOUDE,
    // Registered seven weeks ago and not yet investigated: the investigation term has run out.
    registration: { source: 'RESIDENT', channel: 'WEB_FORM', canAskForHelp: true }, history: { registered: 50 } },
];

function unitVolume(unit, variant) {
  switch (unit) {
    case 'HOUR':
      return { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' };
    case 'MINUTE':
      return { amount: 180, unit: 'MINUTE', frequency: 'PER_WEEK' };
    case 'DAY_PART':
      return { amount: 2, unit: 'DAY_PART', frequency: 'PER_WEEK' };
    case 'DAY':
      // iWmo CS343: etmaal (14) takes per week, per month or total — never per day.
      return { amount: 7, unit: 'DAY', frequency: 'PER_WEEK' };
    case 'PIECE':
      return { amount: variant === 'OUTPUT' ? 1 : 12, unit: 'PIECE', frequency: 'TOTAL' };
    default:
      return { amount: 10_000, unit: 'EURO', frequency: 'TOTAL' };
  }
}

export async function load(api) {
  const warnings = [];
  const counts = { persons: 0, registrations: 0, investigations: 0, applications: 0, decisions: 0, objections: 0, referrals: 0 };
  const tokens = {};
  const tokenFor = async (municipality, kind) => {
    const key = `${kind}:${municipality}`;
    if (!tokens[key]) {
      const roles = kind === 'decide' ? ['access.decision-maker', 'access.caseworker'] : ['access.caseworker'];
      tokens[key] = await api.token({ sub: `demo-${kind}-${municipality}`, org: municipality, roles, municipalities: [municipality] });
    }
    return tokens[key];
  };
  const manager = await api.token({ sub: 'demo-access-reader', org: LEIDEN, roles: ['procurement.contract-manager'], municipalities: REGION.municipalities.map((m) => m.code) });
  const call = async (method, path, token, body) => {
    const res = await api.request(method, `/api/access/v1${path}`, { token, body });
    return res;
  };
  const must = async (method, path, token, body, expected = [200, 201]) => {
    const res = await call(method, path, token, body);
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // The contracted product of a provider for the paying municipality (the demo contracts are procurement's).
  const contractedProduct = async (agb, municipality, category) => {
    const res = await api.request('GET', `/api/procurement/v1/contracts?providerAgb=${agb}&municipality=${municipality}&status=ACTIVE&limit=50`, { token: manager });
    if (res.status !== 200) return undefined;
    for (const c of res.body.items ?? []) {
      const p = (c.products ?? []).find((x) => x.product?.category === category);
      if (p) return p;
    }
    return undefined;
  };

  const persons = {};
  for (const r of RESIDENTS) {
    const at = r.at ?? r.brp;
    const cw = await tokenFor(at, 'case');
    const found = await must('POST', '/persons/search', cw, { bsn: r.bsn });
    if (found.items.length) {
      persons[r.key] = found.items[0].id;
      continue;
    }
    const created = await call('POST', '/persons', cw, {
      bsn: r.bsn,
      givenName: r.given,
      familyName: r.family,
      birthDate: r.born,
      ...(r.brp ? { brpMunicipality: r.brp } : {}),
      ...(r.origin ? { originMunicipality: r.origin } : {}),
      municipality: at,
    });
    if (created.status === 201) {
      persons[r.key] = created.body.id;
      counts.persons++;
    } else if (created.status === 409) {
      // Recorded by another municipality: bring them in through the registration (personBsn) below.
      persons[r.key] = undefined;
    } else {
      throw new Error(`person ${r.key}: ${created.status} ${JSON.stringify(created.body)}`);
    }
  }

  // Households: one per shared key, recorded by the municipality of the first member.
  const households = {};
  for (const key of [...new Set(RESIDENTS.filter((r) => r.household).map((r) => r.household))]) {
    const members = RESIDENTS.filter((r) => r.household === key);
    const cw = await tokenFor(members[0].brp, 'case');
    const existing = await must('GET', `/persons/${persons[members[0].key]}`, cw);
    if (existing.households.length) {
      households[key] = existing.households[0].householdId;
      continue;
    }
    const h = await must('POST', '/households', cw, { municipality: members[0].brp, members: members.map((m) => ({ personId: persons[m.key], role: m.role })) });
    households[key] = h.id;
  }

  const start = monthsAgoStart(3);
  const end = addDays(new Date(Date.UTC(Number(start.slice(0, 4)) + 1, Number(start.slice(5, 7)) - 1, 1)).toISOString().slice(0, 10), -1);

  const pgb = (category, budgetCents = 600_000) => ({ product: { category }, deliveryForm: 'PGB', budgetCents, period: { start, end } });
  const decide = async (r, at, dm, application) => {
    let provision;
    if (r.decide.form === 'PGB') {
      provision = pgb(r.decide.category, r.decide.budgetCents);
    } else {
      const agb = providerFor(r.decide.category);
      // The payer is the BRP municipality (the deciding one here), except for protected housing and shelter:
      // under the law in force (Wmo 1.2.1 b) the central municipality pays.
      const payer = ['15', '16', '17', '18'].includes(r.decide.category) ? REGION.central : at;
      const contracted = agb ? await contractedProduct(agb, payer, r.decide.category) : undefined;
      if (contracted) {
        provision = { product: contracted.product, deliveryForm: 'IN_KIND', providerAgb: agb, volume: unitVolume(contracted.unit, contracted.variant), period: { start, end } };
      } else {
        warnings.push(`${r.key}: no active contract for ${agb ?? '(no provider)'} / ${r.decide.category} / ${payer}; granted as PGB`);
        provision = pgb(r.decide.category);
      }
    }
    const decidedAt = r.history?.decided !== undefined ? { decidedAt: daysAgo(r.history.decided) } : {};
    let decision = await call('POST', '/decisions', dm, { applicationId: application.id, ...decidedAt, provisions: [provision] });
    if (decision.status === 422 && provision.deliveryForm === 'IN_KIND') {
      warnings.push(`${r.key}: contract check refused (${decision.body.code}); granted as PGB`);
      decision = await call('POST', '/decisions', dm, { applicationId: application.id, ...decidedAt, provisions: [pgb(r.decide.category)] });
    }
    if (decision.status !== 201) throw new Error(`decision ${r.key}: ${decision.status} ${JSON.stringify(decision.body)}`);
    counts.decisions++;
    return decision.body.id;
  };

  for (const r of RESIDENTS.filter((x) => x.registration)) {
    const at = r.at ?? r.brp;
    const cw = await tokenFor(at, 'case');
    const dm = await tokenFor(at, 'decide');
    let personId = persons[r.key];
    let registration;
    if (personId) {
      const regs = await must('GET', `/registrations?personId=${personId}`, cw);
      registration = regs.items[0];
    }
    if (!registration) {
      registration = await must('POST', '/registrations', cw, {
        ...(personId ? { personId } : { personBsn: r.bsn }),
        receivingMunicipality: at,
        ...(r.origin ? { originMunicipality: r.origin } : {}),
        ...r.registration,
        ...(r.history?.registered !== undefined ? { receivedAt: daysAgo(r.history.registered) } : {}),
      });
      personId = registration.personId;
      persons[r.key] = personId;
      counts.registrations++;
      if (r.referral) {
        await must('POST', `/registrations/${registration.id}/referrals`, cw, r.referral);
        counts.referrals++;
      }
      if (r.escalation) {
        await must('POST', `/registrations/${registration.id}/escalations`, cw, { ...r.escalation, note: 'Case conference requested' });
        counts.referrals++;
      }
    }
    if (r.investigate && !registration.investigation) {
      await must('POST', `/registrations/${registration.id}/investigation`, cw, {
        scores: Object.entries(r.scores ?? {}).map(([domain, score]) => ({ domain, score })),
        considered: ALL_THE_WAY,
        clientSupportOffered: true,
        clientSupportAccepted: r.key === 'kees',
        ...(r.history?.investigated !== undefined ? { completedAt: daysAgo(r.history.investigated) } : {}),
      });
      counts.investigations++;
    }
    if (!r.decide) continue;

    const apps = await must('GET', `/applications?personId=${personId}`, cw);
    let application = apps.items[0];
    if (!application) {
      const household = RESIDENTS.find((x) => x.key === r.key)?.household;
      application = await must('POST', '/applications', cw, {
        personId,
        registrationId: registration.id,
        municipality: at,
        law: r.law ?? 'WMO',
        ...(household ? { householdId: households[household] } : {}),
        requested: [{ category: r.decide.category }],
        ...(r.history?.applied !== undefined ? { receivedAt: daysAgo(r.history.applied) } : {}),
      });
      counts.applications++;
    }
    let decisionId = application.decisionId;
    if (application.status === 'OPEN') decisionId = await decide(r, at, dm, application);
    if (r.objection && decisionId) {
      const existing = await must('GET', `/decisions/${decisionId}/objections`, cw);
      if (!existing.items.length) {
        await must('POST', `/decisions/${decisionId}/objections`, cw, {
          grounds: 'The hours granted are too few for my situation.',
          ...(r.history?.objected !== undefined ? { receivedAt: daysAgo(r.history.objected) } : {}),
        });
        counts.objections++;
      }
    }
  }

  // A provider's request, as the exchange will publish it from a 315 (the exchange is not built yet).
  const henk = RESIDENTS.find((r) => r.key === 'henk');
  if (persons.henk) {
    const sent = await providerRequest(persons.henk, henk.brp, providerFor('01'));
    if (!sent) warnings.push('no NATS_URL: the provider’s request for henk was not sent');
  }

  const summary = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  return `${summary} created${warnings.length ? `; warnings: ${warnings.join('; ')}` : ''}`;
}

/** A UUID (version 4 layout) that is the same on every run, so a replayed demo event is one fact. */
function fixedUuid(seed) {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Publishes exchange.assignment-request.received.v1 into the EXCHANGE stream (msgID = the event id). */
async function providerRequest(personId, municipality, agb) {
  if (!process.env.NATS_URL || !agb) return false;
  const prefix = process.env.VANGNET_SUBJECT_PREFIX ?? '';
  const auth = process.env.NATS_USER ? { user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD } : {};
  const nc = await connect({ servers: process.env.NATS_URL, name: 'vangnet-demo-access', ...auth });
  try {
    const jsm = await nc.jetstreamManager();
    const stream = `${prefix.replace(/\./g, '_').toUpperCase()}EXCHANGE`;
    // The stream exists once access consumes from it; if not yet, there is nothing to send to.
    if (!(await jsm.streams.info(stream).then(() => true, () => false))) return false;
    const start = addDays(today(), 14);
    const id = fixedUuid(`demo-request-event-${personId}`);
    const envelope = {
      id,
      type: 'exchange.assignment-request.received.v1',
      source: 'urn:vangnet:exchange',
      time: new Date().toISOString(),
      municipality,
      correlationId: fixedUuid(`demo-request-correlation-${personId}`),
      data: {
        requestId: fixedUuid(`demo-request-${personId}`),
        providerReference: 'DEMO-315-0001',
        kind: 'NEW',
        providerAgb: agb,
        municipality,
        law: 'WMO',
        personId,
        product: { category: '01' },
        volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' },
        period: { start, end: addDays(start, 364) },
        referrer: { type: 'MUNICIPALITY' },
        comment: 'Household help after a hip operation.',
        receivedOn: today(),
      },
    };
    await nc.jetstream().publish(`${prefix}exchange.assignment-request.received.v1`, new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
    return true;
  } finally {
    await nc.close();
  }
}
