import { distributeLargestRemainder, InvalidParam, IsoDate, SubsidyGrantedV1 } from '@vangnet/contracts';
import { SubsidyErrorCode } from './subsidies.errors';

// Subsidies (Awb title 4.2): a lump-sum grant to an organisation for a year, paid in instalments
// (voorschotten, Awb 4:95) that finance pays on their due dates.

export type Instalment = SubsidyGrantedV1['instalments'][number];

/** Default instalments: four quarterly parts on the first day of each quarter, adding up to the cent. */
export function quarterlyInstalments(year: number, amountCents: number): Instalment[] {
  const parts = distributeLargestRemainder(BigInt(amountCents), [1n, 1n, 1n, 1n]);
  return ['01', '04', '07', '10'].map((m, i) => ({ seq: i + 1, dueDate: `${year}-${m}-01`, amountCents: Number(parts[i]) }));
}

/** Given instalments must add up to the grant exactly. */
export function instalmentProblems(amountCents: number, instalments: Array<{ amountCents: number }>): InvalidParam[] {
  const sum = instalments.reduce((a, b) => a + b.amountCents, 0);
  return sum === amountCents ? [] : [{ name: 'instalments', code: SubsidyErrorCode.INSTALMENTS_SUM_MISMATCH, reason: `the instalments add up to ${sum} cents, the grant is ${amountCents}` }];
}

export interface GrantInput {
  reference?: string;
  organisationAgb: string;
  municipality: string;
  year: number;
  amountCents: number;
  purpose: string;
  conditions: string[];
  instalments?: Array<{ dueDate: IsoDate; amountCents: number }>;
}

/**
 * The grant as it is stored and announced: the given instalments numbered from 1, or four
 * quarterly ones; problems (400) when given instalments do not add up to the grant.
 */
export function planGrant(input: GrantInput, subsidyId: string): { grant: SubsidyGrantedV1; problems: [] } | { problems: InvalidParam[] } {
  const problems = input.instalments ? instalmentProblems(input.amountCents, input.instalments) : [];
  if (problems.length) return { problems };
  const grant: SubsidyGrantedV1 = {
    subsidyId,
    organisationAgb: input.organisationAgb,
    municipality: input.municipality,
    year: input.year,
    amountCents: input.amountCents,
    purpose: input.purpose,
    conditions: [...input.conditions],
    instalments: input.instalments
      ? input.instalments.map((i, n) => ({ seq: n + 1, dueDate: i.dueDate, amountCents: i.amountCents }))
      : quarterlyInstalments(input.year, input.amountCents),
    ...(input.reference ? { reference: input.reference } : {}),
  };
  return { grant, problems: [] };
}
