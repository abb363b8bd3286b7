import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { PlacementsErrorCode } from './placements.errors';

/** What a new placements needs, as the rules see it: plain values, no I/O. */
export interface PlacementsInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new placements, each naming its field (none: it may be stored). */
export function placementsProblems(input: PlacementsInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: PlacementsErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
