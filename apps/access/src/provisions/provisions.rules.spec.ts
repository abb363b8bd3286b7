import {
  ChangeReason,
  ContractCheckApproval,
  DecisionOutcome,
  DeliveryReportStatus,
  DeliveryForm,
 
  FinancingVariant,
  Frequency,
  Law,
  ResponsibilityReason,
  Unit,
} from '@vangnet/contracts';
import { ProvisionChangeRequest } from './provisions.dto';
import {
  ChangeInput,
  cs343Problem,
  decisionOutcome,
  endProblem,
  fieldsAt,
  deliveryViews,
  latestOf,
  planChange,
  prepareChange,
  provisionEvent,
  ProvisionOutcome,
  provisionProblems,
  ProvisionShape,
  ProvisionVersion,
  provisionView,
  unitFitsTariff,
  validTo,
} from './provisions.rules';
import { refusal } from '../../test/support/refusal';

function aProvision(overrides: Partial<ProvisionShape> = {}): ProvisionShape {
  return {
    category: '02',
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: '98000001',
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    period: { start: '2026-12-01', end: '2027-11-30' },
    ...overrides,
  };
}

const f = fieldsAt('provisions[0]');
const codes = (p: ProvisionShape, law = Law.WMO) => provisionProblems(p, law, f).map((x) => `${x.name} ${x.code}`);

describe(provisionProblems.name, () => {
  it('should accept a specific in-kind provision with a weekly volume and an end date', () => {
    expect(codes(aProvision())).toEqual([]);
  });

  it('should require an end date for a per-day, per-week or per-month volume, not for a total', () => {
    expect(codes(aProvision({ period: { start: '2026-12-01' } }))).toEqual(['provisions[0].period.end END_DATE_REQUIRED']);
    const perDayOrMonth = [Frequency.PER_DAY, Frequency.PER_MONTH].map((frequency) => codes(aProvision({ volume: { amount: 1, unit: Unit.HOUR, frequency }, period: { start: '2026-12-01' } })));
    expect(perDayOrMonth).toEqual([['provisions[0].period.end END_DATE_REQUIRED'], ['provisions[0].period.end END_DATE_REQUIRED']]);
    expect(codes(aProvision({ volume: { amount: 40, unit: Unit.HOUR, frequency: Frequency.TOTAL }, period: { start: '2026-12-01' } }))).toEqual([]);
  });

  it('should require a provider in kind and a budget for a PGB or a provision without volume', () => {
    expect(codes(aProvision({ providerAgb: undefined }))).toEqual(['provisions[0].providerAgb REQUIRED']);
    expect(codes(aProvision({ deliveryForm: DeliveryForm.PGB, providerAgb: undefined }))).toEqual(['provisions[0].budgetCents BUDGET_REQUIRED']);
    expect(codes(aProvision({ deliveryForm: DeliveryForm.PGB, providerAgb: undefined, budgetCents: 250_000 }))).toEqual([]);
    expect(codes(aProvision({ volume: undefined }))).toEqual(['provisions[0].budgetCents BUDGET_REQUIRED']);
    expect(codes(aProvision({ volume: undefined, budgetCents: 1_200_000 }))).toEqual([]);
    expect(codes(aProvision({ budgetCents: 100 }))).toEqual(['provisions[0].budgetCents BUDGET_WITH_VOLUME']);
  });

  it.each([
    [Unit.DAY, Frequency.PER_DAY, null, true],
    [Unit.DAY_PART, Frequency.PER_DAY, '2021-01-01', true],
    [Unit.EURO, Frequency.PER_DAY, null, true],
    [Unit.DAY, Frequency.PER_WEEK, null, false],
    [Unit.DAY, Frequency.PER_MONTH, null, false],
    [Unit.DAY, Frequency.TOTAL, null, false],
    [Unit.DAY, Frequency.PER_DAY, '2020-12-31', false], // ends before the rule applies
    [Unit.HOUR, Frequency.PER_DAY, null, false],
    [Unit.MINUTE, Frequency.PER_DAY, null, false],
  ])('should apply CS343 to %s %s ending %s: refused %s', (unit, frequency, end, refused) => {
    const problem = cs343Problem({ unit, frequency }, end, undefined, 'provisions[0].volume.frequency');
    expect(problem ? { name: problem.name, code: problem.code } : undefined).toEqual(refused ? { name: 'provisions[0].volume.frequency', code: 'FREQUENCY_NOT_ALLOWED' } : undefined);
  });

  it('should apply CS343 to pieces of an effort-based product (84), not of an output-based one (82)', () => {
    expect(cs343Problem({ unit: Unit.PIECE, frequency: Frequency.PER_DAY }, null, FinancingVariant.EFFORT, 'f')).toMatchObject({ code: 'FREQUENCY_NOT_ALLOWED' });
    expect(cs343Problem({ unit: Unit.PIECE, frequency: Frequency.PER_DAY }, null, FinancingVariant.OUTPUT, 'f')).toBeUndefined();
    // provisionProblems leaves in-kind pieces to the plan, which knows the contract's variant.
    expect(codes(aProvision({ volume: { amount: 1, unit: Unit.PIECE, frequency: Frequency.PER_DAY }, period: { start: '2026-12-01', end: '2026-12-31' } }))).toEqual([]);
    expect(codes(aProvision({ volume: { amount: 1, unit: Unit.DAY, frequency: Frequency.PER_DAY }, period: { start: '2026-12-01', end: '2026-12-31' } }))).toEqual(['provisions[0].volume.frequency FREQUENCY_NOT_ALLOWED']);
  });

  it('should refuse a category of the other law', () => {
    expect(codes(aProvision({ category: '45' }))).toEqual(['provisions[0].product.category CATEGORY_NOT_IN_LAW']);
    expect(codes(aProvision({ category: '02' }), Law.JEUGDWET)).toEqual(['provisions[0].product.category CATEGORY_NOT_IN_LAW']);
  });

  it('should only check the law of a rejected provision', () => {
    expect(codes(aProvision({ outcome: ProvisionOutcome.REJECTED, providerAgb: undefined, period: undefined }))).toEqual([]);
  });
});

describe('decision helpers', () => {
  it('should let minutes be assigned against an hour tariff, nothing else', () => {
    expect(unitFitsTariff(Unit.HOUR, Unit.HOUR)).toBe(true);
    expect(unitFitsTariff(Unit.MINUTE, Unit.HOUR)).toBe(true);
    expect(unitFitsTariff(Unit.HOUR, Unit.MINUTE)).toBe(false);
    expect(unitFitsTariff(Unit.DAY, Unit.HOUR)).toBe(false);
  });

  it('should call a decision granted, partially granted or rejected', () => {
    expect(decisionOutcome([ProvisionOutcome.GRANTED])).toBe(DecisionOutcome.GRANTED);
    expect(decisionOutcome([ProvisionOutcome.GRANTED, ProvisionOutcome.REJECTED])).toBe(DecisionOutcome.PARTIALLY_GRANTED);
    expect(decisionOutcome([ProvisionOutcome.REJECTED])).toBe(DecisionOutcome.REJECTED);
  });

  it('should stop a version the day before the next starts', () => {
    expect(validTo('2027-01-01')).toBe('2026-12-31');
    expect(validTo(undefined)).toBeNull();
  });
});

const LEIDEN = 'GM0546';
const VOORSCHOTEN = 'GM0626';
const LINEAGE = '10000000-0000-4000-8000-000000000001';
const CONTRACT = 'c0000000-0000-4000-8000-000000000001';

function aVersion(over: Partial<ProvisionVersion> = {}): ProvisionVersion {
  return {
    id: LINEAGE,
    lineageId: LINEAGE,
    version: 1,
    validFrom: '2026-12-01',
    decisionId: 'd0000000-0000-4000-8000-000000000001',
    personId: 'b0000000-0000-4000-8000-000000000001',
    householdId: null,
    municipality: LEIDEN,
    responsibleMunicipality: LEIDEN,
    responsibilityReason: ResponsibilityReason.DECIDING_MUNICIPALITY,
    responsibilitySwitchOn: null,
    category: '02',
    productCode: null,
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: '98000001',
    volumeAmount: 4,
    volumeUnit: Unit.HOUR,
    volumeFrequency: Frequency.PER_WEEK,
    periodStart: '2026-12-01',
    periodEnd: '2027-11-30',
    budgetCents: null,
    contractId: CONTRACT,
    tariffCents: 6540,
    tariffUnit: Unit.HOUR,
    variant: FinancingVariant.EFFORT,
    crisis: false,
    law: Law.WMO,
    previousProvisionId: null,
    changeReason: null,
    createdBySub: 'dm-1',
    ...over,
  };
}

function aChange(req: Partial<ProvisionChangeRequest>, over: Partial<ChangeInput> = {}, previous: Partial<ProvisionVersion> = {}): ChangeInput {
  return {
    lineage: {
      id: LINEAGE,
      municipality: LEIDEN,
      category: previous.category ?? '02',
      periodStart: '2026-12-01',
      responsibilityBasis: ResponsibilityReason.DECIDING_MUNICIPALITY,
      clientSince: null,
      endDate: null,
    },
    previous: aVersion(previous),
    req: { validFrom: '2027-03-01', ...req } as ProvisionChangeRequest,
    ...over,
  };
}

function anApproval(over: Partial<ContractCheckApproval> = {}): ContractCheckApproval {
  return { ok: true, contractId: 'c0000000-0000-4000-8000-000000000002', variant: FinancingVariant.OUTPUT, unit: Unit.HOUR, tariffCents: 7000, crisis: false, ...over };
}


describe(prepareChange.name, () => {
  it('should refuse a change after the lineage ended with a 409 naming validFrom', () => {
    const input = aChange({ validFrom: '2027-07-01', volume: { amount: 6, unit: Unit.HOUR, frequency: Frequency.PER_WEEK } });
    input.lineage = { ...input.lineage, endDate: '2027-06-30' };
    expect(refusal(() => prepareChange(input))).toMatchObject({ status: 409, code: 'PROVISION_ENDED', invalidParams: [{ name: 'validFrom' }] });
  });

  it('should refuse a validFrom before the latest version, or after the period, naming the field that is wrong', () => {
    expect(refusal(() => prepareChange(aChange({ validFrom: '2026-11-30', budgetCents: 1 }, {}, { validFrom: '2026-12-01' })))).toMatchObject({
      code: 'VALID_FROM_BEFORE_LATEST_VERSION',
      invalidParams: [{ name: 'validFrom' }],
    });
    expect(refusal(() => prepareChange(aChange({ validFrom: '2027-12-01', productCode: '02A' })))).toMatchObject({
      code: 'VALID_FROM_AFTER_PERIOD_END',
      invalidParams: [{ name: 'validFrom' }],
    });
    expect(refusal(() => prepareChange(aChange({ validFrom: '2027-03-01', periodEnd: '2027-02-28' })))).toMatchObject({
      code: 'VALID_FROM_AFTER_PERIOD_END',
      invalidParams: [{ name: 'periodEnd' }],
    });
  });

  it('should refuse a change that changes nothing', () => {
    expect(refusal(() => prepareChange(aChange({ volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK } })))).toMatchObject({
      status: 422,
      code: 'NOTHING_TO_CHANGE',
    });
  });

  it('should check the merged provision like a grant, naming the change’s fields', () => {
    // A switch to PGB drops the provider, so it needs its budget.
    const e = refusal(() => prepareChange(aChange({ deliveryForm: DeliveryForm.PGB })));
    expect(e.invalidParams?.map((p) => `${p.name} ${p.code}`)).toEqual(['budgetCents BUDGET_REQUIRED']);
    const toPgb = prepareChange(aChange({ deliveryForm: DeliveryForm.PGB, budgetCents: 200_000 }));
    expect(toPgb.fields).toMatchObject({ deliveryForm: DeliveryForm.PGB, providerAgb: null, budgetCents: 200_000 });
    expect(toPgb.check).toBeNull();
  });

  it('should keep the contract for a new volume and ask procurement again for a new provider or product', () => {
    const volume = prepareChange(aChange({ volume: { amount: 6, unit: Unit.HOUR, frequency: Frequency.PER_WEEK } }));
    expect(volume.check).toBeNull();
    expect(volume.fields).toMatchObject({ volumeAmount: 6, providerAgb: '98000001', periodEnd: '2027-11-30' });
    const provider = prepareChange(aChange({ providerAgb: '98000004' }));
    expect(provider.check).toEqual({ field: 'providerAgb', request: { providerAgb: '98000004', municipality: LEIDEN, product: { category: '02' }, date: '2027-03-01' } });
    const product = prepareChange(aChange({ productCode: '02A1' }));
    expect(product.check?.request.product).toEqual({ category: '02', code: '02A1' });
  });

  it('should keep the municipality a provision was decided with: a change never re-determines the payer (issue 12)', () => {
    const input = aChange(
      { validFrom: '2028-12-01', volume: { amount: 14, unit: Unit.DAY, frequency: Frequency.PER_WEEK } },
      {},
      {
        category: '15',
        responsibleMunicipality: VOORSCHOTEN,
        responsibilityReason: ResponsibilityReason.ORIGIN_PERIOD,
        volumeUnit: Unit.DAY,
        volumeFrequency: Frequency.PER_WEEK,
        volumeAmount: 7,
        tariffUnit: Unit.DAY,
        periodEnd: '2029-11-30',
      },
    );
    input.lineage = { ...input.lineage, responsibilityBasis: ResponsibilityReason.ORIGIN_PERIOD, clientSince: '2026-12-01' };
    const changed = prepareChange(input);
    expect(changed.responsibility).toEqual({ responsibleMunicipality: VOORSCHOTEN, responsibilityReason: ResponsibilityReason.ORIGIN_PERIOD, responsibilitySwitchOn: null });
    expect(changed.check).toBeNull();
  });
});

describe(planChange.name, () => {
  it('should make the next version from validFrom, keeping the contract when procurement was not asked', () => {
    const prepared = prepareChange(aChange({ volume: { amount: 6, unit: Unit.HOUR, frequency: Frequency.PER_WEEK }, changeReason: ChangeReason.REASSESSMENT_EXTENSION }));
    expect(planChange(prepared, undefined, 'v2', 'dm-2')).toEqual({
      ...aVersion(),
      id: 'v2',
      version: 2,
      validFrom: '2027-03-01',
      volumeAmount: 6,
      previousProvisionId: LINEAGE,
      changeReason: ChangeReason.REASSESSMENT_EXTENSION,
      createdBySub: 'dm-2',
    });
  });

  it('should take contract, tariff and variant from a new approval', () => {
    const prepared = prepareChange(aChange({ providerAgb: '98000004' }));
    expect(planChange(prepared, anApproval({ crisis: true }), 'v2', 'dm-1')).toMatchObject({
      providerAgb: '98000004',
      contractId: 'c0000000-0000-4000-8000-000000000002',
      tariffCents: 7000,
      variant: FinancingVariant.OUTPUT,
      crisis: true,
    });
  });

  it('should carry no contract once the provision is a PGB', () => {
    const prepared = prepareChange(aChange({ deliveryForm: DeliveryForm.PGB, budgetCents: 200_000 }));
    expect(planChange(prepared, undefined, 'v2', 'dm-1')).toMatchObject({ contractId: null, tariffCents: null, tariffUnit: null, variant: null });
  });

  it('should refuse a volume in a unit the contract does not price, naming volume.unit', () => {
    const prepared = prepareChange(aChange({ volume: { amount: 2, unit: Unit.DAY, frequency: Frequency.PER_WEEK } }));
    expect(refusal(() => planChange(prepared, undefined, 'v2', 'dm-1'))).toMatchObject({ status: 422, code: 'UNIT_NOT_CONTRACTED', invalidParams: [{ name: 'volume.unit' }] });
  });
});

describe(endProblem.name, () => {
  const lineage = { periodStart: '2026-12-01', endDate: null };
  const current = { validFrom: '2027-03-01', periodEnd: '2027-11-30' };

  it.each([
    ['2026-11-30', 'END_BEFORE_START'],
    ['2027-02-28', 'END_BEFORE_LATEST_VERSION'],
    ['2027-12-01', 'END_AFTER_PERIOD_END'],
  ])('should refuse ending on %s with %s', (endDate, code) => {
    expect(endProblem(lineage, current, endDate)).toMatchObject({ status: 422, code, invalidParams: [{ name: 'endDate', code }] });
  });

  it('should allow an end within the latest version, its last day included', () => {
    expect(endProblem(lineage, current, '2027-03-01')).toBeNull();
    expect(endProblem(lineage, current, '2027-11-30')).toBeNull();
  });

  it('should refuse ending an ended lineage with a 409', () => {
    expect(endProblem({ ...lineage, endDate: '2027-06-30' }, current, '2027-05-31')).toMatchObject({ status: 409, code: 'PROVISION_ALREADY_ENDED' });
  });
});

describe('provision views and events', () => {
  const v1 = aVersion();
  const v2 = aVersion({ id: 'v2', version: 2, validFrom: '2027-03-01', previousProvisionId: LINEAGE });

  it('should show superseded, active and ended versions with the day each stops', () => {
    const running = { latestVersion: 2, endDate: null, endReason: null, assignmentNumber: 17, requestId: null, originMunicipality: null };
    expect(provisionView(v1, running, [v1, v2])).toMatchObject({ status: 'SUPERSEDED', validTo: '2027-02-28', currentProvisionId: 'v2', assignmentNumber: 17 });
    expect(provisionView(v2, running, [v1, v2])).toMatchObject({ status: 'ACTIVE', validTo: null, currentProvisionId: 'v2' });
    expect(provisionView(v2, { ...running, endDate: '2027-06-30' }, [v1, v2])).toMatchObject({ status: 'ENDED', endDate: '2027-06-30' });
  });

  it('should leave out of an event what a version does not have, and carry the pseudonym only', () => {
    const pgb = aVersion({ deliveryForm: DeliveryForm.PGB, providerAgb: null, volumeAmount: null, volumeUnit: null, volumeFrequency: null, budgetCents: 1, contractId: null, tariffCents: null, tariffUnit: null, variant: null, periodEnd: null });
    const event = provisionEvent(pgb, 'ps', { assignmentNumber: 17, requestId: null, originMunicipality: null });
    expect(Object.keys(event).sort()).toEqual(
      ['assignmentNumber', 'budgetCents', 'crisis', 'decisionId', 'deliveryForm', 'law', 'lineageId', 'municipality', 'period', 'personId', 'personPseudonym', 'product', 'provisionId', 'responsibilityReason', 'responsibleMunicipality', 'validFrom', 'version'].sort(),
    );
    expect(event.period).toEqual({ start: '2026-12-01' });
    const requested = provisionEvent(pgb, 'ps', { assignmentNumber: 18, requestId: 'r0000000-0000-4000-8000-000000000001', originMunicipality: VOORSCHOTEN });
    expect(requested).toMatchObject({ assignmentNumber: 18, requestId: 'r0000000-0000-4000-8000-000000000001', originMunicipality: VOORSCHOTEN });
  });

  it('should find the latest version whatever the order', () => {
    expect(latestOf([v2, v1]).id).toBe('v2');
    expect(() => latestOf([])).toThrow(/without versions/);
  });
});

describe(deliveryViews.name, () => {
  const row = (over: Partial<Parameters<typeof deliveryViews>[0][number]>) => ({
    lineageId: LINEAGE,
    startDate: '2027-01-04',
    providerAgb: '98000001',
    startStatus: DeliveryReportStatus.NEW,
    startReportedOn: '2027-01-05',
    endDate: null,
    reasonCode: null,
    reasonLaw: null,
    stopStatus: null,
    stopReportedOn: null,
    ...over,
  });

  it('should show a start, its stop, and neither once withdrawn, by start date', () => {
    const views = deliveryViews([
      row({ startDate: '2027-03-01', endDate: '2027-04-30', reasonCode: '02', reasonLaw: Law.WMO, stopStatus: DeliveryReportStatus.NEW }),
      row({}),
      row({ startDate: '2027-02-01', startStatus: DeliveryReportStatus.DELETED }),
      row({ startDate: '2027-05-01', startStatus: null, endDate: '2027-05-31', stopStatus: DeliveryReportStatus.NEW }),
      row({ startDate: '2027-06-01', endDate: '2027-06-30', stopStatus: DeliveryReportStatus.DELETED }),
    ]);
    expect(views).toEqual([
      { status: 'STARTED', startDate: '2027-01-04', endDate: null, reasonCode: null, providerAgb: '98000001' },
      { status: 'STOPPED', startDate: '2027-03-01', endDate: '2027-04-30', reasonCode: '02', providerAgb: '98000001' },
      { status: 'STARTED', startDate: '2027-06-01', endDate: null, reasonCode: null, providerAgb: '98000001' },
    ]);
  });
});
