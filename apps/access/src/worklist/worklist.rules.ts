import { addWorkingDays, AssignmentRequestOutcome, InvalidParam, IsoDate } from '@vangnet/contracts';

export enum TaskKind {
  /** Answer a provider's request (315/317) within 5 working days. */
  ASSIGNMENT_REQUEST = 'ASSIGNMENT_REQUEST',
  /** The resident signed a lease of their own: change the support from intramural to ambulant. */
  CHANGE_TO_AMBULANT = 'CHANGE_TO_AMBULANT',
}

export enum TaskStatus {
  OPEN = 'OPEN',
  /** A request answered "under investigation": the final answer is still due. */
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  CLOSED = 'CLOSED',
}

export enum TaskOutcome {
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  /** The support was changed (or another task done). */
  DONE = 'DONE',
  NOT_NEEDED = 'NOT_NEEDED',
}

const OUTCOMES_OF: Record<TaskKind, readonly TaskOutcome[]> = {
  [TaskKind.ASSIGNMENT_REQUEST]: [TaskOutcome.GRANTED, TaskOutcome.REJECTED, TaskOutcome.UNDER_INVESTIGATION],
  [TaskKind.CHANGE_TO_AMBULANT]: [TaskOutcome.DONE, TaskOutcome.NOT_NEEDED],
};

/**
 * The answer term of a provider's request: 5 working days from receipt (iWmo/iJw 3.2, the
 * standard's term for a 316/319 answer to a 315/317; not a statutory term, so the calendar's plain
 * working days, without the Algemene termijnenwet's extensions).
 */
export function answerDue(receivedOn: IsoDate): IsoDate {
  return addWorkingDays(receivedOn, 5);
}

/** What a closing of a task must carry, by its kind and outcome; each problem names its field. */
export function closeProblems(
  kind: TaskKind,
  status: TaskStatus,
  c: { outcome: TaskOutcome; rejectionReason?: string; lineageIds?: readonly string[] },
): InvalidParam[] {
  const out: InvalidParam[] = [];
  const add = (name: string, code: string, reason: string) => out.push({ name, code, reason });
  if (!OUTCOMES_OF[kind].includes(c.outcome)) add('outcome', 'OUTCOME_NOT_FOR_TASK', `a ${kind} task closes with ${OUTCOMES_OF[kind].join(', ')}`);
  if (c.outcome === TaskOutcome.REJECTED && !c.rejectionReason) add('rejectionReason', 'REQUIRED', 'a rejection names its WJ759 reason');
  if (c.outcome !== TaskOutcome.REJECTED && c.rejectionReason) add('rejectionReason', 'NOT_ALLOWED', 'only a rejection has a reason');
  if (c.outcome === TaskOutcome.GRANTED && !c.lineageIds?.length) add('lineageIds', 'REQUIRED', 'a grant names the lineages decided for the request');
  if (c.outcome !== TaskOutcome.GRANTED && c.lineageIds?.length) add('lineageIds', 'NOT_ALLOWED', 'only a grant names lineages');
  if (c.outcome === TaskOutcome.UNDER_INVESTIGATION && status === TaskStatus.UNDER_INVESTIGATION) {
    add('outcome', 'ALREADY_UNDER_INVESTIGATION', 'the request was answered under investigation already; give the final answer');
  }
  return out;
}

/** The request's answer as the event names it (the task outcome of a request is one of the three). */
export function requestOutcomeOf(outcome: TaskOutcome): AssignmentRequestOutcome {
  switch (outcome) {
    case TaskOutcome.GRANTED:
      return AssignmentRequestOutcome.GRANTED;
    case TaskOutcome.REJECTED:
      return AssignmentRequestOutcome.REJECTED;
    case TaskOutcome.UNDER_INVESTIGATION:
      return AssignmentRequestOutcome.UNDER_INVESTIGATION;
    default:
      throw new Error(`invariant broken: ${outcome} is no answer to a request`);
  }
}
