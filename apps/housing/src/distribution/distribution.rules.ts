import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { DistributionErrorCode } from './distribution.errors';

/** What a new distribution needs, as the rules see it: plain values, no I/O. */
export interface DistributionInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new distribution, each naming its field (none: it may be stored). */
export function distributionProblems(input: DistributionInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: DistributionErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
