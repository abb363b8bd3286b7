import { indexTariff, productsOverlap, shapeProblems, tariffForYear, tariffsInTerm } from './contracts.rules';

describe('contract rules', () => {
  it('should index a tariff rounding half up to the cent', () => {
    expect(indexTariff(9000, 350)).toBe(9315);
    expect(indexTariff(6127, 250)).toBe(6280); // 6280.175
    expect(indexTariff(100, 50)).toBe(101); // 100.5 rounds up
    expect(indexTariff(6000, -150)).toBe(5910);
  });

  it('should take the explicit tariff of a year, and derive a missing one only when the contract indexes', () => {
    const book = { tariffs: [{ year: 2026, tariffCents: 10_000 }, { year: 2028, tariffCents: 12_000 }], indexationBp: 300 };
    expect(tariffForYear(book, 2026)).toEqual({ tariffCents: 10_000, derived: false });
    expect(tariffForYear(book, 2027)).toEqual({ tariffCents: 10_300, derived: true });
    expect(tariffForYear(book, 2028)).toEqual({ tariffCents: 12_000, derived: false });
    // Each year is rounded before the next is indexed: 12000 → 12360 → 12730.8 → 12731.
    expect(tariffForYear(book, 2030)).toEqual({ tariffCents: 12_731, derived: true });
    expect(tariffForYear(book, 2025)).toBeUndefined();
    expect(tariffForYear({ ...book, indexationBp: null }, 2027)).toBeUndefined();
  });

  it('should cover each year of the term with the part of the year it applies to', () => {
    const book = { tariffs: [{ year: 2026, tariffCents: 100 }], indexationBp: 1000 };
    expect(tariffsInTerm(book, { start: '2026-04-01', end: '2027-06-30' })).toEqual([
      { year: 2026, tariffCents: 100, derived: false, validFrom: '2026-04-01', validTo: '2026-12-31' },
      { year: 2027, tariffCents: 110, derived: true, validFrom: '2027-01-01', validTo: '2027-06-30' },
    ]);
  });

  it('should treat a whole-category product as overlapping every code of that category', () => {
    expect(productsOverlap({ category: '02', code: '' }, { category: '02', code: '02A01' })).toBe(true);
    expect(productsOverlap({ category: '02', code: '02A01' }, { category: '02', code: '02A02' })).toBe(false);
    expect(productsOverlap({ category: '02', code: '' }, { category: '03', code: '' })).toBe(false);
  });

  it('should name every malformed option, product and tariff', () => {
    const problems = shapeProblems({
      providerAgb: '11110001',
      term: { start: '2026-01-01', end: '2027-12-31' },
      options: [
        { extendsTo: '2028-12-31', decisionDeadline: '2027-06-30' },
        { extendsTo: '2028-06-30', decisionDeadline: '2029-01-01' },
      ],
      products: [
        { product: { category: '02' }, tariffs: [{ year: 2028, tariffCents: 1 }, { year: 2028, tariffCents: 2 }] },
        { product: { category: '02' }, tariffs: [{ year: 2025, tariffCents: 1 }] },
      ],
      subcontractors: ['11110001'],
    });
    expect(problems.map((p) => `${p.name} ${p.code}`)).toEqual([
      'options[1].extendsTo OPTION_NOT_AFTER_TERM',
      'options[1].decisionDeadline DEADLINE_AFTER_TERM_END',
      'products[0].tariffs[1].year DUPLICATE_TARIFF_YEAR',
      'products[1].product DUPLICATE_PRODUCT',
      'products[1].tariffs[0].year TARIFF_YEAR_OUTSIDE_TERM',
      'subcontractors[0] SUBCONTRACTOR_IS_MAIN',
    ]);
  });
});
