import { ContractCheckRequest, DomainError, InvalidParam, ProvisionGrantedV1 } from '@vangnet/contracts';
import { ProvisionView } from './decisions.dto';
import { validTo } from './provision.rules';
import { LineageRow, ProvisionRow } from './provisions.repository';
import { CheckOutcome, ContractCheckClient } from './contract-check.client';

/** The event payload of a version (granted, or changed with previousProvisionId added). No BSN, no name. */
export function provisionEvent(p: Omit<ProvisionRow, 'responsibilitySwitchError'>, personPseudonym: string): ProvisionGrantedV1 {
  return {
    provisionId: p.id,
    lineageId: p.lineageId,
    version: p.version,
    validFrom: p.validFrom,
    decisionId: p.decisionId,
    personId: p.personId,
    personPseudonym,
    ...(p.householdId ? { householdId: p.householdId } : {}),
    product: { category: p.category, ...(p.productCode ? { code: p.productCode } : {}) } as ProvisionGrantedV1['product'],
    deliveryForm: p.deliveryForm,
    ...(p.providerAgb ? { providerAgb: p.providerAgb } : {}),
    ...(p.volumeAmount != null && p.volumeUnit && p.volumeFrequency
      ? { volume: { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency } }
      : {}),
    period: { start: p.periodStart, ...(p.periodEnd ? { end: p.periodEnd } : {}) },
    ...(p.budgetCents != null ? { budgetCents: p.budgetCents } : {}),
    ...(p.contractId ? { contractId: p.contractId } : {}),
    ...(p.tariffCents != null ? { tariffCents: p.tariffCents } : {}),
    ...(p.tariffUnit ? { tariffUnit: p.tariffUnit } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
    municipality: p.municipality,
    responsibleMunicipality: p.responsibleMunicipality,
    responsibilityReason: p.responsibilityReason,
    law: p.law,
    crisis: p.crisis,
  };
}

export function provisionView(p: Omit<ProvisionRow, 'responsibilitySwitchError'>, lineage: Pick<LineageRow, 'latestVersion' | 'endDate' | 'endReason'>, versions: readonly Pick<ProvisionRow, 'id' | 'version' | 'validFrom'>[]): ProvisionView {
  const next = versions.find((v) => v.version === p.version + 1);
  const current = versions.reduce((a, b) => (b.version > a.version ? b : a), p);
  return {
    provisionId: p.id,
    lineageId: p.lineageId,
    version: p.version,
    validFrom: p.validFrom,
    validTo: validTo(next?.validFrom),
    status: lineage.endDate ? 'ENDED' : p.version < lineage.latestVersion ? 'SUPERSEDED' : 'ACTIVE',
    currentProvisionId: current.id,
    decisionId: p.decisionId,
    personId: p.personId,
    householdId: p.householdId,
    product: { category: p.category, ...(p.productCode ? { code: p.productCode } : {}) },
    deliveryForm: p.deliveryForm,
    providerAgb: p.providerAgb,
    volume: p.volumeAmount != null && p.volumeUnit && p.volumeFrequency ? { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency } : null,
    period: { start: p.periodStart, end: p.periodEnd },
    budgetCents: p.budgetCents,
    contractId: p.contractId,
    tariffCents: p.tariffCents,
    tariffUnit: p.tariffUnit,
    variant: p.variant,
    crisis: p.crisis,
    law: p.law,
    municipality: p.municipality,
    responsibleMunicipality: p.responsibleMunicipality,
    responsibilityReason: p.responsibilityReason,
    responsibilitySwitchOn: p.responsibilitySwitchOn,
    previousProvisionId: p.previousProvisionId,
    changeReason: p.changeReason,
    endDate: lineage.endDate,
    endReason: lineage.endReason,
  };
}

export interface CheckItem {
  /** The field path of the provider in the request, e.g. `provisions[1].providerAgb`. */
  field: string;
  request: ContractCheckRequest;
}

/**
 * Runs the contract checks of one request in parallel. Any refusal refuses the whole request with
 * procurement's code unchanged (422, naming each refused provision's provider field); no
 * responder or a timeout is a 503 (from the RPC client), so nothing is written either way.
 */
export async function checkContracts(client: ContractCheckClient, items: readonly CheckItem[]): Promise<CheckOutcome[]> {
  const outcomes = await Promise.all(items.map((i) => client.check(i.request)));
  const refused: InvalidParam[] = [];
  outcomes.forEach((o, i) => {
    if (!o.ok) {
      const r = items[i].request;
      refused.push({
        name: items[i].field,
        code: o.code,
        reason: o.message ?? `procurement refused provider ${r.providerAgb} for category ${r.product.category} paid by ${r.municipality} on ${r.date}: ${o.code}`,
      });
    }
  });
  if (refused.length) throw new DomainError(refused[0].code, refused.map((r) => r.reason).join('; '), 422, refused);
  return outcomes;
}
