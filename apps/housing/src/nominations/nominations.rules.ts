import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { NominationsErrorCode } from './nominations.errors';

/** What a new nominations needs, as the rules see it: plain values, no I/O. */
export interface NominationsInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new nominations, each naming its field (none: it may be stored). */
export function nominationsProblems(input: NominationsInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: NominationsErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
