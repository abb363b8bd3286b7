import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { FacilitiesErrorCode } from './facilities.errors';

/** What a new facilities needs, as the rules see it: plain values, no I/O. */
export interface FacilitiesInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new facilities, each naming its field (none: it may be stored). */
export function facilitiesProblems(input: FacilitiesInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: FacilitiesErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
