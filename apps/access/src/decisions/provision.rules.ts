import {
  addDays,
  DecisionOutcome,
  DeliveryForm,
  Frequency,
  InvalidParam,
  IsoDate,
  isMinutesAgainstHour,
  Law,
  lawOfCategory,
  Unit,
} from '@vangnet/contracts';

export enum ProvisionOutcome {
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
}

/** What the rules need of a requested provision (the HTTP body or a change merged onto a version). */
export interface ProvisionShape {
  outcome?: ProvisionOutcome;
  category: string;
  deliveryForm?: DeliveryForm;
  providerAgb?: string | null;
  volume?: { amount: number; unit: Unit; frequency: Frequency } | null;
  period?: { start: IsoDate; end?: IsoDate | null } | null;
  budgetCents?: number | null;
}

export interface ShapeFields {
  category: string;
  deliveryForm: string;
  providerAgb: string;
  volume: string;
  periodEnd: string;
  budgetCents: string;
}

export function fieldsAt(path: string): ShapeFields {
  return {
    category: `${path}.product.category`,
    deliveryForm: `${path}.deliveryForm`,
    providerAgb: `${path}.providerAgb`,
    volume: `${path}.volume`,
    periodEnd: `${path}.period.end`,
    budgetCents: `${path}.budgetCents`,
  };
}

/**
 * The rules a granted provision must meet beyond its field formats (ARCHITECTURE §2 "Budgets",
 * DOMAIN.md "Provisions"), each named by its field:
 * - the category belongs to the application's law (Wmo 01–18, Jeugdwet 40–55);
 * - a volume per day, week or month needs an end date (TOTAL covers the whole period);
 * - in kind needs a provider; a PGB needs its budget;
 * - a provision without volume (PGB, aspecific) carries its budget for the whole period; an in-kind
 *   provision with a volume is priced by the contract, so it carries no budget.
 */
export function provisionProblems(p: ProvisionShape, law: Law, f: ShapeFields): InvalidParam[] {
  const out: InvalidParam[] = [];
  const add = (name: string, code: string, reason: string) => out.push({ name, code, reason });
  if (lawOfCategory(p.category) !== law) add(f.category, 'CATEGORY_NOT_IN_LAW', `category ${p.category} is not a ${law} category`);
  if (p.outcome === ProvisionOutcome.REJECTED) return out;
  if (p.volume && p.volume.frequency !== Frequency.TOTAL && !p.period?.end) {
    add(f.periodEnd, 'END_DATE_REQUIRED', `a ${p.volume.frequency} volume needs an end date`);
  }
  if (p.deliveryForm === DeliveryForm.IN_KIND && !p.providerAgb) add(f.providerAgb, 'REQUIRED', 'an in-kind provision needs the provider’s AGB code');
  if (p.deliveryForm === DeliveryForm.PGB && p.budgetCents == null) add(f.budgetCents, 'BUDGET_REQUIRED', 'a PGB carries its budget for the whole period');
  else if (!p.volume && p.budgetCents == null) {
    add(f.budgetCents, 'BUDGET_REQUIRED', 'a provision without volume (aspecific) carries its budget for the whole period');
  }
  if (p.deliveryForm === DeliveryForm.IN_KIND && p.volume && p.budgetCents != null) {
    add(f.budgetCents, 'BUDGET_WITH_VOLUME', 'an in-kind provision with a volume is priced by its contract; leave out the budget or the volume');
  }
  return out;
}

/** A provision's unit may differ from the contract's only as minutes against an hour tariff. */
export function unitFitsTariff(unit: Unit, tariffUnit: Unit): boolean {
  return unit === tariffUnit || isMinutesAgainstHour(unit, tariffUnit);
}

export function decisionOutcome(outcomes: readonly ProvisionOutcome[]): DecisionOutcome {
  const granted = outcomes.filter((o) => o === ProvisionOutcome.GRANTED).length;
  if (granted === outcomes.length) return DecisionOutcome.GRANTED;
  return granted === 0 ? DecisionOutcome.REJECTED : DecisionOutcome.PARTIALLY_GRANTED;
}

/** The last day a version applies: the day before the next version starts (may precede its own start when replaced on the same day). */
export function validTo(nextValidFrom: IsoDate | undefined): IsoDate | null {
  return nextValidFrom ? addDays(nextValidFrom, -1) : null;
}
