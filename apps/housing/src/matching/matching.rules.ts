import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { MatchingErrorCode } from './matching.errors';

/** What a new matching needs, as the rules see it: plain values, no I/O. */
export interface MatchingInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new matching, each naming its field (none: it may be stored). */
export function matchingProblems(input: MatchingInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: MatchingErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
