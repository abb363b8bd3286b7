import { IsoDate } from '@vangnet/contracts';

export type GoalStatus = 'ACTIVE' | 'ACHIEVED' | 'STOPPED';
export type ActionStatus = 'OPEN' | 'DONE' | 'CANCELLED';
export type ScoreSource = 'BASELINE' | 'REVIEW';

export interface Scale {
  scaleMin: number;
  scaleMax: number;
}

/** Why a score does not fit the domain's scale (undefined: it fits). */
export function scoreProblem(score: number, scale: Scale, label: string): string | undefined {
  if (score < scale.scaleMin || score > scale.scaleMax) return `${score} lies outside the scale of ${label} (${scale.scaleMin}–${scale.scaleMax})`;
  return undefined;
}

export interface GoalTarget {
  baselineScore: number;
  targetScore: number;
}

/**
 * Is the target met by this score? A goal towards a higher score is met at or above its target; a
 * goal to bring a score down (a scale where less is better) at or below it.
 */
export function targetMet(goal: GoalTarget, score: number): boolean {
  return goal.targetScore >= goal.baselineScore ? score >= goal.targetScore : score <= goal.targetScore;
}

export interface ReviewScore {
  domainCode: string;
  personId: string | null;
  score: number;
}

export interface OpenGoal extends GoalTarget {
  id: string;
  domainCode: string;
  personId: string | null;
  status: GoalStatus;
}

/**
 * The goals a review achieves: active goals whose domain (for the same member, or the household)
 * was re-measured at or past the target.
 */
export function achievedBy(goals: readonly OpenGoal[], scores: readonly ReviewScore[]): string[] {
  return goals
    .filter((g) => g.status === 'ACTIVE')
    .filter((g) => scores.some((s) => s.domainCode === g.domainCode && (s.personId ?? null) === (g.personId ?? null) && targetMet(g, s.score)))
    .map((g) => g.id);
}

export interface ScorePoint {
  domainCode: string;
  personId: string | null;
  score: number;
  measuredOn: IsoDate;
  source: ScoreSource;
}

export interface DomainHistory {
  domain: string;
  personId: string | null;
  history: Array<{ on: IsoDate; score: number; source: ScoreSource }>;
}

/** Each domain's (and member's) scores in date order: the plan's score history. */
export function scoreHistory(points: readonly ScorePoint[], order: readonly string[] = []): DomainHistory[] {
  const groups = new Map<string, DomainHistory>();
  for (const p of points) {
    const key = `${p.domainCode}|${p.personId ?? ''}`;
    const g = groups.get(key) ?? { domain: p.domainCode, personId: p.personId, history: [] };
    g.history.push({ on: p.measuredOn, score: p.score, source: p.source });
    groups.set(key, g);
  }
  const rank = (d: string) => {
    const i = order.indexOf(d);
    return i < 0 ? order.length : i;
  };
  return [...groups.values()]
    .map((g) => ({ ...g, history: [...g.history].sort((a, b) => a.on.localeCompare(b.on) || (a.source === b.source ? 0 : a.source === 'BASELINE' ? -1 : 1)) }))
    .sort((a, b) => rank(a.domain) - rank(b.domain) || a.domain.localeCompare(b.domain) || (a.personId ?? '').localeCompare(b.personId ?? ''));
}
