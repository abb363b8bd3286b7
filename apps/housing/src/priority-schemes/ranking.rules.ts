import { IsoDate } from '@vangnet/contracts';
import { hash } from 'crypto';

// The waiting list's order: deterministic and recomputable from the published scheme (its
// factors, weights and seed) and each entry's factor values. The README's "Ranking" section
// states the algorithm in full; keep the two in step.

/** What a priority scheme can weigh. Each factor gives an entry an integer value. */
export enum PriorityFactor {
  /** Whole days from the entry's `waitingSince` to the ranking date (0 when that lies ahead). */
  WAITING_DAYS = 'WAITING_DAYS',
  /** The urgency the placement officer recorded: 0 (none) to 3 (acute). */
  URGENCY = 'URGENCY',
  /** 1 when a member under 18 belongs to the household on the ranking date (access.household.changed). */
  HOUSEHOLD_WITH_CHILDREN = 'HOUSEHOLD_WITH_CHILDREN',
  /** 1 when the resident is to leave an institution (clinic, detention) without a home to go to. */
  DISCHARGE_FROM_INSTITUTION = 'DISCHARGE_FROM_INSTITUTION',
  /** 1 when the municipality of origin is one the factor names (by default the region's members). */
  ORIGIN_MUNICIPALITY = 'ORIGIN_MUNICIPALITY',
  /** 1 when the entry records no interim ambulant support while waiting. */
  NO_INTERIM_SUPPORT = 'NO_INTERIM_SUPPORT',
}

export const URGENCY_MAX = 3;

/** The values a factor can take: [min, max] (max undefined: unbounded). */
export const FACTOR_RANGE: Readonly<Record<PriorityFactor, { min: number; max?: number }>> = {
  [PriorityFactor.WAITING_DAYS]: { min: 0 },
  [PriorityFactor.URGENCY]: { min: 0, max: URGENCY_MAX },
  [PriorityFactor.HOUSEHOLD_WITH_CHILDREN]: { min: 0, max: 1 },
  [PriorityFactor.DISCHARGE_FROM_INSTITUTION]: { min: 0, max: 1 },
  [PriorityFactor.ORIGIN_MUNICIPALITY]: { min: 0, max: 1 },
  [PriorityFactor.NO_INTERIM_SUPPORT]: { min: 0, max: 1 },
};

export interface FactorWeight {
  factor: PriorityFactor;
  /** Points per unit of the factor's value; a number with at most two decimals. */
  weight: number;
  /** ORIGIN_MUNICIPALITY only: the municipalities that count (stored in full with the scheme). */
  municipalities?: string[];
}

/** A scheme as the ranking sees it: what is published. */
export interface SchemeRules {
  seed: string;
  factors: FactorWeight[];
}

/** What the waiting list knows of an entry that a factor may weigh. */
export interface EntryFacts {
  waitingSince: IsoDate;
  urgency: number;
  householdWithChildren: boolean;
  dischargeFromInstitution: boolean;
  originMunicipality: string | null;
  interimSupport: boolean;
}

export interface RankItem {
  id: string;
  /** The queue it stands in (its facility type): positions count within a group. */
  group: string;
  facts: EntryFacts;
}

export interface RankedEntry {
  id: string;
  group: string;
  /** 1 = first in its group. */
  position: number;
  /** In hundredths of a point: Σ weightHundredths × value, exact integer arithmetic. */
  score: number;
  tieKey: string;
  /** One per factor of the scheme, in the scheme's order. */
  values: number[];
}

export interface Contribution {
  factor: PriorityFactor;
  weight: number;
  value: number;
  /** In hundredths of a point; the contributions add up to the score exactly. */
  points: number;
}

/** One change of one factor value and the position it would give, all else equal. */
export interface PositionChange {
  factor: PriorityFactor;
  from: number;
  to: number;
  position: number;
}

export interface Explanation {
  position: number;
  score: number;
  contributions: Contribution[];
  /** Best position first. */
  changes: PositionChange[];
}

/**
 * The order before any scheme is active: first come, first served (waiting days, weight 1), with
 * this published seed for the tie-break. The README names it beside the algorithm.
 */
export const FIRST_COME_SCHEME: SchemeRules = { seed: 'vangnet-first-come-first-served', factors: [{ factor: PriorityFactor.WAITING_DAYS, weight: 1 }] };

/** A weight in hundredths of a point (weights have at most two decimals). */
export function weightHundredths(weight: number): number {
  return Math.round(weight * 100);
}

/** Has this number at most two decimals (so that hundredths are exact)? */
export function hasAtMostTwoDecimals(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

/** The published tie-break: the lower SHA-256 hex of "<seed>:<entry id>" goes first. */
export function tieKey(seed: string, id: string): string {
  const k = `${seed}:${id}`;
  let key = TIE_KEYS.get(k);
  if (key === undefined) {
    // A pure function of its input, kept for the next ranking of the same list (bounded).
    if (TIE_KEYS.size >= TIE_KEY_CACHE) TIE_KEYS.clear();
    key = hash('sha256', k, 'hex');
    TIE_KEYS.set(k, key);
  }
  return key;
}

const TIE_KEY_CACHE = 200_000;
const TIE_KEYS = new Map<string, string>();

/** Days since 1970-01-01 of a 'YYYY-MM-DD' the API already validated (no Date parsing per entry). */
function dayNumber(date: IsoDate): number {
  if (date === lastDate) return lastDay;
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
  // The ranking date repeats for every entry of a ranking.
  lastDate = date;
  lastDay = day;
  return day;
}

let lastDate = '';
let lastDay = 0;

export function factorValue(f: FactorWeight, facts: EntryFacts, on: IsoDate): number {
  switch (f.factor) {
    case PriorityFactor.WAITING_DAYS:
      return Math.max(0, dayNumber(on) - dayNumber(facts.waitingSince));
    case PriorityFactor.URGENCY:
      return facts.urgency;
    case PriorityFactor.HOUSEHOLD_WITH_CHILDREN:
      return facts.householdWithChildren ? 1 : 0;
    case PriorityFactor.DISCHARGE_FROM_INSTITUTION:
      return facts.dischargeFromInstitution ? 1 : 0;
    case PriorityFactor.ORIGIN_MUNICIPALITY:
      return facts.originMunicipality !== null && (f.municipalities ?? []).includes(facts.originMunicipality) ? 1 : 0;
    case PriorityFactor.NO_INTERIM_SUPPORT:
      return facts.interimSupport ? 0 : 1;
  }
}

export function factorValues(scheme: SchemeRules, facts: EntryFacts, on: IsoDate): number[] {
  return scheme.factors.map((f) => factorValue(f, facts, on));
}

export function scoreOf(scheme: SchemeRules, values: readonly number[]): number {
  let score = 0;
  scheme.factors.forEach((f, i) => (score += weightHundredths(f.weight) * values[i]));
  return score;
}

/** Higher score first; equal scores by the lower tie key; equal keys (never seen) by id. */
export function compareRanked(a: Pick<RankedEntry, 'score' | 'tieKey' | 'id'>, b: Pick<RankedEntry, 'score' | 'tieKey' | 'id'>): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.tieKey !== b.tieKey) return a.tieKey < b.tieKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every group ranked on `on`: each group's entries sorted, positions 1…n. */
export function rankAll(scheme: SchemeRules, items: readonly RankItem[], on: IsoDate): Map<string, RankedEntry[]> {
  const groups = new Map<string, RankedEntry[]>();
  for (const item of items) {
    const values = factorValues(scheme, item.facts, on);
    const entry: RankedEntry = { id: item.id, group: item.group, position: 0, score: scoreOf(scheme, values), tieKey: tieKey(scheme.seed, item.id), values };
    const list = groups.get(item.group);
    if (list) list.push(entry);
    else groups.set(item.group, [entry]);
  }
  for (const list of groups.values()) {
    list.sort(compareRanked);
    list.forEach((e, i) => (e.position = i + 1));
  }
  return groups;
}

/** Each factor's share of the score, in the scheme's order. */
export function contributions(scheme: SchemeRules, values: readonly number[]): Contribution[] {
  return scheme.factors.map((f, i) => ({ factor: f.factor, weight: f.weight, value: values[i], points: weightHundredths(f.weight) * values[i] }));
}

/**
 * The position `self` would have with another score, all other entries as they are: one plus
 * the number of others that would still rank before it. `ranked` is one group, sorted.
 */
export function positionWithScore(ranked: readonly RankedEntry[], self: RankedEntry, score: number): number {
  const probe = { score, tieKey: self.tieKey, id: self.id };
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRanked(ranked[mid], probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  // lo entries rank before the probe; self among them does not count.
  const selfBefore = self.position - 1 < lo ? 1 : 0;
  return lo - selfBefore + 1;
}

/**
 * Why an entry stands where it stands: its position, each factor's contribution (they add up to
 * the score), and for each factor the smallest change of its value that could move the entry,
 * with the position it would give. For WAITING_DAYS that is the days more it would take to
 * pass the entry directly ahead; for a bounded factor one step in the direction its weight
 * rewards. `ranked` is the entry's group, sorted (from rankAll).
 */
export function explain(scheme: SchemeRules, ranked: readonly RankedEntry[], self: RankedEntry): Explanation {
  const changes: PositionChange[] = [];
  scheme.factors.forEach((f, i) => {
    const w = weightHundredths(f.weight);
    if (w === 0) return;
    const from = self.values[i];
    const range = FACTOR_RANGE[f.factor];
    let to: number | undefined;
    if (range.max === undefined) {
      // Unbounded (waiting days): only a positive weight rewards more; pass the one ahead.
      if (w < 0 || self.position === 1) return;
      const ahead = ranked[self.position - 2];
      let steps = Math.max(1, Math.ceil((ahead.score - self.score) / w));
      if (compareRanked({ ...self, score: self.score + steps * w }, ahead) > 0) steps += 1;
      to = from + steps;
    } else if (w > 0 && from < range.max) {
      to = from + 1;
    } else if (w < 0 && from > range.min) {
      to = from - 1;
    }
    if (to === undefined) return;
    changes.push({ factor: f.factor, from, to, position: positionWithScore(ranked, self, self.score + (to - from) * w) });
  });
  const order = new Map(scheme.factors.map((f, i) => [f.factor, i]));
  changes.sort((a, b) => a.position - b.position || (order.get(a.factor) ?? 0) - (order.get(b.factor) ?? 0));
  return { position: self.position, score: self.score, contributions: contributions(scheme, self.values), changes };
}

export interface WhatIfMove {
  id: string;
  group: string;
  /** Under the scheme in force (null when none is). */
  from: number | null;
  to: number;
}

export interface WhatIfGroup {
  group: string;
  entries: number;
  up: number;
  down: number;
  same: number;
  /** The largest rise and fall in places (0 when none). */
  largestRise: number;
  largestFall: number;
}

/** How every entry would move if `candidate` applied on `on` instead of `current`. */
export function whatIf(current: SchemeRules | undefined, candidate: SchemeRules, items: readonly RankItem[], on: IsoDate): { moves: WhatIfMove[]; groups: WhatIfGroup[] } {
  const before = current ? rankAll(current, items, on) : undefined;
  const after = rankAll(candidate, items, on);
  const positionBefore = new Map<string, number>();
  for (const list of before?.values() ?? []) for (const e of list) positionBefore.set(e.id, e.position);
  const moves: WhatIfMove[] = [];
  const groups: WhatIfGroup[] = [];
  for (const [group, list] of [...after.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const g: WhatIfGroup = { group, entries: list.length, up: 0, down: 0, same: 0, largestRise: 0, largestFall: 0 };
    for (const e of list) {
      const from = positionBefore.get(e.id) ?? null;
      moves.push({ id: e.id, group, from, to: e.position });
      if (from === null || from === e.position) g.same++;
      else if (e.position < from) {
        g.up++;
        g.largestRise = Math.max(g.largestRise, from - e.position);
      } else {
        g.down++;
        g.largestFall = Math.max(g.largestFall, e.position - from);
      }
    }
    groups.push(g);
  }
  return { moves, groups };
}
