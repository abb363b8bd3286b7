import { DebitCredit, Unit } from '@vangnet/contracts';
import { aLine as aFactLine, aVersion as aFact, PROVIDER_AGB } from '../../test/support/facts';
import { ProvisionVersionFacts } from '../commitments/commitments.rules';
import { DeclarationLineInput, PriorUse } from './assessment.rules';
import {
  answerOf,
  assessDeclaration,
  assessedEventOf,
  headerProblems,
  INLINE_LINES,
  planDeclaration,
  refusalEventOf,
  rejectedLinesOf,
  rejectedObjectNameOf,
  resolveAssignments,
  totalProblem,
} from './declarations.rules';
import { LineReason } from './reason-codes';

const PROVIDER = PROVIDER_AGB;
const A = '00000000-0000-4000-8000-00000000000a';
const A2 = '00000000-0000-4000-8000-0000000000a2';
const B = '00000000-0000-4000-8000-00000000000b';

const aVersion = (o: Partial<ProvisionVersionFacts> = {}) => aFact({ provisionId: A, lineageId: A, personId: '00000000-0000-4000-8000-0000000000f1', ...o });
const aLine = (o: Partial<DeclarationLineInput> = {}) => aFactLine({ provisionId: A, ...o });

const nothingBefore = (): PriorUse => ({ volume: new Map(), money: new Map(), delivered: new Set(), references: new Set(), debits: new Map(), credited: new Set() });
const header = { municipality: 'GM0546', declarationNumber: 'D-1', period: { start: '2026-05-01', end: '2026-05-31' } };
const receipt = { id: '00000000-0000-4000-8000-0000000000d1', providerAgb: PROVIDER, receivedOn: '2026-06-15', receivedAt: new Date('2026-06-15T10:00:00Z'), submittedBy: 'user-1' };

describe(headerProblems.name, () => {
  it('should accept one started calendar month for the caller’s own AGB', () => {
    expect(headerProblems({ ...header, providerAgb: PROVIDER }, PROVIDER, '2026-06-15')).toEqual([]);
  });

  it('should name another AGB, a period that is not one calendar month, and one that has not started', () => {
    expect(headerProblems({ ...header, providerAgb: '98000002' }, PROVIDER, '2026-06-15').map((p) => [p.name, p.code])).toEqual([['providerAgb', 'NOT_YOUR_AGB']]);
    expect(headerProblems({ ...header, period: { start: '2026-05-02', end: '2026-05-31' } }, PROVIDER, '2026-06-15').map((p) => [p.name, p.code])).toEqual([['period', 'NOT_A_CALENDAR_MONTH']]);
    expect(headerProblems({ ...header, period: { start: '2026-07-01', end: '2026-07-31' } }, PROVIDER, '2026-06-15').map((p) => [p.name, p.code])).toEqual([['period.start', 'PERIOD_IN_FUTURE']]);
    expect(headerProblems({ ...header, period: { start: '2026-05-01' } }, PROVIDER, '2026-06-15').map((p) => [p.name, p.code])).toEqual([['period.end', 'REQUIRED']]);
  });
});

describe(totalProblem.name, () => {
  it('should compare the stated total with debits minus credits', () => {
    const lines = [aLine(), aLine({ debitCredit: DebitCredit.CREDIT, amountCents: 5_000 })];
    expect(totalProblem(lines, undefined)).toBeUndefined();
    expect(totalProblem(lines, 60_000)).toBeUndefined();
    expect(totalProblem(lines, 70_000)).toMatchObject({ name: 'totalCents', code: 'TOTAL_MISMATCH' });
  });
});

describe(resolveAssignments.name, () => {
  it('should group the versions into lineages and resolve any version’s id to its lineage', () => {
    const v2 = aVersion({ provisionId: A2, version: 2, validFrom: '2026-04-01' });
    const sut = resolveAssignments(PROVIDER, [aLine({ provisionId: A2 })], [aVersion(), v2], new Map([[A, '2026-09-30']]));
    expect(sut.unknown).toEqual([]);
    expect(sut.lineageOf.get(A2)).toBe(A);
    expect(sut.lineageIds).toEqual([A]);
    expect(sut.lineages.get(A)).toMatchObject({ endDate: '2026-09-30', versions: [expect.objectContaining({ version: 1 }), expect.objectContaining({ version: 2 })] });
  });

  it('should name every line whose provision is unknown or another provider’s', () => {
    const theirs = aVersion({ provisionId: B, lineageId: B, providerAgb: '98000002' });
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    const sut = resolveAssignments(PROVIDER, [aLine(), aLine({ provisionId: B }), aLine({ provisionId: unknown })], [aVersion(), theirs], new Map());
    expect(sut.unknown.map((p) => [p.name, p.code])).toEqual([
      ['lines[1].provisionId', 'UNKNOWN_PROVISION'],
      ['lines[2].provisionId', 'UNKNOWN_PROVISION'],
    ]);
  });
});

describe(assessDeclaration.name, () => {
  const ctx = () => {
    const r = resolveAssignments(PROVIDER, [aLine()], [aVersion()], new Map());
    return { providerAgb: PROVIDER, municipality: 'GM0546', declarationMonth: '2026-05-01', lineages: r.lineages, lineageOf: r.lineageOf };
  };

  it('should note the tariffs it lacks, asking for the first day of that year the provision runs', () => {
    const sut = assessDeclaration([aLine()], ctx(), nothingBefore(), () => undefined);
    expect(sut.outcomes[0].reasons).toEqual([LineReason.NO_CONTRACT_TARIFF]);
    expect(sut.needs).toEqual([{ key: { providerAgb: PROVIDER, municipality: 'GM0546', category: '02', code: '02A01', year: 2026, contractId: null }, date: '2026-01-01' }]);
  });

  it('should leave the prior use as it was, so a second pass starts from the same', () => {
    const prior = nothingBefore();
    const first = assessDeclaration([aLine()], ctx(), prior, () => ({ tariffCents: 6500, unit: Unit.HOUR }));
    const second = assessDeclaration([aLine()], ctx(), prior, () => ({ tariffCents: 6500, unit: Unit.HOUR }));
    expect(prior.delivered.size).toBe(0);
    expect([first.outcomes[0].approved, second.outcomes[0].approved]).toEqual([true, true]);
    expect(first.needs).toEqual([]);
  });
});

describe(planDeclaration.name, () => {
  const plan = () => {
    const leiderdorps = aVersion({ provisionId: B, lineageId: B, responsibleMunicipality: 'GM0547', personPseudonym: 'cd'.repeat(32) });
    const lines = [
      aLine(),
      aLine({ lineNo: 2, reference: 'R-2', provisionId: B }),
      aLine({ lineNo: 3, reference: 'R-3', provisionId: B, periodStart: '2026-04-01', periodEnd: '2026-04-30', amountCents: 1 }),
      aLine({ lineNo: 4, reference: 'R-4', provisionId: B, periodStart: '2026-03-01', periodEnd: '2026-03-31', amountCents: 2 }),
    ];
    const r = resolveAssignments(PROVIDER, lines, [aVersion(), leiderdorps], new Map());
    const { outcomes } = assessDeclaration(lines, { providerAgb: PROVIDER, municipality: 'GM0546', declarationMonth: '2026-05-01', lineages: r.lineages, lineageOf: r.lineageOf }, nothingBefore(), () => ({ tariffCents: 6500, unit: Unit.HOUR }));
    return planDeclaration(receipt, header, lines, outcomes);
  };

  it('should total the declaration and store every line with its outcome', () => {
    const sut = plan();
    expect(sut.record).toMatchObject({
      id: receipt.id,
      status: 'ASSESSED',
      receivedOn: '2026-06-15',
      dueDate: '2026-06-29',
      lineCount: 4,
      approvedCount: 2,
      rejectedCount: 2,
      submittedDebitCents: 130_003,
      approvedDebitCents: 130_000,
      approvedCreditCents: 0,
    });
    expect(sut.lines).toHaveLength(4);
    expect(sut.lines.map((l) => [l.lineNo, l.approved, l.responsibleMunicipality])).toEqual([
      [1, true, 'GM0546'],
      [2, true, 'GM0547'],
      [3, false, 'GM0547'],
      [4, false, 'GM0547'],
    ]);
    expect(sut.rejections).toEqual([{ code: LineReason.AMOUNT_MISMATCH, retourCode: '9346', lines: 2 }]);
  });

  it('should report spend and mark budgets per responsible municipality and year, and log each resident once', () => {
    const sut = plan();
    expect(sut.spend).toEqual([
      { providerAgb: PROVIDER, municipality: 'GM0546', year: 2026, deltaCents: 65_000 },
      { providerAgb: PROVIDER, municipality: 'GM0547', year: 2026, deltaCents: 65_000 },
    ]);
    expect(sut.budgetKeys).toEqual([
      { municipality: 'GM0546', year: 2026 },
      { municipality: 'GM0547', year: 2026 },
    ]);
    expect(sut.residents).toEqual([
      { pseudonym: 'ab'.repeat(32), municipality: 'GM0546' },
      { pseudonym: 'cd'.repeat(32), municipality: 'GM0547' },
    ]);
  });

  it('should answer every line inline up to the limit, and none beyond it', () => {
    const sut = plan();
    expect(answerOf(sut).lines).toHaveLength(4);
    const many = { ...sut, lines: Array.from({ length: INLINE_LINES + 1 }, () => sut.lines[0]) };
    expect(answerOf(many).lines).toBeUndefined();
    expect(answerOf(sut).totals).toMatchObject({ lines: 4, submittedCents: 130_003, approvedCents: 130_000, rejectedCents: 3 });
  });
});

describe(assessedEventOf.name, () => {
  const received = {
    declarationRef: '00000000-0000-4000-8000-0000000000e1',
    providerAgb: PROVIDER,
    municipality: 'GM0546',
    declarationNumber: 'D-1',
    period: { start: '2026-05-01', end: '2026-05-31' },
    lineCount: 2,
    bucket: 'DECLARATIONS',
    objectName: 'o.ndjson',
    receivedOn: '2026-06-12',
  };
  const assessedPlan = (rejectedLines: number) => {
    const lines = [aLine(), ...Array.from({ length: rejectedLines }, (_, i) => aLine({ lineNo: i + 2, reference: `R-${i + 2}`, amountCents: 1 }))];
    const r = resolveAssignments(PROVIDER, lines, [aVersion()], new Map());
    const { outcomes } = assessDeclaration(lines, { providerAgb: PROVIDER, municipality: 'GM0546', declarationMonth: '2026-05-01', lineages: r.lineages, lineageOf: r.lineageOf }, nothingBefore(), () => ({ tariffCents: 6500, unit: Unit.HOUR }));
    return planDeclaration(receipt, header, lines, outcomes);
  };

  it('should carry the rejected lines with every reason’s retour code, inline up to 1,000', () => {
    const plan = assessedPlan(2);
    const rejected = rejectedLinesOf(plan.lines);
    // A wrong amount, and a second debit for May: both codes, in the reasons' order.
    expect(rejected).toEqual([
      { reference: 'R-2', retourCodes: ['9346', '9389'] },
      { reference: 'R-3', retourCodes: ['9346', '9389'] },
    ]);
    expect(assessedEventOf(received, plan, rejected)).toEqual({
      declarationId: receipt.id,
      declarationRef: received.declarationRef,
      providerAgb: PROVIDER,
      municipality: 'GM0546',
      declarationNumber: 'D-1',
      totals: { submittedCents: 65_002, approvedCents: 65_000 },
      rejectedCount: 2,
      rejected,
    });
  });

  it('should name an object instead beyond 1,000 rejected lines', () => {
    const plan = assessedPlan(1_001);
    const sut = assessedEventOf(received, plan, rejectedLinesOf(plan.lines));
    expect(sut).toMatchObject({ rejectedCount: 1_001, rejectedObjectName: rejectedObjectNameOf(received.declarationRef) });
    expect(sut.rejected).toBeUndefined();
  });

  it('should refuse whole with the header’s codes and no line', () => {
    expect(refusalEventOf(received, receipt.id, ['9333'], 65_000)).toMatchObject({ declarationRetourCodes: ['9333'], rejectedCount: 0, rejected: [], totals: { submittedCents: 65_000, approvedCents: 0 } });
  });
});
