import { firstContactDue, firstContactState } from './outreach.rules';

describe('outreach norm', () => {
  it('should count working days to first contact: weekends and lid 1 holidays, not Good Friday', () => {
    expect(firstContactDue('2026-11-20', 3)).toBe('2026-11-25'); // Friday → Wednesday
    expect(firstContactDue('2026-12-23', 3)).toBe('2026-12-29'); // over Christmas and Boxing Day
    expect(firstContactDue('2028-04-12', 3)).toBe('2028-04-18'); // Thu 13, Good Friday 14 counts, Easter Monday 17 does not
  });

  it('should call the norm met on a first contact, else due until it passes', () => {
    expect(firstContactState('2026-11-25', '2026-11-24', '2026-12-01')).toBe('MET');
    expect(firstContactState('2026-11-25', null, '2026-11-25')).toBe('DUE');
    expect(firstContactState('2026-11-25', null, '2026-11-26')).toBe('OVERDUE');
  });
});
