import { ConsideredOption, InvalidParam } from '@vangnet/contracts';

/** The options are weighed in this fixed order (Wmo 2015 art. 2.3.2): own strength and network first. */
export const CONSIDERATION_ORDER: readonly ConsideredOption[] = [
  ConsideredOption.OWN_NETWORK,
  ConsideredOption.GENERAL_PROVISION,
  ConsideredOption.COLLECTIVE_PROVISION,
  ConsideredOption.TAILORED_PROVISION,
];

export interface Consideration {
  option: ConsideredOption;
  sufficient: boolean;
}

/**
 * What was considered must follow the fixed order without skipping (own network → general →
 * collective → tailored), and weighing stops at the first option that suffices.
 */
export function considerationProblems(considered: readonly Consideration[], path = 'considered'): InvalidParam[] {
  const problems: InvalidParam[] = [];
  considered.forEach((c, i) => {
    const expected = CONSIDERATION_ORDER[i];
    if (c.option !== expected) {
      problems.push({
        name: `${path}[${i}].option`,
        code: 'CONSIDERED_OUT_OF_ORDER',
        reason: expected
          ? `options are weighed in the order ${CONSIDERATION_ORDER.join(' → ')}; position ${i} must be ${expected}`
          : 'there are only four options to weigh',
      });
    }
    if (i > 0 && considered[i - 1].sufficient) {
      problems.push({
        name: `${path}[${i}].option`,
        code: 'CONSIDERED_AFTER_SUFFICIENT',
        reason: `${considered[i - 1].option} already sufficed; later options are not weighed`,
      });
    }
  });
  return problems;
}

/** The option that sufficed, if any. */
export function conclusionOf(considered: readonly Consideration[]): ConsideredOption | null {
  return considered.find((c) => c.sufficient)?.option ?? null;
}

/** Scores are 1–5 per configured, active life domain, each domain at most once. */
export function scoreProblems(scores: ReadonlyArray<{ domain: string }>, activeDomains: ReadonlySet<string>, path = 'scores'): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!activeDomains.has(s.domain)) {
      problems.push({ name: `${path}[${i}].domain`, code: 'UNKNOWN_LIFE_DOMAIN', reason: `${s.domain} is not a configured, active life domain` });
    } else if (seen.has(s.domain)) {
      problems.push({ name: `${path}[${i}].domain`, code: 'DUPLICATE_LIFE_DOMAIN', reason: `${s.domain} is scored twice` });
    }
    seen.add(s.domain);
  });
  return problems;
}
