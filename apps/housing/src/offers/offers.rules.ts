import { addDays, addWorkingDays, IsoDate, isWorkingDay } from '@vangnet/contracts';

/**
 * The last day to answer an offer: `n` working days after the offer (weekends and the public
 * holidays of the calendar in libs/contracts do not count; a policy term, not a statutory one).
 */
export function answerDue(offeredOn: IsoDate, n: number): IsoDate {
  return addWorkingDays(offeredOn, n);
}

/** An open offer stalls once the day after its last day to answer has come. */
export function isStalled(offer: { status: string; answerDue: IsoDate }, today: IsoDate): boolean {
  return offer.status === 'OPEN' && today > offer.answerDue;
}

/** Working days after the last day to answer, up to and including today (0 when not late). */
export function workingDaysOverdue(answerDueOn: IsoDate, today: IsoDate): number {
  if (today <= answerDueOn) return 0;
  let n = 0;
  for (let d = addDays(answerDueOn, 1); d <= today; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}
