import { addWorkingDays, IsoDate } from '@vangnet/contracts';

/** The last day of a signal's term: `n` working days after it was reported (a regional agreement, not a statutory term). */
export function signalDue(reportedOn: IsoDate, n: number): IsoDate {
  return addWorkingDays(reportedOn, n);
}

/** An open signal past its term. */
export function isOverdue(s: { status: string; dueOn: IsoDate }, today: IsoDate): boolean {
  return s.status === 'OPEN' && today > s.dueOn;
}
