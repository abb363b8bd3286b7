import { ContractCheckApproval, DecisionOutcome, DeliveryForm, FinancingVariant, Frequency, Law, ProductCategory, ResponsibilityReason, Unit } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { ProvisionOutcome } from '../provisions/provisions.rules';
import { defaultRuleSets, RuleSetScope } from '../responsibility/responsibility.rules';
import { DecisionRequest, ProvisionInput } from './decisions.dto';
import { DecisionCase, DecisionInput, needsPriorIndications, numberedPlan, planDecision, prepareDecision } from './decisions.rules';
import { refusal } from '../../test/support/refusal';

const LEIDEN = 'GM0546';
const LEIDERDORP = 'GM0547';
const VOORSCHOTEN = 'GM0626';
const AGB = '98000001';

function aCase(over: Partial<DecisionCase> = {}): DecisionCase {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    personId: 'b0000000-0000-4000-8000-000000000001',
    brpMunicipality: LEIDEN,
    residence: null,
    personOriginMunicipality: null,
    personMunicipalities: [LEIDEN],
    householdId: null,
    municipality: LEIDEN,
    law: Law.WMO,
    receivedAt: '2026-11-20',
    originMunicipality: null,
    status: 'OPEN',
    ...over,
  };
}

function inKind(over: Partial<ProvisionInput> = {}): ProvisionInput {
  return {
    product: { category: ProductCategory.GUIDANCE },
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: AGB,
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    period: { start: '2026-12-01', end: '2027-11-30' },
    ...over,
  } as ProvisionInput;
}

function pgb(over: Partial<ProvisionInput> = {}): ProvisionInput {
  return { product: { category: ProductCategory.HOUSEHOLD_HELP }, deliveryForm: DeliveryForm.PGB, budgetCents: 312_000, period: { start: '2027-01-01', end: '2027-12-31' }, ...over } as ProvisionInput;
}

function anInput(provisions: ProvisionInput[], over: Partial<DecisionInput> = {}, req: Partial<DecisionRequest> = {}): DecisionInput {
  return {
    req: { applicationId: aCase().id, provisions, ...req } as DecisionRequest,
    app: aCase(),
    today: '2026-11-23',
    calendar: { version: 1, decreedDays: new Set(['2026-01-02', '2026-05-15', '2027-05-07']) },
    decidedBySub: 'dm-1',
    ruleSets: defaultRuleSets(LEIDEN),
    priorIndications: [],
    mandates: [],
    callerOrg: LEIDEN,
    ...over,
  };
}

function anApproval(over: Partial<ContractCheckApproval> = {}): ContractCheckApproval {
  return { ok: true, contractId: 'c0000000-0000-4000-8000-000000000001', variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents: 6540, crisis: false, ...over };
}

/** Sequential ids, so a plan can be compared whole. */
function ids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}


describe(prepareDecision.name, () => {
  it('should refuse an application that is no longer open with a 409 naming applicationId', () => {
    const e = refusal(() => prepareDecision(anInput([inKind()], { app: aCase({ status: 'DECIDED' }) })));
    expect(e).toMatchObject({ status: 409, code: 'APPLICATION_ALREADY_DECIDED', invalidParams: [{ name: 'applicationId' }] });
  });

  it('should refuse a decision date after today or before the application', () => {
    expect(refusal(() => prepareDecision(anInput([inKind()], {}, { decidedAt: '2026-11-24' })))).toMatchObject({ code: 'DATE_IN_FUTURE' });
    expect(refusal(() => prepareDecision(anInput([inKind()], {}, { decidedAt: '2026-11-19' })))).toMatchObject({ code: 'BEFORE_APPLICATION', status: 422 });
  });

  it('should take today as the decision date when none is given', () => {
    expect(prepareDecision(anInput([inKind()])).decidedAt).toBe('2026-11-23');
  });

  it('should run the objection term from the day after the decision was sent, not from the decision (Awb 6:8)', () => {
    const input = anInput([inKind()], { today: '2027-03-16', app: aCase({ receivedAt: '2027-03-01' }) }, { decidedAt: '2027-03-12', sentAt: '2027-03-16' });
    const plan = planDecision(prepareDecision(input), [anApproval()], ids());
    // 16 March + 6 weeks = Tuesday 27 April 2027, King's Day → 28 April
    expect(plan.decision).toMatchObject({ decidedAt: '2027-03-12', sentAt: '2027-03-16', objectionDue: '2027-04-28' });
    expect(plan.objectionTerm).toEqual({ countsFrom: '2027-03-16', termDays: 42, calendarVersion: 1 });
    expect(refusal(() => prepareDecision(anInput([inKind()], {}, { sentAt: '2026-11-19' })))).toMatchObject({ code: 'BEFORE_DECISION', status: 422 });
  });

  it('should name every problem of every provision by its index', () => {
    const e = refusal(() => prepareDecision(anInput([inKind(), inKind({ period: { start: '2026-12-01' } }), pgb({ budgetCents: undefined })])));
    expect(e).toBeInstanceOf(ValidationFailedError);
    expect(e.invalidParams?.map((p) => `${p.name} ${p.code}`)).toEqual(['provisions[1].period.end END_DATE_REQUIRED', 'provisions[2].budgetCents BUDGET_REQUIRED']);
  });

  it('should ask procurement once per in-kind provision, for the paying municipality on the start date, and never for a PGB or a rejection', () => {
    const prepared = prepareDecision(
      anInput([pgb(), inKind(), { product: { category: ProductCategory.PERSONAL_CARE }, outcome: ProvisionOutcome.REJECTED } as ProvisionInput, inKind({ product: { category: ProductCategory.PERSONAL_CARE, code: '03A1' } })]),
    );
    expect(prepared.granted.map((g) => g.i)).toEqual([0, 1, 3]);
    expect(prepared.checks).toEqual([
      { field: 'provisions[1].providerAgb', request: { providerAgb: AGB, municipality: LEIDEN, product: { category: ProductCategory.GUIDANCE }, date: '2026-12-01' } },
      { field: 'provisions[3].providerAgb', request: { providerAgb: AGB, municipality: LEIDEN, product: { category: ProductCategory.PERSONAL_CARE, code: '03A1' }, date: '2026-12-01' } },
    ]);
    expect(prepared.checkOf).toEqual([undefined, 0, 1]);
  });

  it('should check shelter against the central municipality, whoever decides (Wmo 1.2.1 b: national access)', () => {
    const prepared = prepareDecision(anInput([inKind({ product: { category: ProductCategory.SHELTER }, volume: { amount: 7, unit: Unit.DAY, frequency: Frequency.PER_WEEK } })], { app: aCase({ municipality: LEIDERDORP }) }));
    expect(prepared.checks[0].request.municipality).toBe(LEIDEN);
    expect(prepared.granted[0].answer).toMatchObject({ municipality: LEIDEN, legallyResponsible: LEIDERDORP, reason: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY });
  });

  it('should refuse deciding for another responsible municipality without a mandate, naming the provision (NOT_RESPONSIBLE)', () => {
    const input = anInput([inKind()], { app: aCase({ municipality: LEIDERDORP, brpMunicipality: VOORSCHOTEN }), callerOrg: LEIDERDORP });
    expect(refusal(() => prepareDecision(input))).toMatchObject({ status: 422, code: 'NOT_RESPONSIBLE', invalidParams: [{ name: 'provisions[0].product.category', code: 'NOT_RESPONSIBLE' }] });
    const mandate = { id: 'm', mandatingMunicipality: VOORSCHOTEN, mandatedTeam: LEIDERDORP, scopes: [RuleSetScope.WMO_SUPPORT], validFrom: '2026-01-01', validTo: null };
    expect(prepareDecision({ ...input, mandates: [mandate] }).granted[0].answer).toMatchObject({ municipality: VOORSCHOTEN, reason: ResponsibilityReason.WMO_BRP_MUNICIPALITY });
    // A mandate for another scope, or one that ended, does not cover it.
    expect(refusal(() => prepareDecision({ ...input, mandates: [{ ...mandate, scopes: [RuleSetScope.JEUGDWET] }] }))).toMatchObject({ code: 'NOT_RESPONSIBLE' });
    expect(refusal(() => prepareDecision({ ...input, mandates: [{ ...mandate, validTo: '2026-11-22' }] }))).toMatchObject({ code: 'NOT_RESPONSIBLE' });
  });
});

describe('urgent cases (Wmo 2.3.3)', () => {
  it('should decide a temporary provision at once, marked urgent, and refuse one without an end or under the Jeugdwet', () => {
    const plan = planDecision(prepareDecision(anInput([pgb()], {}, { urgent: true })), [], ids());
    expect(plan.decision.urgent).toBe(true);
    expect(refusal(() => prepareDecision(anInput([pgb({ period: { start: '2027-01-01' } })], {}, { urgent: true })))).toMatchObject({
      invalidParams: [{ name: 'provisions[0].period.end', code: 'TEMPORARY_NEEDS_END' }],
    });
    const youth = pgb({ product: { category: ProductCategory.YOUTH_PERSONAL_CARE } });
    expect(refusal(() => prepareDecision(anInput([youth], { app: aCase({ law: Law.JEUGDWET }) }, { urgent: true })))).toMatchObject({ code: 'URGENT_WMO_ONLY' });
  });
});

describe(planDecision.name, () => {
  it('should write a lineage whose first version carries the contract, the tariff and the payer', () => {
    const plan = planDecision(prepareDecision(anInput([inKind()])), [anApproval()], ids());
    expect(plan.decision).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      applicationId: aCase().id,
      personId: aCase().personId,
      householdId: null,
      municipality: LEIDEN,
      law: Law.WMO,
      decidedAt: '2026-11-23',
      sentAt: '2026-11-23',
      urgent: false,
      outcome: DecisionOutcome.GRANTED,
      objectionDue: '2027-01-04',
      decidedBySub: 'dm-1',
      note: null,
    });
    expect(plan.versions).toHaveLength(1);
    const v = plan.versions[0];
    expect(v).toMatchObject({
      id: '00000000-0000-4000-8000-000000000002',
      lineageId: '00000000-0000-4000-8000-000000000002',
      version: 1,
      validFrom: '2026-12-01',
      decisionId: plan.decision.id,
      responsibleMunicipality: LEIDEN,
      responsibilityReason: ResponsibilityReason.WMO_BRP_MUNICIPALITY,
      responsibilitySwitchOn: null,
      contractId: anApproval().contractId,
      tariffCents: 6540,
      tariffUnit: Unit.HOUR,
      variant: FinancingVariant.EFFORT,
      crisis: false,
      previousProvisionId: null,
      createdBySub: 'dm-1',
    });
    expect(plan.lineages).toEqual([
      {
        id: v.id,
        personId: v.personId,
        decisionId: plan.decision.id,
        municipality: LEIDEN,
        responsibleMunicipality: LEIDEN,
        category: '02',
        periodStart: '2026-12-01',
        responsibilityBasis: ResponsibilityReason.WMO_BRP_MUNICIPALITY,
        clientSince: null,
        responsibilityRuleSetId: '00000000-0000-4000-8000-00000000a002',
        responsibilityInputs: { scope: 'WMO_SUPPORT', category: '02', date: '2026-12-01', decidingMunicipality: LEIDEN, brpMunicipality: LEIDEN },
        requestId: null,
        originMunicipality: null,
      },
    ]);
    expect(plan.addToScope).toEqual([]);
  });

  it('should keep rejections by their position and call a mixed decision partially granted', () => {
    const rejected = { product: { category: ProductCategory.HOUSING_SERVICES, code: '05X' }, outcome: ProvisionOutcome.REJECTED, reason: 'general provision suffices' } as ProvisionInput;
    const plan = planDecision(prepareDecision(anInput([rejected, pgb()])), [], ids());
    expect(plan.decision.outcome).toBe(DecisionOutcome.PARTIALLY_GRANTED);
    expect(plan.rejections).toEqual([{ id: expect.any(String), position: 0, category: '05', productCode: '05X', deliveryForm: null, reason: 'general provision suffices' }]);
    expect(plan.versions).toHaveLength(1);
    expect(plan.versions[0]).toMatchObject({ deliveryForm: DeliveryForm.PGB, budgetCents: 312_000, contractId: null, tariffCents: null, providerAgb: null });
  });

  it('should call a decision with only rejections rejected, with nothing granted', () => {
    const plan = planDecision(prepareDecision(anInput([{ product: { category: ProductCategory.HOUSING_SERVICES }, outcome: ProvisionOutcome.REJECTED } as ProvisionInput])), [], ids());
    expect(plan).toMatchObject({ versions: [], lineages: [], decision: { outcome: DecisionOutcome.REJECTED } });
  });

  it('should refuse a volume in a unit the contract does not price, naming the provision’s unit', () => {
    const prepared = prepareDecision(anInput([pgb(), inKind({ volume: { amount: 2, unit: Unit.DAY, frequency: Frequency.PER_WEEK } })]));
    const e = refusal(() => planDecision(prepared, [anApproval({ unit: Unit.HOUR })], ids()));
    expect(e).toMatchObject({ status: 422, code: 'UNIT_NOT_CONTRACTED', invalidParams: [{ name: 'provisions[1].volume.unit' }] });
  });

  it('should let minutes be assigned against an hour tariff', () => {
    const prepared = prepareDecision(anInput([inKind({ volume: { amount: 90, unit: Unit.MINUTE, frequency: Frequency.PER_WEEK } })]));
    expect(planDecision(prepared, [anApproval({ unit: Unit.HOUR })], ids()).versions[0]).toMatchObject({ volumeUnit: Unit.MINUTE, tariffUnit: Unit.HOUR });
  });

  it('should let the central municipality pay for protected housing under the law in force, and record the origin and the request', () => {
    const bw = inKind({ product: { category: ProductCategory.PROTECTED_HOUSING }, volume: { amount: 7, unit: Unit.DAY, frequency: Frequency.PER_WEEK }, period: { start: '2026-12-01', end: '2029-11-30' } });
    const app = aCase({ municipality: VOORSCHOTEN, originMunicipality: VOORSCHOTEN, brpMunicipality: LEIDERDORP, personMunicipalities: [VOORSCHOTEN] });
    const requestId = 'e0000000-0000-4000-8000-000000000001';
    const plan = planDecision(prepareDecision(anInput([bw], { app, callerOrg: VOORSCHOTEN }, { requestId })), [anApproval({ unit: Unit.DAY })], ids());
    expect(plan.versions[0]).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY, responsibilitySwitchOn: null });
    expect(plan.lineages[0]).toMatchObject({
      responsibleMunicipality: LEIDEN,
      responsibilityBasis: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY,
      responsibilityRuleSetId: '00000000-0000-4000-8000-00000000a001',
      responsibilityInputs: { scope: 'WMO_PROTECTED_HOUSING', category: '15', decidingMunicipality: VOORSCHOTEN, centralMunicipality: LEIDEN },
      requestId,
      originMunicipality: VOORSCHOTEN,
    });
    // The paying municipality must be able to read the person it pays for.
    expect(plan.addToScope).toEqual([LEIDEN]);
  });

  it('should number each lineage with what its paying municipality’s sequence gave', () => {
    const plan = planDecision(prepareDecision(anInput([pgb(), pgb({ product: { category: ProductCategory.HOUSING_SERVICES } })])), [], ids());
    expect(numberedPlan(plan, [41, 42]).lineages.map((l) => l.assignmentNumber)).toEqual([41, 42]);
    expect(() => numberedPlan(plan, [41])).toThrow(/1 numbers for 2 lineages/);
  });

  it('should take crisis from the contract, and from the category when no contract was asked', () => {
    const crisis = planDecision(prepareDecision(anInput([inKind()])), [anApproval({ crisis: true })], ids());
    expect(crisis.versions[0].crisis).toBe(true);
    const shelterPgb = pgb({ product: { category: ProductCategory.EMERGENCY_SHELTER } });
    expect(planDecision(prepareDecision(anInput([shelterPgb])), [], ids()).versions[0].crisis).toBe(true);
  });
});

describe(needsPriorIndications.name, () => {
  it('should read earlier indications only for a granted provision in a category a rule set governs', () => {
    const ruleSets = defaultRuleSets(LEIDEN);
    const req = (provisions: ProvisionInput[]) => ({ applicationId: aCase().id, provisions }) as DecisionRequest;
    expect(needsPriorIndications(req([inKind()]), ruleSets)).toBe(false);
    expect(needsPriorIndications(req([inKind({ product: { category: ProductCategory.PROTECTED_HOUSING } })]), ruleSets)).toBe(true);
    expect(needsPriorIndications(req([inKind({ product: { category: ProductCategory.SHELTER } })]), ruleSets)).toBe(false);
    expect(needsPriorIndications(req([{ product: { category: ProductCategory.PROTECTED_HOUSING }, outcome: ProvisionOutcome.REJECTED } as ProvisionInput]), ruleSets)).toBe(false);
  });
});
