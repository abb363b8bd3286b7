import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { SettingsErrorCode } from './settings.errors';

/** What a new settings needs, as the rules see it: plain values, no I/O. */
export interface SettingsInput {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new settings, each naming its field (none: it may be stored). */
export function settingsProblems(input: SettingsInput, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: SettingsErrorCode.VALID_FROM_IN_PAST, reason: `validFrom ${input.validFrom} lies before today (${today})` });
  }
  return problems;
}
