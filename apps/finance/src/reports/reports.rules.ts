import { FacilityType, IsoDate } from '@vangnet/contracts';
import { dayNumber } from '../shared/day-numbers';

// Cost per client by housing type (DOMAIN.md "Finance": average care cost per client by housing
// type): the approved cost of a resident's provisions lands on the kind of facility they stayed in
// while the care was delivered.

/** Cells with fewer clients than this show no average (a small group could point at a person). */
export const MIN_CLIENTS_PER_CELL = 3;

export interface Cell {
  amountCents: number;
  clients: number;
  averageCents: number | null;
}

export function cell(cents: number, clients: number): Cell {
  return { amountCents: cents, clients, averageCents: clients >= MIN_CLIENTS_PER_CELL ? Math.round(cents / clients) : null };
}

/** A resident's stay in a kind of facility (inclusive days; open while it runs). */
export interface StayFacts {
  personId: string;
  facilityType: FacilityType;
  start: IsoDate;
  end: IsoDate | null;
}

/** A resident's approved cents in a category for one product period. */
export interface CostFacts {
  personId: string;
  category: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  cents: number;
}

/**
 * The housing type a product period's cost lands on: the stay with the most nights in the period
 * (a tie goes to the later stay: the resident moved there), none when no stay touches it. A
 * period lands whole on one type: declarations are monthly, and splitting a month's line by
 * nights would invent cents the provider did not declare.
 */
export function housingTypeOf(cost: CostFacts, stays: readonly StayFacts[]): FacilityType | null {
  const from = dayNumber(cost.periodStart);
  const to = dayNumber(cost.periodEnd);
  let best: { type: FacilityType; nights: number; start: number } | undefined;
  for (const s of stays) {
    if (s.personId !== cost.personId) continue;
    const start = dayNumber(s.start);
    const nights = Math.min(to, s.end === null ? to : dayNumber(s.end)) - Math.max(from, start) + 1;
    if (nights <= 0) continue;
    if (!best || nights > best.nights || (nights === best.nights && start > best.start)) best = { type: s.facilityType, nights, start };
  }
  return best?.type ?? null;
}

/** A category's cost and distinct clients as a whole (all residents, placed or not). */
export interface CategoryFigures {
  category: string;
  cents: number;
  clients: number;
}

export interface HousingSplit {
  /** One row per category and housing type; `housingType` null for what no stay explains. */
  byCategory: Array<{ category: string; housingType: FacilityType | null; cents: number; clients: number }>;
  byHousingType: Array<{ housingType: FacilityType; cents: number; clients: number }>;
}

/**
 * Split each category's cost by housing type: the placed residents' costs (`placed`, every cost of
 * every resident with a stay in the year) land on the type of their stay; what remains of the
 * category is `null`, with the residents who have any cost there left in it.
 */
export function splitByHousingType(categories: readonly CategoryFigures[], placed: readonly CostFacts[], stays: readonly StayFacts[]): HousingSplit {
  const staysOf = new Map<string, StayFacts[]>();
  for (const s of stays) staysOf.set(s.personId, [...(staysOf.get(s.personId) ?? []), s]);
  // category → type → { cents, clients }, and per category the placed residents with a cost that no stay explains.
  const typed = new Map<string, Map<FacilityType, { cents: number; clients: Set<string> }>>();
  const placedInCategory = new Map<string, Set<string>>();
  const unexplained = new Map<string, Set<string>>();
  const perType = new Map<FacilityType, { cents: number; clients: Set<string> }>();
  for (const c of placed) {
    const inCategory = placedInCategory.get(c.category) ?? new Set<string>();
    inCategory.add(c.personId);
    placedInCategory.set(c.category, inCategory);
    const type = housingTypeOf(c, staysOf.get(c.personId) ?? []);
    if (type === null) {
      const u = unexplained.get(c.category) ?? new Set<string>();
      u.add(c.personId);
      unexplained.set(c.category, u);
      continue;
    }
    const byType = typed.get(c.category) ?? new Map<FacilityType, { cents: number; clients: Set<string> }>();
    const acc = byType.get(type) ?? { cents: 0, clients: new Set<string>() };
    acc.cents += c.cents;
    acc.clients.add(c.personId);
    byType.set(type, acc);
    typed.set(c.category, byType);
    const t = perType.get(type) ?? { cents: 0, clients: new Set<string>() };
    t.cents += c.cents;
    t.clients.add(c.personId);
    perType.set(type, t);
  }
  const byCategory: HousingSplit['byCategory'] = [];
  for (const cat of categories) {
    const types = [...(typed.get(cat.category)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    const typedCents = types.reduce((a, [, v]) => a + v.cents, 0);
    // Placed residents whose every cost in the category a stay explains are not in the null row.
    const fullyTyped = [...(placedInCategory.get(cat.category) ?? [])].filter((p) => !unexplained.get(cat.category)?.has(p)).length;
    const rest = { cents: cat.cents - typedCents, clients: cat.clients - fullyTyped };
    if (rest.clients > 0 || rest.cents !== 0 || !types.length) byCategory.push({ category: cat.category, housingType: null, ...rest });
    for (const [type, v] of types) byCategory.push({ category: cat.category, housingType: type, cents: v.cents, clients: v.clients.size });
  }
  const byHousingType = [...perType.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([housingType, v]) => ({ housingType, cents: v.cents, clients: v.clients.size }));
  return { byCategory, byHousingType };
}
