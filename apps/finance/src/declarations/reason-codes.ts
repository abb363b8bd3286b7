import { RETOUR_CODES, RetourCode } from '@vangnet/contracts';

/**
 * Why a declaration line is rejected: our stable code and the WJ001 retour code an iWmo/iJw 325
 * would carry for it, so the HTTP answer and the XML answer say the same thing (ADR 0043).
 */
export enum LineReason {
  /** The assignment in force is not for this provider or municipality, or is not in kind (TR338). */
  ASSIGNMENT_NOT_FOUND = 'ASSIGNMENT_NOT_FOUND',
  /** The product period lies after the declaration period (TR319). */
  PERIOD_OUTSIDE_DECLARATION_PERIOD = 'PERIOD_OUTSIDE_DECLARATION_PERIOD',
  /** The product period starts before the assignment (TR307). */
  PERIOD_START_BEFORE_ASSIGNMENT = 'PERIOD_START_BEFORE_ASSIGNMENT',
  /** The product period ends after the assignment (TR308). */
  PERIOD_END_AFTER_ASSIGNMENT = 'PERIOD_END_AFTER_ASSIGNMENT',
  /** The product period does not start on the 1st (or the assignment's later start) (TR387). */
  PERIOD_START_NOT_MONTH_START = 'PERIOD_START_NOT_MONTH_START',
  /** The product period does not end on the month's last day (or the assignment's earlier end) (TR388). */
  PERIOD_END_NOT_MONTH_END = 'PERIOD_END_NOT_MONTH_END',
  CATEGORY_MISMATCH = 'CATEGORY_MISMATCH',
  PRODUCT_CODE_MISMATCH = 'PRODUCT_CODE_MISMATCH',
  UNIT_MISMATCH = 'UNIT_MISMATCH',
  /** The tariff is not the contract tariff for the period's year (TR418). */
  TARIFF_MISMATCH = 'TARIFF_MISMATCH',
  /** No contract tariff exists for the period's year (TR418). */
  NO_CONTRACT_TARIFF = 'NO_CONTRACT_TARIFF',
  /** Amount ≠ volume × tariff (for minutes on an hour tariff: hour tariff × minutes ÷ 60, half up) (TR346). */
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  /** More than the assigned volume for the product period (TR321). */
  VOLUME_EXCEEDS_FREQUENCY = 'VOLUME_EXCEEDS_FREQUENCY',
  /** All approved volume on the assignment together would exceed the assigned volume (TR322). */
  VOLUME_EXCEEDS_ASSIGNMENT = 'VOLUME_EXCEEDS_ASSIGNMENT',
  /** All approved amounts on a budget assignment together would exceed the budget. */
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  /** The provider's reference (ReferentieNummer) was submitted before. */
  DUPLICATE_REFERENCE = 'DUPLICATE_REFERENCE',
  /** An approved, uncredited debit for the same assignment, month and product exists (TR389). */
  DUPLICATE_DELIVERY = 'DUPLICATE_DELIVERY',
  /** The credit names no earlier approved debit of this provider (TR323). */
  CREDIT_WITHOUT_DEBIT = 'CREDIT_WITHOUT_DEBIT',
  /** The debit was credited before (TR390). */
  ALREADY_CREDITED = 'ALREADY_CREDITED',
  /** A credit reverses its debit whole: same assignment, period, product, volume and amount. */
  CREDIT_DOES_NOT_MATCH_DEBIT = 'CREDIT_DOES_NOT_MATCH_DEBIT',
}

export const RETOUR_CODE_OF: Readonly<Record<LineReason, RetourCode>> = {
  [LineReason.ASSIGNMENT_NOT_FOUND]: '9338',
  [LineReason.PERIOD_OUTSIDE_DECLARATION_PERIOD]: '9319',
  [LineReason.PERIOD_START_BEFORE_ASSIGNMENT]: '9307',
  [LineReason.PERIOD_END_AFTER_ASSIGNMENT]: '9308',
  [LineReason.PERIOD_START_NOT_MONTH_START]: '9387',
  [LineReason.PERIOD_END_NOT_MONTH_END]: '9388',
  [LineReason.CATEGORY_MISMATCH]: '9339',
  [LineReason.PRODUCT_CODE_MISMATCH]: '9340',
  [LineReason.UNIT_MISMATCH]: '9341',
  [LineReason.TARIFF_MISMATCH]: '0611',
  [LineReason.NO_CONTRACT_TARIFF]: '0611',
  [LineReason.AMOUNT_MISMATCH]: '9346',
  [LineReason.VOLUME_EXCEEDS_FREQUENCY]: '9321',
  [LineReason.VOLUME_EXCEEDS_ASSIGNMENT]: '9322',
  [LineReason.BUDGET_EXCEEDED]: '9369',
  [LineReason.DUPLICATE_REFERENCE]: '8021',
  [LineReason.DUPLICATE_DELIVERY]: '9389',
  [LineReason.CREDIT_WITHOUT_DEBIT]: '8017',
  [LineReason.ALREADY_CREDITED]: '9390',
  [LineReason.CREDIT_DOES_NOT_MATCH_DEBIT]: '9367',
};

/** The retour code of an approved line (iWmo 8001: "Declaratie is volledig toegewezen"). */
export const APPROVED_RETOUR_CODE: RetourCode = '8001';

export function describeReason(reason: LineReason): { code: LineReason; retourCode: RetourCode; retourText: string } {
  const retourCode = RETOUR_CODE_OF[reason];
  return { code: reason, retourCode, retourText: RETOUR_CODES[retourCode] };
}
