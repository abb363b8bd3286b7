import { FacilityType } from '@vangnet/contracts';
import { cell, CostFacts, housingTypeOf, splitByHousingType, StayFacts } from './reports.rules';

const P = '00000000-0000-4000-8000-0000000000c1';
const Q = '00000000-0000-4000-8000-0000000000c2';
const may = (o: Partial<CostFacts> = {}): CostFacts => ({ personId: P, category: '02', periodStart: '2026-05-01', periodEnd: '2026-05-31', cents: 65_000, ...o });
const stay = (facilityType: FacilityType, start: string, end: string | null, personId = P): StayFacts => ({ personId, facilityType, start, end });

describe(housingTypeOf.name, () => {
  it('should give the type of the stay with the most nights in the period', () => {
    const stays = [stay(FacilityType.CRISIS_SINGLE, '2026-04-01', '2026-05-19'), stay(FacilityType.INTRAMURAL_PROTECTED_HOUSING, '2026-05-20', null)];
    expect(housingTypeOf(may(), stays)).toBe(FacilityType.CRISIS_SINGLE);
    expect(housingTypeOf(may({ periodStart: '2026-06-01', periodEnd: '2026-06-30' }), stays)).toBe(FacilityType.INTRAMURAL_PROTECTED_HOUSING);
  });

  it('should give a tie to the later stay, and nothing when no stay of that resident touches the period', () => {
    const stays = [stay(FacilityType.CRISIS_SINGLE, '2026-04-01', '2026-05-15'), stay(FacilityType.HOUSING_FIRST, '2026-05-16', null)];
    // 15 nights against 16 in May: Housing First; in a 30-day month split 15/15 the later one.
    expect(housingTypeOf(may(), stays)).toBe(FacilityType.HOUSING_FIRST);
    expect(housingTypeOf(may({ periodStart: '2026-05-02' }), stays)).toBe(FacilityType.HOUSING_FIRST);
    expect(housingTypeOf(may({ personId: Q }), stays)).toBeNull();
    expect(housingTypeOf(may({ periodStart: '2026-03-01', periodEnd: '2026-03-31' }), stays)).toBeNull();
  });
});

describe(splitByHousingType.name, () => {
  it('should split a category over the types its placed residents stayed in, leaving the rest untyped', () => {
    // Category 02: 4 residents, 5 × 65,000; P is placed (May typed, February not), Q is placed all the time.
    const stays = [stay(FacilityType.HOUSING_FIRST, '2026-03-15', null), stay(FacilityType.INTRAMURAL_PROTECTED_HOUSING, '2026-01-01', null, Q)];
    const placed = [may(), may({ periodStart: '2026-02-01', periodEnd: '2026-02-28' }), may({ personId: Q })];
    const sut = splitByHousingType([{ category: '02', cents: 5 * 65_000, clients: 4 }], placed, stays);
    expect(sut.byCategory).toEqual([
      { category: '02', housingType: null, cents: 3 * 65_000, clients: 3 },
      { category: '02', housingType: FacilityType.HOUSING_FIRST, cents: 65_000, clients: 1 },
      { category: '02', housingType: FacilityType.INTRAMURAL_PROTECTED_HOUSING, cents: 65_000, clients: 1 },
    ]);
    expect(sut.byHousingType).toEqual([
      { housingType: FacilityType.HOUSING_FIRST, cents: 65_000, clients: 1 },
      { housingType: FacilityType.INTRAMURAL_PROTECTED_HOUSING, cents: 65_000, clients: 1 },
    ]);
  });

  it('should keep one untyped row per category when nobody was placed', () => {
    const sut = splitByHousingType([{ category: '02', cents: 130_000, clients: 1 }, { category: '07', cents: 0, clients: 0 }], [], []);
    expect(sut.byCategory).toEqual([
      { category: '02', housingType: null, cents: 130_000, clients: 1 },
      { category: '07', housingType: null, cents: 0, clients: 0 },
    ]);
    expect(sut.byHousingType).toEqual([]);
  });
});

describe(cell.name, () => {
  it('should show an average only from three clients on', () => {
    expect(cell(130_000, 2)).toEqual({ amountCents: 130_000, clients: 2, averageCents: null });
    expect(cell(100_000, 3)).toEqual({ amountCents: 100_000, clients: 3, averageCents: 33_333 });
  });
});
