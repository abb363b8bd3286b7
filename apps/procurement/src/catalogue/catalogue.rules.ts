import { addDays, InvalidParam, IsoDate, yearOf } from '@vangnet/contracts';
import { CatalogueErrorCode } from './catalogue.errors';

/** One version of a product code in a municipality's catalogue: valid from..to (inclusive), within one year. */
export interface CatalogueVersion {
  id: string;
  category: string;
  code: string;
  name: string;
  unit: string | null;
  validFrom: IsoDate;
  validTo: IsoDate;
}

export interface CatalogueEntryInput {
  category: string;
  code: string;
  name: string;
  unit?: string | null;
  validFrom?: IsoDate;
  validTo?: IsoDate;
}

export interface CataloguePlan {
  inserts: Array<Omit<CatalogueVersion, 'id'>>;
  updates: Array<{ id: string; name: string; unit: string | null; validTo: IsoDate }>;
  /** Earlier versions that a new version takes over from (their future part only). */
  truncations: Array<{ id: string; validTo: IsoDate }>;
  unchanged: number;
  /** The year had no codes yet: a late first registration is accepted. */
  initialLoad: boolean;
  /** 400: malformed for this year. */
  invalid: InvalidParam[];
  /** 409: would change a period that has started, or collide with another version. */
  conflicts: InvalidParam[];
}

const keyOf = (category: string, code: string) => `${category}/${code}`;

/**
 * What posting `incoming` to the catalogue of `year` does, given the versions that exist.
 * Nothing valid on or before today may change (no retroactive edits); a change to a started code
 * is a new version from a future date, which ends the running version the day before. One
 * exception: the first registration of a year's catalogue (none of its codes is known yet) may
 * come late — a municipality that joins mid-year registers the codes it already has (ADR 0024).
 */
export function planCatalogue(existing: CatalogueVersion[], incoming: CatalogueEntryInput[], year: number, today: IsoDate): CataloguePlan {
  const plan: CataloguePlan = { inserts: [], updates: [], truncations: [], unchanged: 0, invalid: [], conflicts: [], initialLoad: existing.length === 0 };
  const versions = new Map<string, CatalogueVersion[]>();
  for (const v of existing) {
    const k = keyOf(v.category, v.code);
    versions.set(k, [...(versions.get(k) ?? []), { ...v }]);
  }
  const seen = new Set<string>();
  incoming.forEach((e, i) => {
    const at = `entries[${i}]`;
    const from = e.validFrom ?? `${year}-01-01`;
    const to = e.validTo ?? `${year}-12-31`;
    const unit = e.unit ?? null;
    if (yearOf(from) !== year) return plan.invalid.push(param(`${at}.validFrom`, CatalogueErrorCode.ENTRY_OUTSIDE_YEAR, `validFrom must lie in ${year}`));
    if (yearOf(to) !== year) return plan.invalid.push(param(`${at}.validTo`, CatalogueErrorCode.ENTRY_OUTSIDE_YEAR, `validTo must lie in ${year}`));
    if (to < from) return plan.invalid.push(param(`${at}.validTo`, 'END_BEFORE_START', 'validTo must be on or after validFrom'));
    const k = keyOf(e.category, e.code);
    if (seen.has(`${k}@${from}`)) return plan.invalid.push(param(at, CatalogueErrorCode.DUPLICATE_ENTRY, `${k} from ${from} appears twice`));
    seen.add(`${k}@${from}`);

    const list = versions.get(k) ?? [];
    const same = list.find((v) => v.validFrom === from);
    if (same && same.name === e.name && same.unit === unit && same.validTo === to) {
      plan.unchanged++;
      return;
    }
    if (from <= today && !(plan.initialLoad && !same)) {
      const what = same ? 'changed' : 'added';
      return plan.conflicts.push(
        param(
          at,
          CatalogueErrorCode.CATALOGUE_PERIOD_STARTED,
          `${k} cannot be ${what} from ${from}: that period has started (today is ${today}); publish a new version from a future date`,
        ),
      );
    }
    const others = list.filter((v) => v !== same);
    const later = others.find((v) => v.validFrom > from && v.validFrom <= to);
    if (later) {
      return plan.conflicts.push(
        param(at, CatalogueErrorCode.CATALOGUE_VERSION_OVERLAP, `${k} already has a version from ${later.validFrom}; end this one before it`),
      );
    }
    if (same) {
      plan.updates.push({ id: same.id, name: e.name, unit, validTo: to });
      same.name = e.name;
      same.unit = unit;
      same.validTo = to;
      return;
    }
    const running = others.find((v) => v.validFrom < from && v.validTo >= from);
    if (running) {
      running.validTo = addDays(from, -1);
      plan.truncations.push({ id: running.id, validTo: running.validTo });
    }
    const created: CatalogueVersion = { id: `new-${i}`, category: e.category, code: e.code, name: e.name, unit, validFrom: from, validTo: to };
    versions.set(k, [...list, created]);
    plan.inserts.push({ category: e.category, code: e.code, name: e.name, unit, validFrom: from, validTo: to });
  });
  return plan;
}

export interface WithdrawalPlan {
  deletes: string[];
  truncation?: { id: string; validTo: IsoDate };
}

/** Withdraw a code from `from` on: only possible from a future date. */
export function planWithdrawal(versions: CatalogueVersion[], from: IsoDate, today: IsoDate): WithdrawalPlan | { conflict: string } | undefined {
  if (from <= today) return { conflict: `the code cannot be removed from ${from}: that period has started (today is ${today})` };
  const deletes = versions.filter((v) => v.validFrom >= from).map((v) => v.id);
  const running = versions.find((v) => v.validFrom < from && v.validTo >= from);
  if (!deletes.length && !running) return undefined;
  return { deletes, truncation: running ? { id: running.id, validTo: addDays(from, -1) } : undefined };
}

/** Is (category, code) in the catalogue on `date`? Versions per `category/code`. */
export function catalogueHas(versions: ReadonlyMap<string, ReadonlyArray<{ from: IsoDate; to: IsoDate }>>, category: string, code: string, date: IsoDate): boolean {
  return (versions.get(keyOf(category, code)) ?? []).some((v) => v.from <= date && date <= v.to);
}

export { keyOf as catalogueKeyOf };

function param(name: string, code: string, reason: string): InvalidParam {
  return { name, code, reason };
}
