// Waiting times per provider × product, reported by providers, against a regional norm in days:
// the region's agreed maximum from aanmelding to start of care (a treeknorm the contract manager
// sets; an agreement of the region, not a statutory term).

export interface Norm {
  category: string;
  /** '' = the whole category. */
  code: string;
  normDays: number;
}

/** The norm that holds for a product: the code's own norm, else the category's; null without either. */
export function normFor(norms: readonly Norm[], category: string, code: string): number | null {
  const own = code ? norms.find((n) => n.category === category && n.code === code) : undefined;
  return own?.normDays ?? norms.find((n) => n.category === category && n.code === '')?.normDays ?? null;
}

/** Compare a waiting time with its norm: the code's own norm, else the category's. */
export function againstNorm(waitingDays: number, codeNorm: number | null, categoryNorm: number | null): { normDays: number | null; exceedsNorm: boolean | null } {
  const normDays = codeNorm ?? categoryNorm;
  return { normDays, exceedsNorm: normDays == null ? null : waitingDays > normDays };
}

/** A report as shown: the product without an empty code, and how it compares with the norm that holds. */
export function waitingTimeView(
  r: { providerAgb: string; category: string; code: string; waitingDays: number; measuredOn: string },
  norms: readonly Norm[],
): { providerAgb: string; product: { category: string; code?: string }; waitingDays: number; measuredOn: string; normDays: number | null; exceedsNorm: boolean | null } {
  return {
    providerAgb: r.providerAgb,
    product: r.code ? { category: r.category, code: r.code } : { category: r.category },
    waitingDays: r.waitingDays,
    measuredOn: r.measuredOn,
    ...againstNorm(r.waitingDays, null, normFor(norms, r.category, r.code)),
  };
}
