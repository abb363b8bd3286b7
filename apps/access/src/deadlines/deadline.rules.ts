import { addDays, DeadlineKind, inclusiveDays, IsoDate, Law, maxDate, minDate, statutoryTermEnd } from '@vangnet/contracts';

/**
 * Statutory terms (DOMAIN.md "Statutory terms"). Calendar terms counted in days from the day they
 * count from; a term that ends on a Saturday, Sunday or a day equated with a public holiday
 * (Algemene termijnenwet art. 3: lid 1 holidays, lid 2 Good Friday, lid 3 days decreed) ends on
 * the next day that is none of these (Atw art. 1). Pure functions: no clock, no I/O; the decreed
 * days come in as the `Calendar` access keeps.
 */
export const TERM_DAYS = {
  /** Wmo 2015 art. 2.3.2 lid 1: the investigation within 6 weeks of the registration (Wmo only). */
  investigation: 42,
  /** Wmo 2015 art. 2.3.5 lid 1: the decision within 2 weeks of the application. */
  decisionWmo: 14,
  /** Awb 4:13 lid 2 (the Jeugdwet sets no term): a reasonable term, at most 8 weeks. */
  decisionJeugdwet: 56,
  /** Awb 6:7: 6 weeks to object, from the day after the decision was sent or handed over (Awb 6:8 lid 1). */
  objection: 42,
  /** Awb 7:10 lid 1: the decision on an objection within 6 weeks. */
  objectionDecision: 42,
  /** Awb 7:10 lid 1: twelve weeks when an advisory committee (art. 7:13) hears the objection. */
  objectionDecisionWithCommittee: 84,
} as const;

/** The days equated by Royal Decree (Atw art. 3 lid 3) and the version of the table they came from. */
export interface Calendar {
  version: number;
  decreedDays: ReadonlySet<IsoDate>;
}

/** What a deadline is computed from (stored on it, so a newly decreed day can recompute it). */
export interface Term {
  /** The day the term counts from: it ends `termDays` later (the day itself does not count). */
  countsFrom: IsoDate;
  termDays: number;
  /** Awb 4:15: days the decision term stood still. */
  suspendedDays?: number;
  /** Awb 4:14 lid 3: the days an extension notice added. */
  extensionDays?: number;
}

/** The due date of a term set by law: its nominal end moved by suspension and extension, then Atw art. 1. */
export function dueDateOf(term: Term, calendar: Calendar): IsoDate {
  return statutoryTermEnd(addDays(term.countsFrom, term.termDays + (term.suspendedDays ?? 0) + (term.extensionDays ?? 0)), calendar.decreedDays);
}

/** The nominal end before Atw art. 1 (what an extension counts its days from). */
export function nominalEndOf(term: Term): IsoDate {
  return addDays(term.countsFrom, term.termDays + (term.suspendedDays ?? 0) + (term.extensionDays ?? 0));
}

export interface DateRange {
  start: IsoDate;
  /** Inclusive; absent while the range is still open. An end the day before the start is an empty range. */
  end?: IsoDate | null;
}

/**
 * Days a term is suspended (Awb 4:15): the union of the closed suspensions, each counted
 * inclusively, so overlapping requests for information do not count twice. Empty ranges (the
 * information came the day after the request) count nothing.
 */
export function suspendedDays(suspensions: readonly DateRange[]): number {
  const closed = suspensions
    .filter((s): s is { start: IsoDate; end: IsoDate } => !!s.end && s.end >= s.start)
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

/** A request for information (Awb 4:5) that suspends the decision term (Awb 4:15 lid 1 a). */
export interface InformationRequest {
  requestedOn: IsoDate;
  /** The reply deadline the municipality set. */
  replyDeadline: IsoDate;
  /** The day the information came, if it did. */
  receivedOn?: IsoDate | null;
}

export type SuspensionState = 'WAITING' | 'INFORMATION_RECEIVED' | 'REPLY_DEADLINE_PASSED';

/**
 * Awb 4:15 lid 1 a: the term is suspended from the day after the request up to the day the
 * information comes (that day the term runs again), or until the reply deadline passes unanswered
 * (then through the deadline itself). While the municipality still waits, the range runs to the
 * reply deadline: the latest the suspension can end, so the due date shown is the latest it can be.
 */
export function suspensionRange(r: InformationRequest): { start: IsoDate; end: IsoDate } {
  const start = addDays(r.requestedOn, 1);
  const end = r.receivedOn && r.receivedOn <= r.replyDeadline ? addDays(r.receivedOn, -1) : r.replyDeadline;
  return { start, end };
}

/** Where a suspension stands today: a suspension whose reply deadline passed unanswered ended by itself. */
export function suspensionState(r: InformationRequest, today: IsoDate): SuspensionState {
  if (r.receivedOn && r.receivedOn <= r.replyDeadline) return 'INFORMATION_RECEIVED';
  return today > r.replyDeadline ? 'REPLY_DEADLINE_PASSED' : 'WAITING';
}

export function suspendedDaysOf(requests: readonly InformationRequest[]): number {
  return suspendedDays(requests.map(suspensionRange));
}

/** Wmo 2015 art. 2.3.2 lid 1: 6 weeks from the registration; a Jeugdwet case has no investigation term. */
export function investigationTerm(law: Law, receivedAt: IsoDate): Term | undefined {
  return law === Law.WMO ? { countsFrom: receivedAt, termDays: TERM_DAYS.investigation } : undefined;
}

export function investigationDue(receivedAt: IsoDate, calendar: Calendar): IsoDate {
  return dueDateOf({ countsFrom: receivedAt, termDays: TERM_DAYS.investigation }, calendar);
}

export function decisionTermDays(law: Law): number {
  return law === Law.JEUGDWET ? TERM_DAYS.decisionJeugdwet : TERM_DAYS.decisionWmo;
}

/** Wmo 2 weeks (art. 2.3.5), Jeugdwet 8 weeks (Awb 4:13) after the application, moved by suspensions (Awb 4:15) and an extension (Awb 4:14). */
export function decisionTerm(receivedAt: IsoDate, law: Law, requests: readonly InformationRequest[] = [], extensionDays = 0): Term {
  return { countsFrom: receivedAt, termDays: decisionTermDays(law), suspendedDays: suspendedDaysOf(requests), extensionDays };
}

export function decisionDue(receivedAt: IsoDate, law: Law, calendar: Calendar, requests: readonly InformationRequest[] = [], extensionDays = 0): IsoDate {
  return dueDateOf(decisionTerm(receivedAt, law, requests, extensionDays), calendar);
}

/**
 * Awb 4:14 lid 3: a notice that the decision will come later names a new date; it must be given
 * before the term ends, and once. The extension is kept as days past the current nominal end, so a
 * later suspension or a newly decreed day moves it as it moves the rest of the term.
 */
export function extensionDaysFor(current: Term, newDueDate: IsoDate): number {
  return inclusiveDays(nominalEndOf(current), newDueDate) - 1;
}

/** The term to object (Awb 6:7, 6:8 lid 1): 6 weeks counted from the day after the decision was sent. */
export function objectionTerm(sentAt: IsoDate): Term {
  return { countsFrom: sentAt, termDays: TERM_DAYS.objection };
}

export function objectionTermEnd(sentAt: IsoDate, calendar: Calendar): IsoDate {
  return dueDateOf(objectionTerm(sentAt), calendar);
}

/** Whether an objection received on `receivedAt` is within the term that ends on `termEndDate`. */
export function isObjectionTimely(receivedAt: IsoDate, termEndDate: IsoDate): boolean {
  return receivedAt <= termEndDate;
}

/**
 * The decision on an objection (Awb 7:10 lid 1): 6 weeks (12 with an advisory committee) counted
 * from the day after the objection term ended; for a late objection, from its receipt.
 */
export function objectionDecisionTerm(termEndDate: IsoDate, receivedAt: IsoDate, advisoryCommittee: boolean): Term {
  return { countsFrom: maxDate(termEndDate, receivedAt), termDays: advisoryCommittee ? TERM_DAYS.objectionDecisionWithCommittee : TERM_DAYS.objectionDecision };
}

export function objectionDecisionDue(termEndDate: IsoDate, receivedAt: IsoDate, advisoryCommittee: boolean, calendar: Calendar): IsoDate {
  return dueDateOf(objectionDecisionTerm(termEndDate, receivedAt, advisoryCommittee), calendar);
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
