import { ContractCheckRefusalCode, IsoDate, ProductCategory } from '@vangnet/contracts';
import { ProvisionPeriod, runningOn } from '../access-facts/access-facts.rules';
import { ParticipantRole, PROFESSIONAL_ROLES } from '../plans/plans.rules';

export interface YouthLineage {
  lineageId: string;
  providerAgb: string | null;
  category: string | null;
}

export interface WmoCheck {
  lineageId: string;
  providerAgb: string;
  youthCategory: string;
  wmoCategory: ProductCategory;
}

export interface ProviderAnswer {
  lineageId: string;
  providerAgb: string | null;
  youthCategory: string | null;
  wmoCategory: string | null;
  /** Contracted for the Wmo (true also under a client stop); null: could not be asked. */
  contracted: boolean | null;
  /** Procurement's refusal code, or why nothing was asked. */
  code: string | null;
  note: string;
}

/**
 * The first half of the coming-of-age check: for each running youth provision, which Wmo contract
 * check to ask procurement (the provider, the Wmo category mapped from its Jeugdwet category, the
 * BRP municipality on the 18th birthday: Wmo 2015 art. 1.2.1 a), and the answers that need no
 * question (no Wmo equivalent, an unknown lineage, no BRP municipality).
 */
export function planWmoChecks(lineageIds: readonly string[], known: readonly YouthLineage[], map: Readonly<Record<string, ProductCategory>>, brpMunicipality: string | null): { checks: WmoCheck[]; answers: ProviderAnswer[] } {
  const byId = new Map(known.map((l) => [l.lineageId, l]));
  const checks: WmoCheck[] = [];
  const answers: ProviderAnswer[] = [];
  for (const id of [...new Set(lineageIds)].sort()) {
    const l = byId.get(id);
    const none = (code: string, note: string, wmoCategory: string | null = null) =>
      answers.push({ lineageId: id, providerAgb: l?.providerAgb ?? null, youthCategory: l?.category ?? null, wmoCategory, contracted: null, code, note });
    if (!l || !l.category) none('UNKNOWN_LINEAGE', 'access has not published this provision to care plans yet');
    else if (!l.providerAgb) none('NO_PROVIDER', 'a provision without a provider (PGB or general): nothing to check');
    else if (!map[l.category]) none('NO_WMO_EQUIVALENT', `Jeugdwet category ${l.category} has no Wmo equivalent in the region's map; plan the transition (Zvw, Wlz or continued youth care)`);
    else if (!brpMunicipality) none('NO_BRP_MUNICIPALITY', 'no BRP municipality: the Wmo contract cannot be checked', map[l.category]);
    else checks.push({ lineageId: id, providerAgb: l.providerAgb, youthCategory: l.category, wmoCategory: map[l.category] });
  }
  return { checks, answers };
}

/** The second half: procurement's answer for each check, said so the worklist can act on it. */
export function answerOf(check: WmoCheck, reply: { ok: true } | { ok: false; code: string }): ProviderAnswer {
  const base = { lineageId: check.lineageId, providerAgb: check.providerAgb, youthCategory: check.youthCategory, wmoCategory: check.wmoCategory };
  if (reply.ok) return { ...base, contracted: true, code: null, note: `contracted for Wmo category ${check.wmoCategory}` };
  if (reply.code === ContractCheckRefusalCode.CLIENT_STOP) return { ...base, contracted: true, code: reply.code, note: 'contracted for the Wmo but stopped: a client stop allows no new assignments' };
  return { ...base, contracted: false, code: reply.code, note: `not contracted for Wmo category ${check.wmoCategory} (${reply.code})` };
}

/** Providers that cannot carry the support on under the Wmo from the 18th birthday. */
export function lacking(answers: readonly ProviderAnswer[]): string[] {
  return [...new Set(answers.filter((a) => a.providerAgb && (a.contracted === false || a.code === ContractCheckRefusalCode.CLIENT_STOP)).map((a) => a.providerAgb as string))].sort();
}

/** A review is overdue the day after its date. */
export function reviewOverdue(nextReviewOn: IsoDate, today: IsoDate): boolean {
  return nextReviewOn < today;
}

/** Too many professionals in one household: more than the threshold. */
export function fragmented(professionals: number, threshold: number): boolean {
  return professionals > threshold;
}

/**
 * The organisations active in a household on a day: professional participants of its plan and the
 * providers of its running provisions (a provider that is both counts once).
 */
export function professionalsOn(
  participants: ReadonlyArray<{ role: ParticipantRole; org: string | null; joinedOn: IsoDate; leftOn: IsoDate | null }>,
  provisions: ReadonlyArray<ProvisionPeriod & { providerAgb: string | null }>,
  on: IsoDate,
): string[] {
  const orgs = new Set<string>();
  for (const p of participants) if (p.org && PROFESSIONAL_ROLES.includes(p.role) && p.joinedOn <= on && (p.leftOn === null || p.leftOn >= on)) orgs.add(p.org);
  for (const p of provisions) if (p.providerAgb && runningOn(p, on)) orgs.add(`AGB:${p.providerAgb}`);
  return [...orgs].sort();
}
