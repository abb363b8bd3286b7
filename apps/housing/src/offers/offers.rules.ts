import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { OffersErrorCode } from './offers.errors';

/** What a new offers needs, as the rules see it: plain values, no I/O. */
export interface OffersInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new offers, each naming its field (none: it may be stored). */
export function offersProblems(input: OffersInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: OffersErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
