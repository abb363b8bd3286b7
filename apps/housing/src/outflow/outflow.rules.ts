import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { OutflowErrorCode } from './outflow.errors';

/** What a new outflow needs, as the rules see it: plain values, no I/O. */
export interface OutflowInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new outflow, each naming its field (none: it may be stored). */
export function outflowProblems(input: OutflowInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: OutflowErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
