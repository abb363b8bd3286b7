import { distributeLargestRemainder, InvalidParam, IsoDate } from '@vangnet/contracts';

/** Default instalments: four quarterly parts on the first day of each quarter, adding up to the cent. */
export function quarterlyInstalments(year: number, amountCents: number): Array<{ seq: number; dueDate: IsoDate; amountCents: number }> {
  const parts = distributeLargestRemainder(BigInt(amountCents), [1n, 1n, 1n, 1n]);
  return ['01', '04', '07', '10'].map((m, i) => ({ seq: i + 1, dueDate: `${year}-${m}-01`, amountCents: Number(parts[i]) }));
}

/** Given instalments must add up to the grant exactly. */
export function instalmentProblems(amountCents: number, instalments: Array<{ amountCents: number }>): InvalidParam[] {
  const sum = instalments.reduce((a, b) => a + b.amountCents, 0);
  return sum === amountCents ? [] : [{ name: 'instalments', code: 'INSTALMENTS_SUM_MISMATCH', reason: `the instalments add up to ${sum} cents, the grant is ${amountCents}` }];
}
