// Care plans' demo data, through the gateway: a plan for every household access published (one
// household, one plan, one coordinator), with its residents, the providers of the household's
// provisions and an informal carer and a volunteer as participants, each with a dated consent
// recorded on the resident's instruction; goals per life domain with baselines and targets,
// actions paid by the provisions, a review that re-measured the scores (one goal achieved), the
// resident's crisis card and WRAP, and for the youth household a warm handover to the youth-care
// provider. Idempotent: a household that has a plan is left as it is.
import { ALL_MUNICIPALITIES, PROVIDERS } from './region.mjs';

const BASE = '/api/care-plans/v1';
const NAMES = { GM0546: 'Leiden', GM0547: 'Leiderdorp', GM0579: 'Oegstgeest', GM0626: 'Voorschoten', GM0638: 'Zoeterwoude' };
const YOUTH_PROVIDER = PROVIDERS.find((p) => p.categories.includes('45')).agb;
const VOLUNTEERS = PROVIDERS.find((p) => p.kind === 'SUBSIDISED_ORGANISATION').agb;
// The domains the demo's goals use, in the order of preference (those the region has are used).
const GOAL_DOMAINS = [
  { code: 'FINANCES', description: 'Schulden in beeld en een sluitende begroting', baseline: 2, target: 4 },
  { code: 'MENTAL_HEALTH', description: 'Stabiel blijven, weten wat helpt bij spanning', baseline: 2, target: 3 },
  { code: 'DAYTIME_ACTIVITIES', description: 'Twee dagdelen per week zinvolle dagbesteding', baseline: 2, target: 4 },
  { code: 'SOCIAL_NETWORK', description: 'Een steunend netwerk buiten het gezin', baseline: 3, target: 4 },
];

function today() {
  return process.env.VANGNET_TODAY ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function load(api) {
  const day = today();
  const counts = { plans: 0, participants: 0, goals: 0, actions: 0, reviews: 0, existing: 0 };
  const tokens = {};
  const coordinatorOf = async (org, municipalities) => (tokens[org] ??= await api.token({ sub: `demo-coordinator-${org}`, org, roles: ['care-plans.coordinator'], municipalities }));
  const call = async (token, method, path, body, ok = [200, 201]) => {
    const res = await api.request(method, `${BASE}${path}`, { token, body });
    if (!ok.includes(res.status)) throw new Error(`${method} ${BASE}${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // Access announces its households as events: wait a little for them to arrive here.
  const households = [];
  for (let tries = 0; tries < 60; tries++) {
    households.length = 0;
    for (const m of ALL_MUNICIPALITIES) {
      const t = await coordinatorOf(m, [m]);
      households.push(...(await call(t, 'GET', '/households?limit=500')).items);
    }
    const domains = await call(await coordinatorOf(ALL_MUNICIPALITIES[0], [ALL_MUNICIPALITIES[0]]), 'GET', '/life-domains');
    if (households.length && domains.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!households.length) return 'no households from access yet: nothing to plan';
  const domains = new Set((await call(await coordinatorOf(ALL_MUNICIPALITIES[0], [ALL_MUNICIPALITIES[0]]), 'GET', '/life-domains')).filter((d) => d.active).map((d) => d.code));
  const goalsToSet = GOAL_DOMAINS.filter((g) => domains.has(g.code));

  for (const h of households) {
    const gm = await coordinatorOf(h.municipality, [h.municipality]);
    if ((await call(gm, 'GET', `/plans?householdId=${h.householdId}`)).items.length) {
      counts.existing++;
      continue;
    }
    const openedOn = addDays(day, -150);
    const plan = await call(gm, 'POST', '/plans', { householdId: h.householdId, coordinatorOrg: h.municipality, coordinatorTeam: `Sociaal team ${NAMES[h.municipality] ?? h.municipality}`, openedOn, reviewIntervalMonths: 6 });
    counts.plans++;
    const url = `/plans/${plan.id}`;
    const participants = await call(gm, 'GET', `${url}/participants`);
    const adults = participants.filter((p) => p.role === 'RESIDENT');
    // A minor takes part too; a parent instructs consent for the household.
    for (const m of h.members.filter((x) => x.minorOn && x.minorOn > openedOn && !x.to)) {
      await call(gm, 'POST', `${url}/participants`, { role: 'RESIDENT', personId: m.personId, label: 'Kind', joinedOn: openedOn });
      counts.participants++;
    }
    const instructor = adults[0];
    if (!instructor) continue;
    const resident = instructor.personId;
    const consent = (participantId, sections, domainCodes) =>
      call(gm, 'PUT', `${url}/consent/${participantId}`, { sections, domains: domainCodes.filter((d) => domains.has(d)), givenOn: openedOn, method: 'IN_PERSON', instructedBy: instructor.id });

    // The household's providers (their provisions appear on the plan by themselves) take part.
    const { provisions } = await call(gm, 'GET', `${url}/provisions`);
    const providers = [...new Set(provisions.map((p) => p.providerAgb).filter(Boolean))];
    const providerParticipants = {};
    for (const agb of providers) {
      const p = await call(gm, 'POST', `${url}/participants`, { role: 'PROVIDER', org: `AGB:${agb}`, label: PROVIDERS.find((x) => x.agb === agb)?.name ?? `AGB ${agb}`, joinedOn: openedOn });
      await consent(p.id, ['GOALS', 'ACTIONS', 'REVIEWS', 'PROVISIONS'], goalsToSet.slice(0, 2).map((g) => g.code));
      providerParticipants[agb] = p;
      counts.participants++;
    }
    const carer = await call(gm, 'POST', `${url}/participants`, { role: 'INFORMAL_CARER', label: 'Buurvrouw Mieke', joinedOn: openedOn });
    await consent(carer.id, ['CRISIS_CARD', 'GOALS'], ['SOCIAL_NETWORK']);
    const volunteer = await call(gm, 'POST', `${url}/participants`, { role: 'VOLUNTEER', org: `AGB:${VOLUNTEERS}`, label: 'Maatje, Vrijwilligerscentrale Leiden', joinedOn: openedOn });
    await consent(volunteer.id, ['GOALS', 'ACTIONS'], ['DAYTIME_ACTIVITIES', 'SOCIAL_NETWORK']);
    counts.participants += 2;

    // Goals per life domain, in the coordinator's order; actions paid by the provisions.
    const goals = [];
    for (const [i, g] of goalsToSet.entries()) {
      goals.push(await call(gm, 'POST', `${url}/goals`, { domain: g.code, personId: resident, description: g.description, baselineScore: g.baseline, baselineOn: openedOn, targetScore: g.target, targetDate: addDays(openedOn, 365), priority: i + 1 }));
      counts.goals++;
    }
    if (goals.length) await call(gm, 'PATCH', url, { priorities: goals.map((g) => g.domain) });
    for (const [i, p] of provisions.filter((x) => x.providerAgb && providerParticipants[x.providerAgb]).entries()) {
      const goal = goals[i % Math.max(goals.length, 1)];
      if (goal) await call(gm, 'PUT', `${url}/provisions/${p.lineageId}/goals`, { goalIds: [goal.id] });
      await call(gm, 'POST', `${url}/actions`, { performerId: providerParticipants[p.providerAgb].id, goalId: goal?.id, description: 'Wekelijkse begeleiding volgens het plan', dueOn: addDays(day, 60), lineageId: p.lineageId, sequence: i + 1 });
      counts.actions++;
    }
    const social = goals.find((g) => g.domain === 'SOCIAL_NETWORK' || g.domain === 'DAYTIME_ACTIVITIES');
    await call(gm, 'POST', `${url}/actions`, { performerId: volunteer.id, goalId: social?.id, description: 'Samen op pad: wandelclub op dinsdag', dueOn: addDays(day, 30), sequence: 10 });
    await call(gm, 'POST', `${url}/actions`, { performerId: carer.id, description: 'Eens per week koffie en de post doornemen', sequence: 11 });
    counts.actions += 2;

    // A review two months ago re-measured the scores: the first goal reached its target.
    if (goals.length) {
      await call(gm, 'POST', `${url}/reviews`, {
        heldOn: addDays(day, -60),
        // The first at its target; the others a step on where a step leaves them short of it.
        scores: goals.map((g, i) => ({ domain: g.domain, personId: resident, score: i === 0 ? g.targetScore : g.baselineScore + (g.targetScore - g.baselineScore > 1 ? 1 : 0) })),
        note: 'Tussenevaluatie met bewoner en betrokkenen',
      });
      counts.reviews++;
    }

    // The resident's own part, in their words.
    await call(gm, 'PUT', `${url}/crisis-card`, {
      contacts: [{ name: 'Mieke', relation: 'buurvrouw', phone: '0612345678' }, { name: 'Crisisdienst GGZ', phone: '0715178178' }],
      whatHelps: ['Rustig praten, één persoon tegelijk', 'Een wandeling naar het park'],
      whatDoesNotHelp: ['Onaangekondigd aan de deur', 'Veel vragen tegelijk'],
      wrap: { wellness: ['Op tijd naar bed', 'Elke dag naar buiten'], triggers: ['Post met aanmaningen'], earlyWarningSigns: ['Slecht slapen', 'Niet meer opnemen'], whenThingsBreakDown: ['Bel Mieke', 'Bel het sociaal team'], afterACrisis: ['Een rustige week, geen afspraken'] },
      ownInput: 'Ik wil mijn schulden aanpakken en weer onder de mensen komen.',
      instructedBy: instructor.id,
      method: 'IN_PERSON',
    });

    // The youth household: the youth-care provider takes over coordination, in a meeting with the family.
    if (providers.includes(YOUTH_PROVIDER)) {
      await call(gm, 'POST', `${url}/handovers`, { toOrg: `AGB:${YOUTH_PROVIDER}`, toTeam: 'Gezinsregie', on: addDays(day, -20), inPerson: true, note: 'Warme overdracht aan de jeugdhulpaanbieder' });
    }
  }
  return `${counts.plans} plans (${counts.existing} already there), ${counts.participants} participants, ${counts.goals} goals, ${counts.actions} actions, ${counts.reviews} reviews`;
}
