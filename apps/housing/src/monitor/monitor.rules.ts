import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { MonitorErrorCode } from './monitor.errors';

/** What a new monitor needs, as the rules see it: plain values, no I/O. */
export interface MonitorInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new monitor, each naming its field (none: it may be stored). */
export function monitorProblems(input: MonitorInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: MonitorErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
