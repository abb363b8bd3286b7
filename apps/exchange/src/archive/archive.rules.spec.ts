import { namedIn, termOf } from './archive.rules';

describe('archive rules', () => {
  it('should give a 301 three working days for its retour, across a weekend', () => {
    // Friday 2026-12-04 + 3 working days = Wednesday 2026-12-09.
    expect(termOf('OUT', '301', '2026-12-04')).toEqual({ awaiting: 'RETOUR', dueOn: '2026-12-09' });
  });

  it('should give a received 315 five working days and a 323 ten, skipping Christmas', () => {
    expect(termOf('IN', '315', '2026-12-22')).toEqual({ awaiting: 'ANSWER', dueOn: '2026-12-30' });
    expect(termOf('IN', '323', '2026-12-21')).toEqual({ awaiting: 'ANSWER', dueOn: '2027-01-06' });
  });

  it('should expect nothing for a received 305 or a retour we send', () => {
    expect(termOf('IN', '305', '2026-12-04')).toBeUndefined();
    expect(termOf('OUT', '306', '2026-12-04')).toBeUndefined();
  });

  it('should find every BSN and assignment number once, at any depth', () => {
    const msg = { client: { bsn: '999900006', startProducten: [{ toewijzingNummer: 7 }, { toewijzingNummer: 3 }, { toewijzingNummer: 7 }] }, other: [{ bsn: '999900018' }] };
    expect(namedIn(msg)).toEqual({ bsns: ['999900006', '999900018'], assignmentNumbers: [3, 7] });
  });
});
