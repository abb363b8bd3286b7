import { addWorkingDays, IsoDate } from '@vangnet/contracts';
import { intervalFromEnv } from '@vangnet/platform';

/** The region's norm for outreach when none is configured: first contact within 3 working days. */
export const DEFAULT_FIRST_CONTACT_WORKING_DAYS = 3;

/**
 * The region's norm (ACCESS_OUTREACH_FIRST_CONTACT_WORKING_DAYS). A norm, not a term set by law:
 * it counts working days as other terms do (weekends and Atw art. 3 lid 1 holidays only).
 */
export function outreachNorm(): number {
  const n = intervalFromEnv('ACCESS_OUTREACH_FIRST_CONTACT_WORKING_DAYS', DEFAULT_FIRST_CONTACT_WORKING_DAYS);
  if (!Number.isInteger(n) || n < 0 || n > 60) throw new Error(`ACCESS_OUTREACH_FIRST_CONTACT_WORKING_DAYS must be a whole number of working days 0–60, not ${n}`);
  return n;
}

export function firstContactDue(createdOn: IsoDate, workingDays: number): IsoDate {
  return addWorkingDays(createdOn, workingDays);
}

export type FirstContactState = 'MET' | 'DUE' | 'OVERDUE';

/** Where the first-contact norm stands: met on the first contact that reached the person, else due or overdue. */
export function firstContactState(due: IsoDate, firstContactOn: IsoDate | null, today: IsoDate): FirstContactState {
  if (firstContactOn) return 'MET';
  return today > due ? 'OVERDUE' : 'DUE';
}
