import { DecisionOutcome, DeliveryForm, Frequency, Law, Unit } from '@vangnet/contracts';
import { decisionOutcome, fieldsAt, ProvisionOutcome, provisionProblems, ProvisionShape, unitFitsTariff, validTo } from './provisions.rules';

function aProvision(overrides: Partial<ProvisionShape> = {}): ProvisionShape {
  return {
    category: '02',
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: '98000001',
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    period: { start: '2026-12-01', end: '2027-11-30' },
    ...overrides,
  };
}

const f = fieldsAt('provisions[0]');
const codes = (p: ProvisionShape, law = Law.WMO) => provisionProblems(p, law, f).map((x) => `${x.name} ${x.code}`);

describe(provisionProblems.name, () => {
  it('should accept a specific in-kind provision with a weekly volume and an end date', () => {
    expect(codes(aProvision())).toEqual([]);
  });

  it('should require an end date for a per-day, per-week or per-month volume, not for a total', () => {
    expect(codes(aProvision({ period: { start: '2026-12-01' } }))).toEqual(['provisions[0].period.end END_DATE_REQUIRED']);
    for (const frequency of [Frequency.PER_DAY, Frequency.PER_MONTH]) {
      expect(codes(aProvision({ volume: { amount: 1, unit: Unit.DAY, frequency }, period: { start: '2026-12-01' } }))).toEqual([
        'provisions[0].period.end END_DATE_REQUIRED',
      ]);
    }
    expect(codes(aProvision({ volume: { amount: 40, unit: Unit.HOUR, frequency: Frequency.TOTAL }, period: { start: '2026-12-01' } }))).toEqual([]);
  });

  it('should require a provider in kind and a budget for a PGB or a provision without volume', () => {
    expect(codes(aProvision({ providerAgb: undefined }))).toEqual(['provisions[0].providerAgb REQUIRED']);
    expect(codes(aProvision({ deliveryForm: DeliveryForm.PGB, providerAgb: undefined }))).toEqual(['provisions[0].budgetCents BUDGET_REQUIRED']);
    expect(codes(aProvision({ deliveryForm: DeliveryForm.PGB, providerAgb: undefined, budgetCents: 250_000 }))).toEqual([]);
    expect(codes(aProvision({ volume: undefined }))).toEqual(['provisions[0].budgetCents BUDGET_REQUIRED']);
    expect(codes(aProvision({ volume: undefined, budgetCents: 1_200_000 }))).toEqual([]);
    expect(codes(aProvision({ budgetCents: 100 }))).toEqual(['provisions[0].budgetCents BUDGET_WITH_VOLUME']);
  });

  it('should refuse a category of the other law', () => {
    expect(codes(aProvision({ category: '45' }))).toEqual(['provisions[0].product.category CATEGORY_NOT_IN_LAW']);
    expect(codes(aProvision({ category: '02' }), Law.JEUGDWET)).toEqual(['provisions[0].product.category CATEGORY_NOT_IN_LAW']);
  });

  it('should only check the law of a rejected provision', () => {
    expect(codes(aProvision({ outcome: ProvisionOutcome.REJECTED, providerAgb: undefined, period: undefined }))).toEqual([]);
  });
});

describe('decision helpers', () => {
  it('should let minutes be assigned against an hour tariff, nothing else', () => {
    expect(unitFitsTariff(Unit.HOUR, Unit.HOUR)).toBe(true);
    expect(unitFitsTariff(Unit.MINUTE, Unit.HOUR)).toBe(true);
    expect(unitFitsTariff(Unit.HOUR, Unit.MINUTE)).toBe(false);
    expect(unitFitsTariff(Unit.DAY, Unit.HOUR)).toBe(false);
  });

  it('should call a decision granted, partially granted or rejected', () => {
    expect(decisionOutcome([ProvisionOutcome.GRANTED])).toBe(DecisionOutcome.GRANTED);
    expect(decisionOutcome([ProvisionOutcome.GRANTED, ProvisionOutcome.REJECTED])).toBe(DecisionOutcome.PARTIALLY_GRANTED);
    expect(decisionOutcome([ProvisionOutcome.REJECTED])).toBe(DecisionOutcome.REJECTED);
  });

  it('should stop a version the day before the next starts', () => {
    expect(validTo('2027-01-01')).toBe('2026-12-31');
    expect(validTo(undefined)).toBeNull();
  });
});
