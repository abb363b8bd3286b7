import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { EvictionSignalsErrorCode } from './eviction-signals.errors';

/** What a new eviction signals needs, as the rules see it: plain values, no I/O. */
export interface EvictionSignalsInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new eviction signals, each naming its field (none: it may be stored). */
export function evictionSignalsProblems(input: EvictionSignalsInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: EvictionSignalsErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
