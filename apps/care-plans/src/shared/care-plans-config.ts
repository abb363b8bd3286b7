import { Injectable } from '@nestjs/common';
import { ProductCategory } from '@vangnet/contracts';

/**
 * The default map from Jeugdwet categories to the Wmo category that carries the support on from
 * the 18th birthday (Jeugdwet art. 1.1 "jeugdige"; Wmo 2015 art. 1.1.1 "maatwerkvoorziening").
 * Youth mental-health care (51–54) goes to the Zvw at 18, and youth protection, probation and
 * foster care (35, 47–49) may continue under the Jeugdwet: they have no Wmo equivalent here.
 */
export const DEFAULT_YOUTH_TO_WMO: Readonly<Record<string, ProductCategory>> = {
  [ProductCategory.YOUTH_2015_NEIGHBOURHOOD_TEAM]: ProductCategory.GUIDANCE,
  [ProductCategory.YOUTH_2015_AMBULANT_AT_PROVIDER]: ProductCategory.GUIDANCE,
  [ProductCategory.YOUTH_2015_DAY_CARE_AT_PROVIDER]: ProductCategory.DAY_ACTIVITIES,
  [ProductCategory.YOUTH_2015_IN_NETWORK]: ProductCategory.GUIDANCE,
  [ProductCategory.YOUTH_2015_FAMILY_HOME]: ProductCategory.PROTECTED_HOUSING,
  [ProductCategory.YOUTH_2015_OTHER_RESIDENTIAL]: ProductCategory.PROTECTED_HOUSING,
  [ProductCategory.YOUTH_PERSONAL_CARE]: ProductCategory.PERSONAL_CARE,
  [ProductCategory.YOUTH_DAY_TREATMENT]: ProductCategory.DAY_ACTIVITIES,
  [ProductCategory.YOUTH_TRANSPORT]: ProductCategory.TRANSPORT_SERVICES,
  [ProductCategory.YOUTH_RESIDENTIAL_WITH_TREATMENT]: ProductCategory.PROTECTED_HOUSING,
  [ProductCategory.YOUTH_RESIDENTIAL_WITHOUT_TREATMENT]: ProductCategory.PROTECTED_HOUSING,
  [ProductCategory.YOUTH_AMBULANT]: ProductCategory.GUIDANCE,
  [ProductCategory.YOUTH_CRISIS]: ProductCategory.EMERGENCY_SHELTER,
  [ProductCategory.YOUTH_TAILORED]: ProductCategory.OTHER_TAILORED,
};

/**
 * Care plans' own settings from the environment (README "Configuration"), read and checked once
 * at start: a bad value stops the service with the variable named.
 */
@Injectable()
export class CarePlansConfig {
  /** More professionals than this active in one household raises FRAGMENTATION. */
  readonly fragmentationThreshold = wholeNumber('CARE_PLANS_FRAGMENTATION_THRESHOLD', 3, 1, 50);
  /** How often overdue reviews, fragmentation and pending coming-of-age checks are looked at (ms; 0: never, tests run it). */
  readonly jobIntervalMs = wholeNumber('CARE_PLANS_JOB_INTERVAL_MS', 3_600_000, 0, 86_400_000);
  /** Jeugdwet category → Wmo category, as `45:02,43:15` (replaces the default map). */
  readonly youthToWmo: Readonly<Record<string, ProductCategory>> = categoryMap('CARE_PLANS_YOUTH_TO_WMO', DEFAULT_YOUTH_TO_WMO);
}

function wholeNumber(variable: string, fallback: number, min: number, max: number): number {
  const raw = process.env[variable]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${variable} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function categoryMap(variable: string, fallback: Readonly<Record<string, ProductCategory>>): Readonly<Record<string, ProductCategory>> {
  const raw = process.env[variable]?.trim();
  if (!raw) return fallback;
  const categories: string[] = Object.values(ProductCategory);
  const wmo = Object.values(ProductCategory).filter((c) => Number(c) < 31);
  const map: Record<string, ProductCategory> = {};
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to] = pair.split(':').map((x) => x.trim());
    const target = wmo.find((c) => c === to);
    if (!categories.includes(from) || Number(from) < 31 || !target) throw new Error(`${variable} must be pairs of a Jeugdwet and a Wmo category like "45:02,43:15", not "${pair}"`);
    map[from] = target;
  }
  return map;
}
