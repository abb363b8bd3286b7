import { AssignmentRequestOutcome } from '@vangnet/contracts';
import { answerDue, closeProblems, requestOutcomeOf, TaskKind, TaskOutcome, TaskStatus, TaskTitleCode, taskTitleOf } from './worklist.rules';

const codes = (kind: TaskKind, status: TaskStatus, c: Parameters<typeof closeProblems>[2]) => closeProblems(kind, status, c).map((p) => `${p.name} ${p.code}`);
const LINEAGE = '10000000-0000-4000-8000-000000000001';

describe(answerDue.name, () => {
  it.each([
    ['a Monday: the Monday after', '2026-11-23', '2026-11-30'],
    ['a Friday: the Friday after', '2026-11-20', '2026-11-27'],
    ['over Christmas (Friday) and the weekend after', '2026-12-21', '2026-12-29'],
    ['over King’s Day', '2027-04-23', '2027-05-03'],
  ])('should give 5 working days from %s', (_, receivedOn, due) => {
    expect(answerDue(receivedOn)).toBe(due);
  });
});

describe(closeProblems.name, () => {
  it('should accept each complete answer to a request', () => {
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.OPEN, { outcome: TaskOutcome.GRANTED, lineageIds: [LINEAGE] })).toEqual([]);
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.OPEN, { outcome: TaskOutcome.REJECTED, rejectionReason: 'NO_CONTRACT' })).toEqual([]);
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.OPEN, { outcome: TaskOutcome.UNDER_INVESTIGATION })).toEqual([]);
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.UNDER_INVESTIGATION, { outcome: TaskOutcome.REJECTED, rejectionReason: 'NO_CONTRACT' })).toEqual([]);
  });

  it.each([
    ['a grant without lineages', { outcome: TaskOutcome.GRANTED }, ['lineageIds REQUIRED']],
    ['a rejection without its reason', { outcome: TaskOutcome.REJECTED }, ['rejectionReason REQUIRED']],
    ['a reason on a grant', { outcome: TaskOutcome.GRANTED, lineageIds: [LINEAGE], rejectionReason: 'NO_CONTRACT' }, ['rejectionReason NOT_ALLOWED']],
    ['lineages on a rejection', { outcome: TaskOutcome.REJECTED, rejectionReason: 'NO_CONTRACT', lineageIds: [LINEAGE] }, ['lineageIds NOT_ALLOWED']],
    ['an outcome of another kind of task', { outcome: TaskOutcome.DONE }, ['outcome OUTCOME_NOT_FOR_TASK']],
  ])('should refuse %s, naming the field', (_, c, expected) => {
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.OPEN, c)).toEqual(expected);
  });

  it('should allow "under investigation" once, and only answers of its kind for a lease task', () => {
    expect(codes(TaskKind.ASSIGNMENT_REQUEST, TaskStatus.UNDER_INVESTIGATION, { outcome: TaskOutcome.UNDER_INVESTIGATION })).toEqual(['outcome ALREADY_UNDER_INVESTIGATION']);
    expect(codes(TaskKind.CHANGE_TO_AMBULANT, TaskStatus.OPEN, { outcome: TaskOutcome.DONE })).toEqual([]);
    expect(codes(TaskKind.CHANGE_TO_AMBULANT, TaskStatus.OPEN, { outcome: TaskOutcome.GRANTED, lineageIds: [LINEAGE] })).toEqual(['outcome OUTCOME_NOT_FOR_TASK']);
  });
});

describe(requestOutcomeOf.name, () => {
  it('should map the three answers and nothing else', () => {
    expect([TaskOutcome.GRANTED, TaskOutcome.REJECTED, TaskOutcome.UNDER_INVESTIGATION].map(requestOutcomeOf)).toEqual([
      AssignmentRequestOutcome.GRANTED,
      AssignmentRequestOutcome.REJECTED,
      AssignmentRequestOutcome.UNDER_INVESTIGATION,
    ]);
    expect(() => requestOutcomeOf(TaskOutcome.DONE)).toThrow(/no answer/);
  });
});

describe(taskTitleOf.name, () => {
  const request = { providerAgb: '98000004', providerReference: 'DEMO-315-0001', assignmentNumber: null };

  it('should give each wording its own code with the values it names, for a client to word in its language', () => {
    expect(taskTitleOf({ kind: TaskKind.ASSIGNMENT_REQUEST, dueDate: '2026-11-30' }, { ...request, kind: 'NEW' })).toEqual({
      code: TaskTitleCode.ANSWER_ASSIGNMENT_REQUEST,
      params: { providerAgb: '98000004', providerReference: 'DEMO-315-0001' },
    });
    expect(taskTitleOf({ kind: TaskKind.ASSIGNMENT_REQUEST, dueDate: '2026-11-30' }, { ...request, kind: 'CHANGE', assignmentNumber: 1234 })).toEqual({
      code: TaskTitleCode.ANSWER_CHANGE_REQUEST,
      params: { providerAgb: '98000004', providerReference: 'DEMO-315-0001', assignmentNumber: 1234 },
    });
    expect(taskTitleOf({ kind: TaskKind.CHANGE_TO_AMBULANT, dueDate: '2027-01-01' }, undefined)).toEqual({ code: TaskTitleCode.CHANGE_TO_AMBULANT, params: { leaseStart: '2027-01-01' } });
  });

  it('should refuse a request task without its request (the foreign key keeps them together)', () => {
    expect(() => taskTitleOf({ kind: TaskKind.ASSIGNMENT_REQUEST, dueDate: null }, undefined)).toThrow(/invariant/);
  });
});
