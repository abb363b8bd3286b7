import { DebitCredit, DeliveryForm, FinancingVariant, Frequency, Unit } from '@vangnet/contracts';
import { ProvisionVersionFacts } from '../../src/commitments/commitments.rules';
import { DeclarationLineInput } from '../../src/declarations/assessment.rules';

// Plain facts for the unit specs of the rules: a provision version as access published it, and a
// declaration line as a provider sends it. Overrides make each case.

export const LINEAGE = '00000000-0000-4000-8000-0000000000a1';
export const PROVIDER_AGB = '98000001';

/** 4 hours a week, effort-based, 02/02A01, in kind, all of 2026; Leiden decides and pays. */
export function aVersion(o: Partial<ProvisionVersionFacts> = {}): ProvisionVersionFacts {
  return {
    provisionId: LINEAGE,
    lineageId: LINEAGE,
    version: 1,
    validFrom: '2026-01-01',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    deliveryForm: DeliveryForm.IN_KIND,
    category: '02',
    productCode: '02A01',
    providerAgb: PROVIDER_AGB,
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    budgetCents: null,
    contractId: null,
    tariffCents: 6500,
    tariffUnit: Unit.HOUR,
    variant: FinancingVariant.EFFORT,
    municipality: 'GM0546',
    responsibleMunicipality: 'GM0546',
    personId: '00000000-0000-4000-8000-0000000000b1',
    personPseudonym: 'ab'.repeat(32),
    ...o,
  };
}

/** 10 hours in May 2026 at € 65.00 on the lineage (May touches 5 calendar weeks: 20 hours would be allowed). */
export function aLine(o: Partial<DeclarationLineInput> = {}): DeclarationLineInput {
  return {
    lineNo: 1,
    reference: 'R-1',
    previousReference: null,
    provisionId: LINEAGE,
    category: '02',
    productCode: '02A01',
    periodStart: '2026-05-01',
    periodEnd: '2026-05-31',
    volume: 10,
    unit: Unit.HOUR,
    tariffCents: 6500,
    amountCents: 65_000,
    debitCredit: DebitCredit.DEBIT,
    ...o,
  };
}
