import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { PrioritySchemesErrorCode } from './priority-schemes.errors';

/** What a new priority schemes needs, as the rules see it: plain values, no I/O. */
export interface PrioritySchemesInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new priority schemes, each naming its field (none: it may be stored). */
export function prioritySchemesProblems(input: PrioritySchemesInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: PrioritySchemesErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
