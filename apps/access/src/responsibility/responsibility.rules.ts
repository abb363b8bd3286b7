import { addMonths, IsoDate, isProtectedHousingOrShelter, Law, ResponsibilityReason } from '@vangnet/contracts';

/**
 * Which municipality is responsible (decides) and which pays (DOMAIN.md "Responsible
 * municipality"): a dated, configurable rule set per law, each determination naming the rule set,
 * the rule and the inputs it used. Pure: the caller loads the rule sets, the person's facts and
 * earlier protected-housing provisions.
 */
export enum RuleSetScope {
  JEUGDWET = 'JEUGDWET',
  /** Wmo 2015, ordinary support (every category but protected housing and shelter). */
  WMO_SUPPORT = 'WMO_SUPPORT',
  /** Wmo 2015, protected housing and shelter (categories 15–18). */
  WMO_PROTECTED_HOUSING = 'WMO_PROTECTED_HOUSING',
}

export enum ResponsibilityRegime {
  /** Jeugdwet art. 2.3 lid 1 with art. 1.1 "woonplaats", since 1 January 2022. */
  JEUGDWET_2022 = 'JEUGDWET_2022',
  /** Wmo 2015 art. 1.2.1 a: the BRP municipality. */
  WMO_BRP = 'WMO_BRP',
  /** Wmo 2015 art. 1.2.1 b, the law in force: any municipality the resident turns to; regionally the central municipality pays. */
  NATIONAL_ACCESS = 'NATIONAL_ACCESS',
  /** Bill 36288: the woonplaatsbeginsel for protected housing, with the four exceptions of its art. 1.2.1a. */
  WOONPLAATSBEGINSEL_36288 = 'WOONPLAATSBEGINSEL_36288',
  /** Read from old rows only: the central municipality (now NATIONAL_ACCESS). */
  CENTRAL = 'CENTRAL',
  /** Read from old rows only: "origin for 24 months, then BRP" (ADR 0033). No law says that; withdrawn (issue 12). */
  ORIGIN = 'ORIGIN',
}

/** The regimes a region may configure per scope (CENTRAL and ORIGIN are never added any more). */
export const REGIMES_BY_SCOPE: Readonly<Record<RuleSetScope, readonly ResponsibilityRegime[]>> = {
  [RuleSetScope.JEUGDWET]: [ResponsibilityRegime.JEUGDWET_2022],
  [RuleSetScope.WMO_SUPPORT]: [ResponsibilityRegime.WMO_BRP],
  [RuleSetScope.WMO_PROTECTED_HOUSING]: [ResponsibilityRegime.NATIONAL_ACCESS, ResponsibilityRegime.WOONPLAATSBEGINSEL_36288],
};

export interface ResponsibilityRuleSet {
  id: string;
  scope: RuleSetScope;
  regime: ResponsibilityRegime;
  validFrom: IsoDate;
  /** Inclusive; null while open-ended (a later rule set of the scope then takes over from its start). */
  validTo: IsoDate | null;
  centralMunicipality: string;
  /** Categories the rule set treats as protected housing (15, 18 by default). */
  protectedHousingCategories: readonly string[];
  /** Shelter (MO, 16 and 17 by default): national access under either regime. */
  shelterCategories: readonly string[];
}

export function scopeOf(law: Law, category: string): RuleSetScope {
  if (law === Law.JEUGDWET) return RuleSetScope.JEUGDWET;
  return isProtectedHousingOrShelter(category) ? RuleSetScope.WMO_PROTECTED_HOUSING : RuleSetScope.WMO_SUPPORT;
}

/** The rule set of a scope in force on a date: within its period, the latest start winning. */
export function ruleSetOn(ruleSets: readonly ResponsibilityRuleSet[], scope: RuleSetScope, date: IsoDate): ResponsibilityRuleSet | undefined {
  let hit: ResponsibilityRuleSet | undefined;
  for (const r of ruleSets) {
    if (r.scope !== scope || r.validFrom > date || (r.validTo && r.validTo < date)) continue;
    if (!hit || r.validFrom > hit.validFrom) hit = r;
  }
  return hit;
}

/**
 * Whether a new rule set would overlap one already stored for its scope: one that starts on or
 * after it, or one whose explicit end lies on or after its start. An open-ended rule set that
 * started earlier is superseded from the new start (not an overlap).
 */
export function overlappingRuleSet(ruleSets: readonly ResponsibilityRuleSet[], next: Pick<ResponsibilityRuleSet, 'scope' | 'validFrom' | 'validTo'>): ResponsibilityRuleSet | undefined {
  return ruleSets.find(
    (r) =>
      r.scope === next.scope &&
      (r.validFrom >= next.validFrom ? !next.validTo || r.validFrom <= next.validTo : r.validTo !== null && r.validTo >= next.validFrom),
  );
}

/** One of the person's protected-housing lineages, as far as the determination needs it. */
export interface PriorIndication {
  lineageId: string;
  category: string;
  start: IsoDate;
  /** The last day it runs (period end or end date, whichever is earlier); null while open-ended. */
  end: IsoDate | null;
  basis: ResponsibilityReason;
  clientSince: IsoDate | null;
  /** The municipality that provided it (paid for it). */
  responsibleMunicipality?: string;
}

/** The person's facts the rules read (persons' optional residence fields plus the BRP municipality). */
export interface PersonFacts {
  brpMunicipality: string | null;
  brpAddressInInvestigation?: boolean;
  stay?: { kind: string; since: IsoDate; brpMunicipalityBefore?: string } | null;
  motherMunicipalityAtBirth?: string;
  actualStayMunicipality?: string;
  institutionResidence?: { municipalityBefore?: string } | null;
  youthCareWithStayMunicipality?: string;
  lastResidentialMunicipality?: string;
}

export interface ResponsibilityQuestion {
  ruleSets: readonly ResponsibilityRuleSet[];
  law: Law;
  category: string;
  /** The day the provision starts. */
  date: IsoDate;
  /** The municipality the resident turned to (the application's). */
  decidingMunicipality: string;
  person: PersonFacts;
  /** The person's protected-housing lineages (bill 36288 art. 1.2.1a lid 1 a). */
  priorIndications?: readonly PriorIndication[];
}

export interface ResponsibilityAnswer {
  /** Who pays: the lineage's responsibleMunicipality. */
  municipality: string;
  /** Who is responsible in law and so decides (or mandates another to). */
  legallyResponsible: string;
  /** The rule that decided. */
  reason: ResponsibilityReason;
  /** Stored on a new lineage (the rule). */
  basis: ResponsibilityReason;
  clientSince: IsoDate | null;
  ruleSetId: string | null;
  ruleSetValidFrom: IsoDate | null;
  /** The inputs the rule read, recorded with the determination. */
  inputs: Record<string, unknown>;
}

/** Bill 36288 art. 1.2.1a lid 1 a: protected housing that ended less than twelve months ago. */
const RECENT_PROVISION_MONTHS = 12;

export function determineResponsibility(q: ResponsibilityQuestion): ResponsibilityAnswer {
  const scope = scopeOf(q.law, q.category);
  const rs = ruleSetOn(q.ruleSets, scope, q.date);
  const base = { scope, category: q.category, date: q.date, decidingMunicipality: q.decidingMunicipality };
  const answer = (municipality: string, reason: ResponsibilityReason, inputs: Record<string, unknown>, legallyResponsible = municipality): ResponsibilityAnswer => ({
    municipality,
    legallyResponsible,
    reason,
    basis: reason,
    clientSince: null,
    ruleSetId: rs?.id ?? null,
    ruleSetValidFrom: rs?.validFrom ?? null,
    inputs: { ...base, ...inputs },
  });
  const p = q.person;
  if (!rs) return answer(q.decidingMunicipality, ResponsibilityReason.DECIDING_MUNICIPALITY, {});

  switch (rs.regime) {
    case ResponsibilityRegime.JEUGDWET_2022: {
      // Jeugdwet art. 1.1 "woonplaats" 2°: during consecutive stays (provider, foster parent, shelter,
      // protected housing, JJI), the BRP municipality immediately before the first of them.
      if (p.stay?.brpMunicipalityBefore) {
        return answer(p.stay.brpMunicipalityBefore, ResponsibilityReason.JEUGDWET_ADDRESS_BEFORE_STAY, { stay: p.stay });
      }
      // Art. 1.1 "woonplaats" 1°: the BRP residential address, unless annotated under Wet BRP art. 2.26.
      if (!p.stay && p.brpMunicipality && !p.brpAddressInInvestigation) {
        return answer(p.brpMunicipality, ResponsibilityReason.JEUGDWET_BRP_ADDRESS, { brpMunicipality: p.brpMunicipality, brpAddressInInvestigation: false });
      }
      // Art. 1.1 "woonplaats" 3°: no address (or one in investigation): the mother's at the birth.
      const noAddress = { brpMunicipality: p.brpMunicipality, brpAddressInInvestigation: !!p.brpAddressInInvestigation, stay: p.stay ?? null };
      if (p.motherMunicipalityAtBirth) {
        return answer(p.motherMunicipalityAtBirth, ResponsibilityReason.JEUGDWET_MOTHER_AT_BIRTH, { ...noAddress, motherMunicipalityAtBirth: p.motherMunicipalityAtBirth });
      }
      // Failing that, where the young person actually stays (by default where they turned to).
      const actual = p.actualStayMunicipality ?? q.decidingMunicipality;
      return answer(actual, ResponsibilityReason.JEUGDWET_ACTUAL_STAY, { ...noAddress, actualStayMunicipality: actual });
    }
    case ResponsibilityRegime.WMO_BRP:
      // Wmo 2015 art. 1.2.1 a: the municipality of the BRP registration; without one, the municipality turned to.
      return p.brpMunicipality
        ? answer(p.brpMunicipality, ResponsibilityReason.WMO_BRP_MUNICIPALITY, { brpMunicipality: p.brpMunicipality })
        : answer(q.decidingMunicipality, ResponsibilityReason.DECIDING_MUNICIPALITY, { brpMunicipality: null });
    case ResponsibilityRegime.NATIONAL_ACCESS:
    case ResponsibilityRegime.CENTRAL:
      // Wmo 2015 art. 1.2.1 b: the municipality the resident turns to is responsible (national
      // access); regionally the central municipality pays.
      return answer(rs.centralMunicipality, ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY, { centralMunicipality: rs.centralMunicipality }, q.decidingMunicipality);
    case ResponsibilityRegime.WOONPLAATSBEGINSEL_36288:
      return woonplaatsbeginsel(q, rs, answer);
    case ResponsibilityRegime.ORIGIN:
      // Withdrawn rule sets are never loaded; an ORIGIN row that slipped through decides nothing.
      throw new Error(`rule set ${rs.id} has the withdrawn ORIGIN regime`);
  }
}

type Answer = (municipality: string, reason: ResponsibilityReason, inputs: Record<string, unknown>, legallyResponsible?: string) => ResponsibilityAnswer;

/** Bill 36288: Wmo art. 1.2.1 b as amended, and the four exceptions of its art. 1.2.1a lid 1, each its own rule. */
function woonplaatsbeginsel(q: ResponsibilityQuestion, rs: ResponsibilityRuleSet, answer: Answer): ResponsibilityAnswer {
  const p = q.person;
  // Shelter (MO) keeps national access under the woonplaatsbeginsel; the central municipality pays.
  if (rs.shelterCategories.includes(q.category)) {
    return answer(rs.centralMunicipality, ResponsibilityReason.WMO_NATIONAL_ACCESS, { centralMunicipality: rs.centralMunicipality }, q.decidingMunicipality);
  }
  // Art. 1.2.1a lid 1 a: protected housing ended less than twelve months ago: the municipality that last provided it.
  const recent = (q.priorIndications ?? [])
    .filter((i) => rs.protectedHousingCategories.includes(i.category) && i.responsibleMunicipality && i.end && i.end < q.date && addMonths(i.end, RECENT_PROVISION_MONTHS) > q.date)
    .sort((a, b) => ((a.end as string) < (b.end as string) ? 1 : -1))[0];
  if (recent?.responsibleMunicipality) {
    return answer(recent.responsibleMunicipality, ResponsibilityReason.PROTECTED_HOUSING_RECENT_PROVISION, { lastProvision: { lineageId: recent.lineageId, end: recent.end, municipality: recent.responsibleMunicipality } });
  }
  // Art. 1.2.1a lid 1 b: a residential address at a designated institution: the address before it.
  if (p.institutionResidence?.municipalityBefore) {
    return answer(p.institutionResidence.municipalityBefore, ResponsibilityReason.PROTECTED_HOUSING_INSTITUTION_ADDRESS, { institutionResidence: p.institutionResidence });
  }
  // Art. 1.2.1a lid 1 c: coming from youth care with a stay: the municipality responsible under the Jeugdwet.
  if (p.youthCareWithStayMunicipality) {
    return answer(p.youthCareWithStayMunicipality, ResponsibilityReason.PROTECTED_HOUSING_AFTER_YOUTH_CARE, { youthCareWithStayMunicipality: p.youthCareWithStayMunicipality });
  }
  // Art. 1.2.1a lid 1 d: no residential address: the last one's municipality, failing that the one turned to.
  if (!p.brpMunicipality) {
    const m = p.lastResidentialMunicipality ?? q.decidingMunicipality;
    return answer(m, ResponsibilityReason.PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS, { brpMunicipality: null, lastResidentialMunicipality: p.lastResidentialMunicipality ?? null });
  }
  // Wmo art. 1.2.1 b as amended: the municipality of the BRP residential address.
  return answer(p.brpMunicipality, ResponsibilityReason.PROTECTED_HOUSING_RESIDENTIAL_ADDRESS, { brpMunicipality: p.brpMunicipality });
}

/** The rule sets a fresh installation starts with (the migration seeds the same). Operators add their own. */
export function defaultRuleSets(centralMunicipality: string): ResponsibilityRuleSet[] {
  const common = { centralMunicipality, validTo: null, protectedHousingCategories: ['15', '18'], shelterCategories: ['16', '17'] };
  return [
    { ...common, id: '00000000-0000-4000-8000-00000000a001', scope: RuleSetScope.WMO_PROTECTED_HOUSING, regime: ResponsibilityRegime.NATIONAL_ACCESS, validFrom: '2015-01-01' },
    { ...common, id: '00000000-0000-4000-8000-00000000a002', scope: RuleSetScope.WMO_SUPPORT, regime: ResponsibilityRegime.WMO_BRP, validFrom: '2015-01-01' },
    { ...common, id: '00000000-0000-4000-8000-00000000a003', scope: RuleSetScope.JEUGDWET, regime: ResponsibilityRegime.JEUGDWET_2022, validFrom: '2022-01-01' },
  ];
}

/** A mandate to decide for another municipality (Awb 10:1), as the decision check needs it. */
export interface Mandate {
  id: string;
  mandatingMunicipality: string;
  /** The team (an organisation: a municipality code or a partner's `ORG:` id) that decides under it. */
  mandatedTeam: string;
  scopes: readonly RuleSetScope[];
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** The mandate under which `team` (or the deciding municipality) may decide for `responsible` on `date`, if any. */
export function mandateFor(mandates: readonly Mandate[], responsible: string, teams: readonly string[], scope: RuleSetScope, date: IsoDate): Mandate | undefined {
  return mandates.find(
    (m) => m.mandatingMunicipality === responsible && teams.includes(m.mandatedTeam) && m.scopes.includes(scope) && m.validFrom <= date && (!m.validTo || m.validTo >= date),
  );
}
