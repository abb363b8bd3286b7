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

/**
 * What a task asks, as a stable code with its values, so a client words it in its own language
 * (the stored `title` is English). One code per wording.
 */
export enum TaskTitleCode {
  /** Answer provider {providerAgb}'s request for an assignment ({providerReference}). */
  ANSWER_ASSIGNMENT_REQUEST = 'ANSWER_ASSIGNMENT_REQUEST',
  /** Answer provider {providerAgb}'s request to change assignment {assignmentNumber} ({providerReference}). */
  ANSWER_CHANGE_REQUEST = 'ANSWER_CHANGE_REQUEST',
  /** Change the support from intramural to ambulant: a lease of their own from {leaseStart}. */
  CHANGE_TO_AMBULANT = 'CHANGE_TO_AMBULANT',
}

export interface TaskTitle {
  code: TaskTitleCode;
  params: Record<string, string | number>;
}

/** The task's title as a code and values: from its kind, and for a provider's request from the request it answers. */
export function taskTitleOf(
  task: { kind: TaskKind; dueDate: IsoDate | null },
  request: { kind: string; providerAgb: string; providerReference: string; assignmentNumber: number | null } | undefined,
): TaskTitle {
  switch (task.kind) {
    case TaskKind.ASSIGNMENT_REQUEST: {
      if (!request) throw new Error('invariant broken: a request task without its request');
      const params: Record<string, string | number> = { providerAgb: request.providerAgb, providerReference: request.providerReference };
      if (request.kind === 'CHANGE') return { code: TaskTitleCode.ANSWER_CHANGE_REQUEST, params: { ...params, assignmentNumber: request.assignmentNumber ?? '' } };
      return { code: TaskTitleCode.ANSWER_ASSIGNMENT_REQUEST, params };
    }
    case TaskKind.CHANGE_TO_AMBULANT:
      // The task is due on the lease's first day.
      return { code: TaskTitleCode.CHANGE_TO_AMBULANT, params: { leaseStart: task.dueDate ?? '' } };
  }
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
