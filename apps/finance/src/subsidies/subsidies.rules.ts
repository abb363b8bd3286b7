import { SubsidyErrorCode } from './subsidies.errors';

// A granted subsidy as finance keeps it: the instalments are what is committed and what is paid.

export interface InstalmentFacts {
  seq: number;
  dueDate: string;
  amountCents: number;
}

/**
 * Why a grant cannot be kept (null when it can): its instalments must add up to its amount exactly
 * (the contract says so) and each number must be used once.
 */
export function grantDefect(amountCents: number, instalments: readonly InstalmentFacts[]): { code: SubsidyErrorCode; reason: string } | null {
  const seqs = new Set<number>();
  for (const i of instalments) {
    if (seqs.has(i.seq)) return { code: SubsidyErrorCode.DUPLICATE_INSTALMENT, reason: `instalment ${i.seq} is listed twice` };
    seqs.add(i.seq);
  }
  const sum = instalments.reduce((a, i) => a + i.amountCents, 0);
  if (sum !== amountCents) return { code: SubsidyErrorCode.INSTALMENTS_DO_NOT_ADD_UP, reason: `the instalments add up to ${sum}, the subsidy is ${amountCents}` };
  return null;
}
