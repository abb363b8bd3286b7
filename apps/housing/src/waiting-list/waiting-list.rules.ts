import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { WaitingListErrorCode } from './waiting-list.errors';

/** What a new waiting list needs, as the rules see it: plain values, no I/O. */
export interface WaitingListInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new waiting list, each naming its field (none: it may be stored). */
export function waitingListProblems(input: WaitingListInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: WaitingListErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
