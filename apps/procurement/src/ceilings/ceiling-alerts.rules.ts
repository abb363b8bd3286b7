import { CeilingView } from './ceilings.dto';

/** Per provider, the ceilings of a year whose alert thresholds were reached (issue 20's regional monitor). */
export interface CeilingAlertRow {
  providerAgb: string;
  /** The provider's name in the register (null when it is not registered). */
  providerName: string | null;
  year: number;
  /** Ceilings of the provider in the caller's scope. */
  ceilings: number;
  /** Of those, how many reached at least one alert threshold. */
  alerting: number;
  /** Of those, how many were exceeded (spend above the ceiling). */
  exceeded: number;
  /** The highest threshold reached over its ceilings (percent), null when none. */
  highestThresholdPercent: number | null;
  /** The highest use of a ceiling, in basis points of it; null when none is set. */
  highestUsedBasisPoints: number | null;
  ceilingCents: number;
  spendCents: number;
}

export function ceilingAlerts(views: readonly CeilingView[], names: ReadonlyMap<string, string> = new Map()): CeilingAlertRow[] {
  const by = new Map<string, CeilingAlertRow>();
  for (const v of views) {
    const key = `${v.providerAgb}|${v.year}`;
    const row = by.get(key) ?? { providerAgb: v.providerAgb, providerName: names.get(v.providerAgb) ?? null, year: v.year, ceilings: 0, alerting: 0, exceeded: 0, highestThresholdPercent: null, highestUsedBasisPoints: null, ceilingCents: 0, spendCents: 0 };
    row.ceilings += v.ceilingCents === null ? 0 : 1;
    row.ceilingCents += v.ceilingCents ?? 0;
    row.spendCents += v.spendCents;
    if (v.thresholdsReached.length) row.alerting++;
    if (v.ceilingCents !== null && v.spendCents > v.ceilingCents) row.exceeded++;
    for (const t of v.thresholdsReached) row.highestThresholdPercent = Math.max(row.highestThresholdPercent ?? 0, t.thresholdPercent);
    if (v.usedBasisPoints !== null) row.highestUsedBasisPoints = Math.max(row.highestUsedBasisPoints ?? 0, v.usedBasisPoints);
    by.set(key, row);
  }
  return [...by.values()].sort((a, b) => (b.highestUsedBasisPoints ?? -1) - (a.highestUsedBasisPoints ?? -1) || a.providerAgb.localeCompare(b.providerAgb) || a.year - b.year);
}
