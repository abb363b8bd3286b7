import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { QuotasErrorCode } from './quotas.errors';

/** What a new quotas needs, as the rules see it: plain values, no I/O. */
export interface QuotasInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new quotas, each naming its field (none: it may be stored). */
export function quotasProblems(input: QuotasInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: QuotasErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
