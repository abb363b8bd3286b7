import { addDays, DeadlineKind, inclusiveDays, IsoDate, Law, maxDate, minDate, nextWorkingDay } from '@vangnet/contracts';

/**
 * Statutory terms (DOMAIN.md "Statutory terms"; Algemene termijnenwet art. 1 and 3). Calendar
 * terms in weeks; a term that ends on a Saturday, Sunday or recognised public holiday ends on the
 * next working day. Pure functions: no clock, no I/O.
 */
export const TERM_WEEKS = {
  investigation: 6,
  decisionWmo: 2,
  decisionJeugdwet: 8,
  objection: 6,
  objectionDecision: 6,
  /** Awb 7:10: twelve weeks when an advisory committee (art. 7:13) hears the objection. */
  objectionDecisionWithCommittee: 12,
} as const;

export interface DateRange {
  start: IsoDate;
  /** Inclusive; absent while the range is still open. */
  end?: IsoDate | null;
}

/**
 * Days a term is suspended (Awb 4:15): the union of the closed suspensions, each counted
 * inclusively, so overlapping requests for information do not count twice.
 */
export function suspendedDays(suspensions: readonly DateRange[]): number {
  const closed = suspensions
    .filter((s): s is { start: IsoDate; end: IsoDate } => !!s.end)
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let total = 0;
  let current: { start: IsoDate; end: IsoDate } | undefined;
  for (const s of closed) {
    if (current && s.start <= addDays(current.end, 1)) {
      current.end = maxDate(current.end, s.end);
    } else {
      if (current) total += inclusiveDays(current.start, current.end);
      current = { ...s };
    }
  }
  if (current) total += inclusiveDays(current.start, current.end);
  return total;
}

/**
 * The last day of a term of `weeks` weeks that starts on `from` (the registration, application
 * or decision date), extended by `extraDays` of suspension, then moved to the next working day.
 */
export function termEnd(from: IsoDate, weeks: number, extraDays = 0): IsoDate {
  return nextWorkingDay(addDays(from, weeks * 7 + extraDays));
}

export function investigationDue(receivedAt: IsoDate): IsoDate {
  return termEnd(receivedAt, TERM_WEEKS.investigation);
}

export function decisionTermWeeks(law: Law): number {
  return law === Law.JEUGDWET ? TERM_WEEKS.decisionJeugdwet : TERM_WEEKS.decisionWmo;
}

/** Wmo 2 weeks, Jeugdwet 8 weeks after the application, moved by the suspensions' length. */
export function decisionDue(receivedAt: IsoDate, law: Law, suspensions: readonly DateRange[] = []): IsoDate {
  return termEnd(receivedAt, decisionTermWeeks(law), suspendedDays(suspensions));
}

/** The term to object: 6 weeks after the decision (Awb 6:7, 6:8). */
export function objectionTermEnd(decidedAt: IsoDate): IsoDate {
  return termEnd(decidedAt, TERM_WEEKS.objection);
}

/** Whether an objection received on `receivedAt` is within the term that ends on `termEndDate`. */
export function isObjectionTimely(receivedAt: IsoDate, termEndDate: IsoDate): boolean {
  return receivedAt <= termEndDate;
}

/**
 * The decision on an objection (Awb 7:10): 6 weeks (12 with an advisory committee) counted from
 * the day after the objection term ended; for a late objection, from its receipt.
 */
export function objectionDecisionDue(termEndDate: IsoDate, receivedAt: IsoDate, advisoryCommittee: boolean): IsoDate {
  const weeks = advisoryCommittee ? TERM_WEEKS.objectionDecisionWithCommittee : TERM_WEEKS.objectionDecision;
  return termEnd(maxDate(termEndDate, receivedAt), weeks);
}

/** Deadlines the municipality can breach (the objection term is the resident's, it only lapses). */
export const BREACHABLE_KINDS: readonly DeadlineKind[] = [DeadlineKind.INVESTIGATION, DeadlineKind.DECISION, DeadlineKind.OBJECTION_DECISION];

export function isBreachable(kind: DeadlineKind): boolean {
  return BREACHABLE_KINDS.includes(kind);
}

/** A deadline is breached on the first day after its due date on which it is still not met. */
export function isBreached(dueDate: IsoDate, today: IsoDate): boolean {
  return today > dueDate;
}

export type WorklistState = 'DUE_SOON' | 'BREACHED';

/** Where an open deadline stands today: breached, due within `withinDays`, or not on the list. */
export function worklistState(dueDate: IsoDate, today: IsoDate, withinDays: number): WorklistState | undefined {
  if (isBreached(dueDate, today)) return 'BREACHED';
  if (dueDate <= addDays(today, withinDays)) return 'DUE_SOON';
  return undefined;
}

/** Days left until the due date (negative once breached). */
export function daysLeft(dueDate: IsoDate, today: IsoDate): number {
  const [a, b] = [minDate(dueDate, today), maxDate(dueDate, today)];
  const n = inclusiveDays(a, b) - 1;
  return dueDate >= today ? n : -n;
}
