import { addWorkingDays, IsoDate } from '@vangnet/contracts';

// The declaration answer term (iWmo: ≤ 10 working days), on the statutory calendar in contracts.

/** The declaration answer is due 10 working days after receipt. */
export const DECLARATION_ANSWER_WORKING_DAYS = 10;

export function declarationDueDate(receivedOn: IsoDate): IsoDate {
  return addWorkingDays(receivedOn, DECLARATION_ANSWER_WORKING_DAYS);
}
