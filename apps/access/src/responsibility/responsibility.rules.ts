import { addMonths, IsoDate, ResponsibilityReason } from '@vangnet/contracts';

/**
 * Which municipality pays for a protected-housing provision (DOMAIN.md "Responsible
 * municipality"): a dated, configurable rule set. Pure: the caller loads the rule sets and the
 * person's earlier indications.
 */
export enum ResponsibilityRegime {
  /** Protected housing for the whole region runs through the central municipality (before the transition). */
  CENTRAL = 'CENTRAL',
  /** Woonplaatsbeginsel: new clients are paid for by their municipality of origin, then the BRP municipality. */
  ORIGIN = 'ORIGIN',
}

export interface ResponsibilityRuleSet {
  validFrom: IsoDate;
  regime: ResponsibilityRegime;
  centralMunicipality: string;
  /** ORIGIN: months the municipality of origin pays for a new client, counted from the client's start. */
  originPeriodMonths: number;
  /** Who pays under the national safety net; null: the deciding municipality (where the client applied). */
  safetyNetMunicipality: string | null;
  /** Categories the rule set governs as protected housing (15, 18 by default). */
  protectedHousingCategories: readonly string[];
  /** Shelter (MO): excluded, stays with the central municipality (16, 17 by default). */
  shelterCategories: readonly string[];
}

/** The rule set in force on a date: the one with the latest validFrom on or before it. */
export function ruleSetOn(ruleSets: readonly ResponsibilityRuleSet[], date: IsoDate): ResponsibilityRuleSet | undefined {
  let hit: ResponsibilityRuleSet | undefined;
  for (const r of ruleSets) if (r.validFrom <= date && (!hit || r.validFrom > hit.validFrom)) hit = r;
  return hit;
}

/** One of the person's protected-housing lineages, as far as the determination needs it. */
export interface PriorIndication {
  lineageId: string;
  category: string;
  start: IsoDate;
  /** The last day it runs (period end or end date, whichever is earlier); null while open-ended. */
  end: IsoDate | null;
  /** The lineage's basis: EXISTING_CLIENT/CENTRAL_REGIME (old indication) or ORIGIN_PERIOD (new client). */
  basis: ResponsibilityReason;
  clientSince: IsoDate | null;
}

export interface ResponsibilityQuestion {
  ruleSets: readonly ResponsibilityRuleSet[];
  category: string;
  /** The day the version applies from (a grant's start, a change's validFrom). */
  date: IsoDate;
  decidingMunicipality: string;
  originMunicipality?: string | null;
  brpMunicipality?: string | null;
  /** A new lineage: the person's other protected-housing lineages. */
  priorIndications?: readonly PriorIndication[];
  /** A new lineage that is a new indication even though an earlier one still runs. */
  reindication?: boolean;
  /** A new version of an existing lineage: its stored basis. */
  lineage?: { basis: ResponsibilityReason; clientSince: IsoDate | null; start: IsoDate };
}

export interface ResponsibilityAnswer {
  municipality: string;
  reason: ResponsibilityReason;
  /** Stored on a new lineage: how later versions are determined. */
  basis: ResponsibilityReason;
  /** A new client's start, from which the origin period counts. */
  clientSince: IsoDate | null;
  /** The first day on which another municipality pays (the origin period ends), if that happens. */
  switchOn: IsoDate | null;
  ruleSetValidFrom: IsoDate | null;
}

const OLD_INDICATION = [ResponsibilityReason.CENTRAL_REGIME, ResponsibilityReason.EXISTING_CLIENT];

function runsOn(p: PriorIndication, date: IsoDate): boolean {
  return p.start <= date && (p.end == null || p.end >= date);
}

export function determineResponsibility(q: ResponsibilityQuestion): ResponsibilityAnswer {
  const rs = ruleSetOn(q.ruleSets, q.date);
  const answer = (municipality: string, reason: ResponsibilityReason, extra: Partial<ResponsibilityAnswer> = {}): ResponsibilityAnswer => ({
    municipality,
    reason,
    basis: reason,
    clientSince: null,
    switchOn: null,
    ruleSetValidFrom: rs?.validFrom ?? null,
    ...extra,
  });
  if (!rs) return answer(q.decidingMunicipality, ResponsibilityReason.DECIDING_MUNICIPALITY);
  if (rs.shelterCategories.includes(q.category)) return answer(rs.centralMunicipality, ResponsibilityReason.SHELTER);
  if (!rs.protectedHousingCategories.includes(q.category)) return answer(q.decidingMunicipality, ResponsibilityReason.DECIDING_MUNICIPALITY);
  if (rs.regime === ResponsibilityRegime.CENTRAL) return answer(rs.centralMunicipality, ResponsibilityReason.CENTRAL_REGIME);

  // ORIGIN regime.
  let clientSince: IsoDate;
  if (q.lineage) {
    // A new version of a lineage: an old indication stays central while it runs.
    if (OLD_INDICATION.includes(q.lineage.basis)) return answer(rs.centralMunicipality, ResponsibilityReason.EXISTING_CLIENT);
    clientSince = q.lineage.clientSince ?? q.lineage.start;
  } else {
    const running = (q.priorIndications ?? []).filter((p) => rs.protectedHousingCategories.includes(p.category) && runsOn(p, q.date));
    if (!q.reindication && running.some((p) => OLD_INDICATION.includes(p.basis))) {
      return answer(rs.centralMunicipality, ResponsibilityReason.EXISTING_CLIENT);
    }
    // A second provision within a new client's running indication shares its origin period;
    // a re-indication (or no running indication) starts a new one.
    const since = q.reindication
      ? []
      : running.filter((p) => p.basis === ResponsibilityReason.ORIGIN_PERIOD).map((p) => p.clientSince ?? p.start);
    clientSince = since.length ? since.sort()[0] : q.date;
  }

  const safetyNet = rs.safetyNetMunicipality ?? q.decidingMunicipality;
  const switchDate = addMonths(clientSince, rs.originPeriodMonths);
  const after = q.brpMunicipality
    ? { municipality: q.brpMunicipality, reason: ResponsibilityReason.BRP_MUNICIPALITY }
    : { municipality: safetyNet, reason: ResponsibilityReason.NATIONAL_SAFETY_NET };
  const newClient = { basis: ResponsibilityReason.ORIGIN_PERIOD, clientSince };
  if (q.date >= switchDate) return answer(after.municipality, after.reason, newClient);
  const during = q.originMunicipality
    ? { municipality: q.originMunicipality, reason: ResponsibilityReason.ORIGIN_PERIOD }
    : { municipality: safetyNet, reason: ResponsibilityReason.NATIONAL_SAFETY_NET };
  return answer(during.municipality, during.reason, {
    ...newClient,
    // Only a change of payer needs a new version; the same municipality under another reason does not.
    switchOn: after.municipality !== during.municipality ? switchDate : null,
  });
}

/** The rule sets a fresh installation starts with (see docs/adr/0033). Operators add their own. */
export function defaultRuleSets(centralMunicipality: string): ResponsibilityRuleSet[] {
  const common = {
    centralMunicipality,
    safetyNetMunicipality: null,
    protectedHousingCategories: ['15', '18'],
    shelterCategories: ['16', '17'],
  };
  return [
    { ...common, validFrom: '2015-01-01', regime: ResponsibilityRegime.CENTRAL, originPeriodMonths: 0 },
    { ...common, validFrom: '2026-01-01', regime: ResponsibilityRegime.ORIGIN, originPeriodMonths: 24 },
  ];
}
