import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { PrioritySchemeErrorCode } from './priority-schemes.errors';
import { FactorWeight, PriorityFactor, weightHundredths } from './ranking.rules';

/** The rule breaches of a new scheme's factors, each naming its field (none: it may be stored). */
export function schemeProblems(factors: readonly FactorWeight[]): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<PriorityFactor>();
  factors.forEach((f, i) => {
    if (seen.has(f.factor)) {
      problems.push({ name: `factors[${i}].factor`, code: PrioritySchemeErrorCode.DUPLICATE_FACTOR, reason: `${f.factor} is weighed once per scheme` });
    }
    seen.add(f.factor);
    if (f.municipalities !== undefined && f.factor !== PriorityFactor.ORIGIN_MUNICIPALITY) {
      problems.push({ name: `factors[${i}].municipalities`, code: PrioritySchemeErrorCode.MUNICIPALITIES_ONLY_FOR_ORIGIN, reason: 'only ORIGIN_MUNICIPALITY names municipalities' });
    }
  });
  if (factors.length && factors.every((f) => weightHundredths(f.weight) === 0)) {
    problems.push({ name: 'factors', code: PrioritySchemeErrorCode.NO_WEIGHT, reason: 'at least one factor needs a weight other than 0, or every entry ties' });
  }
  return problems;
}

/** The scheme in force on `on`: the active one with the latest activeFrom on or before it. */
export function schemeInForce<T extends { activeFrom: IsoDate | null; status: string }>(schemes: readonly T[], on: IsoDate): T | undefined {
  let best: T | undefined;
  for (const s of schemes) {
    if (s.status !== 'ACTIVE' || s.activeFrom === null || s.activeFrom > on) continue;
    if (!best || s.activeFrom > (best.activeFrom as IsoDate)) best = s;
  }
  return best;
}
