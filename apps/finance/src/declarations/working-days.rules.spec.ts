import { declarationDueDate } from './working-days.rules';

describe(declarationDueDate.name, () => {
  it('should put the declaration answer 10 working days after receipt, skipping weekends and holidays', () => {
    expect(declarationDueDate('2026-03-02')).toBe('2026-03-16');
    // Receipt on Thursday 30 April 2026: 1, 4, 6, 7, 8, 11, 12, 13, 15, 18 May (5 May and Ascension 14 May skipped)
    expect(declarationDueDate('2026-04-30')).toBe('2026-05-18');
    // Thursday 24 December: 28–31 Dec, then 4–8 and 11 Jan (Christmas, Boxing Day, New Year skipped)
    expect(declarationDueDate('2026-12-24')).toBe('2027-01-11');
  });
});
