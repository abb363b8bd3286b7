import { DebitCredit, DeliveryForm, Frequency, Unit } from '@vangnet/contracts';
import { ProvisionVersionFacts } from '../commitments/commitments.rules';
import { aLine, aVersion, LINEAGE, PROVIDER_AGB } from '../../test/support/facts';
import { TariffQuote } from '../tariffs/tariffs.rules';
import { assessLines, AssessmentContext, DeclarationLineInput, deliveredKey, LineOutcome, PriorDebit, PriorUse } from './assessment.rules';
import { LineReason, RETOUR_CODE_OF } from './reason-codes';

const PROVIDER = PROVIDER_AGB;
const LEIDEN = 'GM0546';

function nothingBefore(o: Partial<PriorUse> = {}): PriorUse {
  return { volume: new Map(), money: new Map(), delivered: new Set(), references: new Set(), debits: new Map(), credited: new Set(), ...o };
}

/** An approved debit of 10 hours in April that a credit may name. */
const aprilDebit: PriorDebit = {
  reference: 'D-APRIL',
  lineageId: LINEAGE,
  periodStart: '2026-04-01',
  periodEnd: '2026-04-30',
  category: '02',
  productCode: '02A01',
  volume: 10,
  unit: Unit.HOUR,
  amountCents: 65_000,
};
const creditOfApril = (o: Partial<DeclarationLineInput> = {}) =>
  aLine({ reference: 'C-APRIL', previousReference: aprilDebit.reference, periodStart: '2026-04-01', periodEnd: '2026-04-30', debitCredit: DebitCredit.CREDIT, ...o });

const tariff2026 = (): TariffQuote | undefined => ({ tariffCents: 6500, unit: Unit.HOUR });

interface World {
  version?: Partial<ProvisionVersionFacts>;
  ctx?: Partial<AssessmentContext>;
  prior?: Partial<PriorUse>;
}

function assess(lines: DeclarationLineInput[], w: World = {}): LineOutcome[] {
  const version = aVersion(w.version);
  const ctx: AssessmentContext = {
    providerAgb: PROVIDER,
    municipality: LEIDEN,
    declarationMonth: '2026-05-01',
    lineages: new Map([[LINEAGE, { lineageId: LINEAGE, versions: [version], endDate: null }]]),
    lineageOf: new Map([[LINEAGE, LINEAGE]]),
    tariffOf: tariff2026,
    ...w.ctx,
  };
  return assessLines(lines, ctx, nothingBefore(w.prior));
}

describe(assessLines.name, () => {
  it('should approve a line that fits its assignment, tariff and volume, and count it', () => {
    const [sut] = assess([aLine()]);
    expect(sut).toMatchObject({ approved: true, reasons: [], approvedCents: 65_000, countUnit: Unit.MINUTE, countedVolume: 600, referenceOwner: true });
  });

  // One case per reason code, each a line that is right but for that one thing (ADR 0043, README "Declaration assessment").
  const cases: Array<[LineReason, DeclarationLineInput, World]> = [
    [LineReason.ASSIGNMENT_NOT_FOUND, aLine(), { ctx: { municipality: 'GM0579' } }],
    [LineReason.PERIOD_OUTSIDE_DECLARATION_PERIOD, aLine({ periodStart: '2026-06-01', periodEnd: '2026-06-10', volume: 8, amountCents: 52_000 }), { version: { periodEnd: '2026-06-10' } }],
    [LineReason.PERIOD_START_BEFORE_ASSIGNMENT, aLine({ periodStart: '2026-03-01', periodEnd: '2026-03-31' }), { version: { validFrom: '2026-03-10', periodStart: '2026-03-10' } }],
    [LineReason.PERIOD_END_AFTER_ASSIGNMENT, aLine({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }), { version: { periodEnd: '2026-04-15' } }],
    [LineReason.PERIOD_START_NOT_MONTH_START, aLine({ periodStart: '2026-04-02', periodEnd: '2026-04-30' }), {}],
    [LineReason.PERIOD_END_NOT_MONTH_END, aLine({ periodStart: '2026-03-01', periodEnd: '2026-03-30' }), {}],
    [LineReason.CATEGORY_MISMATCH, aLine({ category: '03' }), {}],
    [LineReason.PRODUCT_CODE_MISMATCH, aLine({ productCode: '02B01' }), {}],
    [LineReason.UNIT_MISMATCH, aLine({ unit: Unit.DAY_PART }), {}],
    [LineReason.TARIFF_MISMATCH, aLine({ tariffCents: 6600, amountCents: 66_000 }), {}],
    [LineReason.NO_CONTRACT_TARIFF, aLine(), { ctx: { tariffOf: () => undefined } }],
    [LineReason.AMOUNT_MISMATCH, aLine({ amountCents: 65_001 }), {}],
    [LineReason.VOLUME_EXCEEDS_FREQUENCY, aLine({ volume: 21, amountCents: 136_500 }), {}],
    [
      LineReason.VOLUME_EXCEEDS_ASSIGNMENT,
      aLine({ volume: 6, amountCents: 39_000 }),
      { version: { volume: { amount: 10, unit: Unit.HOUR, frequency: Frequency.TOTAL } }, prior: { volume: new Map([[`${LINEAGE}|${Unit.MINUTE}`, 6 * 60]]) } },
    ],
    [LineReason.BUDGET_EXCEEDED, aLine(), { version: { volume: null, budgetCents: 100_000 }, prior: { money: new Map([[LINEAGE, 65_000]]) } }],
    [LineReason.DUPLICATE_REFERENCE, aLine(), { prior: { references: new Set(['R-1']) } }],
    [LineReason.DUPLICATE_DELIVERY, aLine(), { prior: { delivered: new Set([deliveredKey(LINEAGE, '2026-05-01', '02', '02A01')]) } }],
    [LineReason.CREDIT_WITHOUT_DEBIT, creditOfApril({ previousReference: 'NEVER-SENT' }), {}],
    [LineReason.ALREADY_CREDITED, creditOfApril(), { prior: { debits: new Map([[aprilDebit.reference, aprilDebit]]), credited: new Set([aprilDebit.reference]) } }],
    [LineReason.CREDIT_DOES_NOT_MATCH_DEBIT, creditOfApril({ amountCents: 64_000 }), { prior: { debits: new Map([[aprilDebit.reference, aprilDebit]]) } }],
  ];

  it('should have one case for every reason code', () => {
    expect(cases.map(([code]) => code).sort()).toEqual((Object.values(LineReason) as string[]).sort());
  });

  it.each(cases)('should reject with %s (and only that) when the line breaks that rule', (code, line, world) => {
    const [sut] = assess([line], world);
    expect(sut).toMatchObject({ approved: false, reasons: [code], approvedCents: 0 });
    expect(RETOUR_CODE_OF[code]).toMatch(/^\d{4}$/);
  });

  it('should give another provider’s or a PGB assignment as not found', () => {
    expect(assess([aLine()], { version: { providerAgb: '98000002' } })[0].reasons).toEqual([LineReason.ASSIGNMENT_NOT_FOUND]);
    expect(assess([aLine()], { version: { deliveryForm: DeliveryForm.PGB } })[0].reasons).toEqual([LineReason.ASSIGNMENT_NOT_FOUND]);
  });

  it('should list several reasons in the table’s order, the first giving the retour code', () => {
    const [sut] = assess([aLine({ productCode: '02B01', category: '03', amountCents: 1 })]);
    expect(sut.reasons).toEqual([LineReason.CATEGORY_MISMATCH, LineReason.PRODUCT_CODE_MISMATCH, LineReason.AMOUNT_MISMATCH]);
  });

  it('should accept minutes against an hour tariff at the tariff ÷ 60, rounded half up to the cent (TR346)', () => {
    // 90 minutes at 6500 an hour: 9750 cents; tariff per minute 108 (6500 / 60 = 108.33).
    const [sut] = assess([aLine({ unit: Unit.MINUTE, volume: 90, tariffCents: 108, amountCents: 9750 })]);
    expect(sut).toMatchObject({ approved: true, countedVolume: 90 });
  });

  it('should count approved lines for the lines after them: a second May debit is a duplicate delivery', () => {
    const sut = assess([aLine(), aLine({ lineNo: 2, reference: 'R-2' })]);
    expect(sut.map((o) => o.reasons)).toHaveLength(2);
    expect(sut.map((o) => o.reasons)).toEqual([[], [LineReason.DUPLICATE_DELIVERY]]);
  });

  it('should take credits before debits, so a corrected debit follows the credit of its month', () => {
    const mayDebit = { ...aprilDebit, reference: 'D-MAY', periodStart: '2026-05-01', periodEnd: '2026-05-31' };
    const prior = { debits: new Map([[mayDebit.reference, mayDebit]]), delivered: new Set([deliveredKey(LINEAGE, '2026-05-01', '02', '02A01')]) };
    const correction = aLine({ lineNo: 1, reference: 'R-CORRECTED', volume: 8, amountCents: 52_000 });
    const credit = aLine({ lineNo: 2, reference: 'C-MAY', previousReference: 'D-MAY', debitCredit: DebitCredit.CREDIT });
    const sut = assess([correction, credit], { prior });
    expect(sut).toHaveLength(2);
    expect(sut.map((o) => [o.approved, o.approvedCents])).toEqual([
      [true, 52_000],
      [true, -65_000],
    ]);
  });
});
