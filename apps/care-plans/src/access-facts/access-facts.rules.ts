import { IsoDate } from '@vangnet/contracts';

export interface Membership {
  personId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** A membership counts from its first day to its last (inclusive). */
export function memberOn(m: Membership, on: IsoDate): boolean {
  return m.validFrom <= on && (m.validTo === null || m.validTo >= on);
}

export interface ProvisionPeriod {
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  endedOn: IsoDate | null;
  /** 0: only the end is known yet. */
  version: number;
}

/** The last day of delivery: the period's end, or the lineage's end when that comes first. */
export function lastDay(p: ProvisionPeriod): IsoDate | null {
  if (p.endedOn && p.periodEnd) return p.endedOn < p.periodEnd ? p.endedOn : p.periodEnd;
  return p.endedOn ?? p.periodEnd;
}

/** Delivered on `on`: started, not past its last day (end dates are inclusive, ARCHITECTURE §2). */
export function runningOn(p: ProvisionPeriod, on: IsoDate): boolean {
  if (p.version === 0 || !p.periodStart || p.periodStart > on) return false;
  const last = lastDay(p);
  return last === null || last >= on;
}

/** Not yet over on `on` (running, or starting later). */
export function currentOn(p: ProvisionPeriod, on: IsoDate): boolean {
  if (p.version === 0 || !p.periodStart) return false;
  const last = lastDay(p);
  return last === null || last >= on;
}

export interface PayingProvision extends ProvisionPeriod {
  lineageId: string;
  responsibleMunicipality: string | null;
  law: string | null;
  providerAgb: string | null;
  deliveryForm: string | null;
  budgetCents: number | null;
}

export interface WhoPays {
  responsibleMunicipality: string;
  law: string | null;
  lineageIds: string[];
  providers: string[];
  /** Budgets of the provisions that carry one (PGB, aspecific), for the whole period. */
  budgetCents: number;
}

/**
 * "Who pays what" for a household on a date: the current provisions grouped by the paying
 * municipality (Wmo 2015 art. 1.2.1, Jeugdwet art. 1.1 "woonplaats") and the law they rest on.
 */
export function whoPays(provisions: readonly PayingProvision[], on: IsoDate): WhoPays[] {
  const groups = new Map<string, WhoPays>();
  for (const p of provisions) {
    if (!currentOn(p, on) || !p.responsibleMunicipality) continue;
    const key = `${p.responsibleMunicipality}|${p.law ?? ''}`;
    const g = groups.get(key) ?? { responsibleMunicipality: p.responsibleMunicipality, law: p.law, lineageIds: [], providers: [], budgetCents: 0 };
    g.lineageIds.push(p.lineageId);
    if (p.providerAgb && !g.providers.includes(p.providerAgb)) g.providers.push(p.providerAgb);
    g.budgetCents += p.budgetCents ?? 0;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, lineageIds: [...g.lineageIds].sort(), providers: [...g.providers].sort() }))
    .sort((a, b) => a.responsibleMunicipality.localeCompare(b.responsibleMunicipality) || (a.law ?? '').localeCompare(b.law ?? ''));
}
