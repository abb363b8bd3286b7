import { DeadlineKind, Law } from '@vangnet/contracts';
import {
  Calendar,
  daysLeft,
  decisionDue,
  decisionTerm,
  dueDateOf,
  extensionDaysFor,
  investigationDue,
  investigationTerm,
  isBreachable,
  isObjectionTimely,
  objectionDecisionDue,
  objectionTermEnd,
  suspendedDays,
  suspendedDaysOf,
  suspensionRange,
  suspensionState,
  worklistState,
} from './deadline.rules';

// The days decreed so far (Atw art. 3 lid 3), as the migration seeds them.
const CALENDAR: Calendar = { version: 1, decreedDays: new Set(['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26']) };
const NO_DECREES: Calendar = { version: 0, decreedDays: new Set() };

describe('statutory terms', () => {
  describe('Wmo investigation: 6 weeks after the registration (Wmo 2.3.2)', () => {
    it('should run over Good Friday, the weekend and Easter Monday (2028-03-03 → 2028-04-18)', () => {
      expect(investigationDue('2028-03-03', CALENDAR)).toBe('2028-04-18');
    });

    it('should run over a decreed day and the weekend (2028-03-17 → 2028-05-01)', () => {
      expect(investigationDue('2028-03-17', CALENDAR)).toBe('2028-05-01');
      expect(investigationDue('2028-03-17', NO_DECREES)).toBe('2028-04-28');
    });

    it('should run over Ascension, the decreed Friday after it and the weekend (2027-03-25 → 2027-05-10)', () => {
      expect(investigationDue('2027-03-25', CALENDAR)).toBe('2027-05-10');
    });

    it('should move a term ending on Easter Monday, King’s Day or Christmas', () => {
      expect(investigationDue('2026-02-23', CALENDAR)).toBe('2026-04-07');
      expect(investigationDue('2026-03-16', CALENDAR)).toBe('2026-04-28');
      expect(investigationDue('2025-03-15', CALENDAR)).toBe('2025-04-28'); // King's Day Saturday 26 April 2025
      expect(investigationDue('2026-11-13', CALENDAR)).toBe('2026-12-28');
    });

    it('should move a term ending on New Year’s Day, Ascension Day, 5 May or Whit Monday', () => {
      expect(investigationDue('2026-11-20', CALENDAR)).toBe('2027-01-04'); // Fri 1 Jan → Mon 4 Jan
      expect(investigationDue('2026-04-02', CALENDAR)).toBe('2026-05-18'); // Ascension Thu 14 May, Fri 15 May decreed, weekend
      expect(investigationDue('2026-03-24', CALENDAR)).toBe('2026-05-06'); // Tue 5 May
      expect(investigationDue('2026-04-13', CALENDAR)).toBe('2026-05-26'); // Whit Monday 25 May
    });

    it('should move a term ending on Good Friday (Atw art. 3 lid 2) past Easter Monday', () => {
      expect(investigationDue('2026-02-20', CALENDAR)).toBe('2026-04-07'); // Good Friday 3 April 2026
    });

    it('should give a Jeugdwet registration no investigation term', () => {
      expect(investigationTerm(Law.JEUGDWET, '2028-03-03')).toBeUndefined();
      expect(investigationTerm(Law.WMO, '2028-03-03')).toEqual({ countsFrom: '2028-03-03', termDays: 42 });
    });
  });

  describe('decision term', () => {
    it('should be 2 weeks for the Wmo (2.3.5) and 8 weeks for the Jeugdwet (Awb 4:13)', () => {
      expect(decisionDue('2026-11-02', Law.WMO, CALENDAR)).toBe('2026-11-16');
      expect(decisionDue('2026-11-02', Law.JEUGDWET, CALENDAR)).toBe('2026-12-28');
      expect(decisionDue('2026-10-30', Law.JEUGDWET, CALENDAR)).toBe('2026-12-28'); // Fri 25 Dec → Mon 28 Dec
    });

    it('should run a Wmo application of 2027-03-12 over Good Friday and Easter to 2027-03-30', () => {
      expect(decisionDue('2027-03-12', Law.WMO, CALENDAR)).toBe('2027-03-30');
    });

    it('should run over the decreed 2 January 2026 and 26 May 2028', () => {
      expect(decisionDue('2025-12-19', Law.WMO, CALENDAR)).toBe('2026-01-05');
      expect(decisionDue('2028-03-31', Law.JEUGDWET, CALENDAR)).toBe('2028-05-29');
    });
  });

  describe('Awb 4:15: suspension while waiting for information', () => {
    // DOMAIN.md's worked example: application 2027-01-04 (due 2027-01-18).
    const request = { requestedOn: '2027-01-08', replyDeadline: '2027-01-22' };

    it('should suspend from the day after the request up to the day the information came', () => {
      const answered = { ...request, receivedOn: '2027-01-14' };
      expect(suspensionRange(answered)).toEqual({ start: '2027-01-09', end: '2027-01-13' });
      expect(suspendedDaysOf([answered])).toBe(5);
      // 18 + 5 = Saturday 23 January → Monday 25 January
      expect(decisionDue('2027-01-04', Law.WMO, CALENDAR, [answered])).toBe('2027-01-25');
      expect(suspensionState(answered, '2027-01-30')).toBe('INFORMATION_RECEIVED');
    });

    it('should end by itself when the reply deadline passes unanswered, counting the deadline day', () => {
      expect(suspensionState(request, '2027-01-22')).toBe('WAITING');
      expect(suspensionState(request, '2027-01-23')).toBe('REPLY_DEADLINE_PASSED');
      expect(suspendedDaysOf([request])).toBe(14); // 9–22 January
      expect(decisionDue('2027-01-04', Law.WMO, CALENDAR, [request])).toBe('2027-02-01');
    });

    it('should count nothing when the information came the day after the request', () => {
      expect(suspendedDaysOf([{ ...request, receivedOn: '2027-01-09' }])).toBe(0);
    });

    it('should not let a reply after the deadline reopen the suspension', () => {
      expect(suspensionRange({ ...request, receivedOn: '2027-01-25' })).toEqual({ start: '2027-01-09', end: '2027-01-22' });
    });

    it('should count overlapping or touching suspensions once', () => {
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

  describe('Awb 4:14: extension', () => {
    it('should keep the new date as days past the nominal end, so later suspensions move it too', () => {
      const term = decisionTerm('2027-01-04', Law.WMO);
      const days = extensionDaysFor(term, '2027-02-01');
      expect(days).toBe(14);
      expect(dueDateOf({ ...term, extensionDays: days }, CALENDAR)).toBe('2027-02-01');
      expect(decisionDue('2027-01-04', Law.WMO, CALENDAR, [{ requestedOn: '2027-01-08', replyDeadline: '2027-01-22', receivedOn: '2027-01-14' }], days)).toBe('2027-02-08');
    });
  });

  describe('objections', () => {
    it('should count 6 weeks from the day after the decision was sent (Awb 6:8), moved by Atw art. 1', () => {
      expect(objectionTermEnd('2027-03-12', CALENDAR)).toBe('2027-04-23');
      expect(objectionTermEnd('2027-03-15', CALENDAR)).toBe('2027-04-26'); // sent three days after the decision
      expect(objectionTermEnd('2027-03-16', CALENDAR)).toBe('2027-04-28'); // King's Day Tuesday 27 April 2027
      expect(objectionTermEnd('2026-11-13', CALENDAR)).toBe('2026-12-28');
      expect(objectionTermEnd('2026-11-23', CALENDAR)).toBe('2027-01-04');
    });

    it('should tell timely from late objections by the moved term end', () => {
      expect(isObjectionTimely('2026-12-28', '2026-12-28')).toBe(true);
      expect(isObjectionTimely('2026-12-29', '2026-12-28')).toBe(false);
    });

    it('should decide within 6 weeks (12 with a committee) after the objection term, or after a late receipt', () => {
      expect(objectionDecisionDue('2026-12-28', '2026-12-01', false, CALENDAR)).toBe('2027-02-08');
      expect(objectionDecisionDue('2026-12-28', '2026-12-01', true, CALENDAR)).toBe('2027-03-22');
      expect(objectionDecisionDue('2026-12-28', '2027-01-11', false, CALENDAR)).toBe('2027-02-22');
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
      expect(dueDateOf({ countsFrom: '2026-12-31', termDays: 0 }, CALENDAR)).toBe('2026-12-31');
      expect(dueDateOf({ countsFrom: '2027-12-24', termDays: 7 }, CALENDAR)).toBe('2027-12-31');
    });
  });
});
