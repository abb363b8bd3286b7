import { DeadlineKind, Law } from '@vangnet/contracts';
import {
  daysLeft,
  decisionDue,
  investigationDue,
  isBreachable,
  isObjectionTimely,
  objectionDecisionDue,
  objectionTermEnd,
  suspendedDays,
  termEnd,
  worklistState,
} from './deadline.rules';

describe('statutory terms', () => {
  describe('Wmo investigation: 6 weeks after the registration', () => {
    it('should move a term ending on Easter Monday to the Tuesday', () => {
      expect(investigationDue('2026-02-23')).toBe('2026-04-07');
    });

    it('should move a term ending on King’s Day (Monday 27 April 2026) to the 28th', () => {
      expect(investigationDue('2026-03-16')).toBe('2026-04-28');
    });

    it('should move a term ending on a Saturday King’s Day (26 April 2025) over the Sunday to the Monday', () => {
      expect(investigationDue('2025-03-15')).toBe('2025-04-28');
    });

    it('should move a term ending on Christmas Day past Boxing Day and the weekend', () => {
      expect(investigationDue('2026-11-13')).toBe('2026-12-28');
    });

    it('should move a term ending on New Year’s Day, Ascension Day, 5 May or Whit Monday', () => {
      expect(investigationDue('2026-11-20')).toBe('2027-01-04'); // Fri 1 Jan → Mon 4 Jan
      expect(investigationDue('2026-04-02')).toBe('2026-05-15'); // Ascension Thu 14 May
      expect(investigationDue('2026-03-24')).toBe('2026-05-06'); // Tue 5 May
      expect(investigationDue('2026-04-13')).toBe('2026-05-26'); // Whit Monday 25 May
    });

    it('should keep a term that ends on Good Friday', () => {
      expect(investigationDue('2026-02-20')).toBe('2026-04-03');
    });
  });

  describe('decision term', () => {
    it('should be 2 weeks for the Wmo and 8 weeks for the Jeugdwet', () => {
      expect(decisionDue('2026-11-02', Law.WMO)).toBe('2026-11-16');
      expect(decisionDue('2026-11-02', Law.JEUGDWET)).toBe('2026-12-28'); // 28 Dec is a Monday
      expect(decisionDue('2026-10-30', Law.JEUGDWET)).toBe('2026-12-28'); // Fri 25 Dec → Mon 28 Dec
    });

    it('should move by the length of a suspension (Awb 4:15), then to a working day', () => {
      // 2 weeks from 2 Nov = 16 Nov; suspended 5–14 Nov (10 days) → 26 Nov (Thursday)
      expect(decisionDue('2026-11-02', Law.WMO, [{ start: '2026-11-05', end: '2026-11-14' }])).toBe('2026-11-26');
      // suspended 4 days → 20 Nov (Fri); 5 days → Sat 21 → Mon 23
      expect(decisionDue('2026-11-02', Law.WMO, [{ start: '2026-11-05', end: '2026-11-08' }])).toBe('2026-11-20');
      expect(decisionDue('2026-11-02', Law.WMO, [{ start: '2026-11-05', end: '2026-11-09' }])).toBe('2026-11-23');
    });

    it('should ignore an open suspension until it ends', () => {
      expect(decisionDue('2026-11-02', Law.WMO, [{ start: '2026-11-05' }])).toBe('2026-11-16');
    });
  });

  describe(suspendedDays.name, () => {
    it('should count days inclusively and overlapping or touching suspensions once', () => {
      expect(suspendedDays([])).toBe(0);
      expect(suspendedDays([{ start: '2026-01-01', end: '2026-01-01' }])).toBe(1);
      expect(
        suspendedDays([
          { start: '2026-01-05', end: '2026-01-10' },
          { start: '2026-01-01', end: '2026-01-06' },
          { start: '2026-01-11', end: '2026-01-12' },
          { start: '2026-02-01', end: '2026-02-03' },
        ]),
      ).toBe(12 + 3);
    });
  });

  describe('objections', () => {
    it('should give 6 weeks to object, moved to a working day', () => {
      expect(objectionTermEnd('2026-11-13')).toBe('2026-12-28');
      expect(objectionTermEnd('2026-11-23')).toBe('2027-01-04');
    });

    it('should tell timely from late objections by the moved term end', () => {
      expect(isObjectionTimely('2026-12-28', '2026-12-28')).toBe(true);
      expect(isObjectionTimely('2026-12-29', '2026-12-28')).toBe(false);
    });

    it('should decide within 6 weeks (12 with a committee) after the objection term, or after a late receipt', () => {
      expect(objectionDecisionDue('2026-12-28', '2026-12-01', false)).toBe('2027-02-08');
      expect(objectionDecisionDue('2026-12-28', '2026-12-01', true)).toBe('2027-03-22');
      expect(objectionDecisionDue('2026-12-28', '2027-01-11', false)).toBe('2027-02-22');
    });
  });

  describe('breaches and the work list', () => {
    it('should breach only the municipality’s own deadlines', () => {
      expect(isBreachable(DeadlineKind.INVESTIGATION)).toBe(true);
      expect(isBreachable(DeadlineKind.DECISION)).toBe(true);
      expect(isBreachable(DeadlineKind.OBJECTION_DECISION)).toBe(true);
      expect(isBreachable(DeadlineKind.OBJECTION_TERM)).toBe(false);
    });

    it('should put a deadline on the list when due within N days, and as breached from the day after', () => {
      expect(worklistState('2026-11-30', '2026-11-23', 7)).toBe('DUE_SOON');
      expect(worklistState('2026-12-01', '2026-11-23', 7)).toBeUndefined();
      expect(worklistState('2026-11-23', '2026-11-23', 0)).toBe('DUE_SOON');
      expect(worklistState('2026-11-22', '2026-11-23', 7)).toBe('BREACHED');
      expect(daysLeft('2026-11-30', '2026-11-23')).toBe(7);
      expect(daysLeft('2026-11-20', '2026-11-23')).toBe(-3);
    });

    it('should count a term that starts in one year and ends in the next across both years’ holidays', () => {
      expect(termEnd('2026-12-31', 0)).toBe('2026-12-31');
      expect(termEnd('2027-12-24', 1)).toBe('2027-12-31');
    });
  });
});
