import { CatalogueVersion, planCatalogue, planWithdrawal } from './catalogue.rules';

const v = (overrides: Partial<CatalogueVersion> = {}): CatalogueVersion => ({
  id: 'v1',
  category: '02',
  code: '02A01',
  name: 'Begeleiding',
  unit: 'HOUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  ...overrides,
});

describe(planCatalogue.name, () => {
  const entry = { category: '02', code: '02A01', name: 'Begeleiding', unit: 'HOUR' };

  it('should add codes from 1 January of a year that has not started, and leave identical ones alone', () => {
    expect(planCatalogue([], [entry], 2027, '2026-11-23')).toMatchObject({ inserts: [{ validFrom: '2027-01-01', validTo: '2027-12-31' }], conflicts: [], invalid: [] });
    expect(planCatalogue([v()], [entry], 2026, '2026-11-23')).toMatchObject({ inserts: [], updates: [], unchanged: 1, conflicts: [] });
  });

  it('should refuse to add, change or backdate anything in a period that has started', () => {
    const other = { ...entry, code: '02A02' };
    expect(planCatalogue([v()], [other], 2026, '2026-01-01').conflicts).toEqual([expect.objectContaining({ name: 'entries[0]', code: 'CATALOGUE_PERIOD_STARTED' })]);
    expect(planCatalogue([v()], [{ ...entry, name: 'Other' }], 2026, '2026-11-23').conflicts).toEqual([expect.objectContaining({ code: 'CATALOGUE_PERIOD_STARTED' })]);
  });

  it('should accept a late first registration of a year’s codes, and only the first', () => {
    expect(planCatalogue([], [entry], 2026, '2026-11-23')).toMatchObject({ initialLoad: true, inserts: [{ validFrom: '2026-01-01' }], conflicts: [] });
  });

  it('should make a change a new version from a future date that ends the running one the day before', () => {
    const plan = planCatalogue([v()], [{ ...entry, name: 'Nieuw', validFrom: '2026-12-01' }], 2026, '2026-11-23');
    expect(plan).toMatchObject({ truncations: [{ id: 'v1', validTo: '2026-11-30' }], inserts: [{ name: 'Nieuw', validFrom: '2026-12-01', validTo: '2026-12-31' }], conflicts: [] });
  });

  it('should refuse a version that runs into a later one, and entries outside the year', () => {
    const later = v({ id: 'v2', validFrom: '2027-07-01', validTo: '2027-12-31' });
    expect(planCatalogue([later], [{ ...entry, validFrom: '2027-03-01' }], 2027, '2026-11-23').conflicts).toEqual([expect.objectContaining({ code: 'CATALOGUE_VERSION_OVERLAP' })]);
    expect(planCatalogue([], [{ ...entry, validTo: '2028-01-01' }], 2027, '2026-11-23').invalid).toEqual([expect.objectContaining({ name: 'entries[0].validTo', code: 'ENTRY_OUTSIDE_YEAR' })]);
  });
});

describe(planWithdrawal.name, () => {
  it('should withdraw only from a future date', () => {
    expect(planWithdrawal([v()], '2026-11-23', '2026-11-23')).toMatchObject({ conflict: expect.any(String) });
    expect(planWithdrawal([v()], '2026-12-01', '2026-11-23')).toEqual({ deletes: [], truncation: { id: 'v1', validTo: '2026-11-30' } });
    expect(planWithdrawal([v()], '2027-01-01', '2026-11-23')).toBeUndefined();
  });
});
