import { Law, ProductCategory } from './product-category';
import { DeliveryForm, FinancingVariant, Frequency, Unit } from './units';

/**
 * The one mapping between our wire values and the iWmo/iJw 3.2 code lists
 * (WJ756 Eenheid, WMO757 Frequentie, WMO020/JZ020 Productcategorie, COD043 DebetCredit,
 * WMO588 RedenBeeindiging, WMO002 RedenWijziging). Every service and libs/istandaarden use it.
 */

export class UnmappableCodeError extends Error {
  constructor(
    readonly list: string,
    readonly value: string,
  ) {
    super(`${value} has no ${list} code`);
  }
}

// WJ756 Eenheid. PIECE is 82 (output) or 84 (effort); TASK-financed products are not exchanged per piece.
const UNIT_TO_WJ756: Readonly<Record<Exclude<Unit, Unit.PIECE>, string>> = {
  [Unit.MINUTE]: '01',
  [Unit.HOUR]: '04',
  [Unit.DAY]: '14',
  [Unit.DAY_PART]: '16',
  [Unit.EURO]: '83',
};

export function unitToIstandaard(unit: Unit, variant: FinancingVariant = FinancingVariant.EFFORT): string {
  if (unit === Unit.PIECE) return variant === FinancingVariant.OUTPUT ? '82' : '84';
  return UNIT_TO_WJ756[unit];
}

export function unitFromIstandaard(code: string): { unit: Unit; variant?: FinancingVariant } {
  switch (code) {
    case '01':
      return { unit: Unit.MINUTE };
    case '04':
      return { unit: Unit.HOUR };
    case '14':
      return { unit: Unit.DAY };
    case '16':
      return { unit: Unit.DAY_PART };
    case '82':
      return { unit: Unit.PIECE, variant: FinancingVariant.OUTPUT };
    case '83':
      return { unit: Unit.EURO };
    case '84':
      return { unit: Unit.PIECE, variant: FinancingVariant.EFFORT };
    default:
      throw new UnmappableCodeError('WJ756', code);
  }
}

// WMO757 Frequentie (also used by iJw).
const FREQUENCY_TO_WMO757: Readonly<Record<Frequency, string>> = {
  [Frequency.PER_DAY]: '1',
  [Frequency.PER_WEEK]: '2',
  [Frequency.PER_MONTH]: '4',
  [Frequency.TOTAL]: '6',
};

export function frequencyToIstandaard(frequency: Frequency): string {
  return FREQUENCY_TO_WMO757[frequency];
}

export function frequencyFromIstandaard(code: string): Frequency {
  const hit = (Object.keys(FREQUENCY_TO_WMO757) as Frequency[]).find((f) => FREQUENCY_TO_WMO757[f] === code);
  if (!hit) throw new UnmappableCodeError('WMO757', code);
  return hit;
}

// Categories travel unchanged: our wire value is the code list's own code.
export function categoryToIstandaard(category: ProductCategory): string {
  return category;
}

export function categoryFromIstandaard(code: string): ProductCategory {
  if (!(Object.values(ProductCategory) as string[]).includes(code)) {
    throw new UnmappableCodeError('WMO020/JZ020', code);
  }
  return code as ProductCategory;
}

/**
 * iWmo/iJw 3.2 carry no delivery form: only in-kind assignments are exchanged with providers
 * (a PGB is paid through the SVB). A PGB provision therefore has no 301.
 */
export function isExchangedInIstandaard(form: DeliveryForm): boolean {
  return form === DeliveryForm.IN_KIND;
}

export enum DebitCredit {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}

export function debitCreditToIstandaard(value: DebitCredit): 'D' | 'C' {
  return value === DebitCredit.DEBIT ? 'D' : 'C';
}

export function debitCreditFromIstandaard(code: string): DebitCredit {
  if (code === 'D') return DebitCredit.DEBIT;
  if (code === 'C') return DebitCredit.CREDIT;
  throw new UnmappableCodeError('COD043', code);
}

/** Why a provision ended (iWmo WMO588 / iJw JZ588 Reden beëindiging). */
export enum EndReason {
  DECEASED = 'DECEASED',
  DELIVERED_AS_PLANNED = 'DELIVERED_AS_PLANNED',
  TEMPORARILY_ENDED = 'TEMPORARILY_ENDED',
  ENDED_BY_CLIENT = 'ENDED_BY_CLIENT',
  ENDED_BY_PROVIDER = 'ENDED_BY_PROVIDER',
  ENDED_EARLY_BY_AGREEMENT = 'ENDED_EARLY_BY_AGREEMENT',
  /** Jeugdwet only. */
  ENDED_EARLY_EXTERNAL_CIRCUMSTANCES = 'ENDED_EARLY_EXTERNAL_CIRCUMSTANCES',
  /** Wmo only. */
  MOVED_TO_OTHER_MUNICIPALITY = 'MOVED_TO_OTHER_MUNICIPALITY',
  INITIATED_BY_MUNICIPALITY = 'INITIATED_BY_MUNICIPALITY',
  CHANGE_REQUEST = 'CHANGE_REQUEST',
  PROVIDER_SWITCH = 'PROVIDER_SWITCH',
  OUTFLOW_OTHER_DOMAIN = 'OUTFLOW_OTHER_DOMAIN',
}

// The two standards number the same reasons differently: 31 is "moved" in iWmo, "as planned" in iJw.
const END_REASON_CODES: Readonly<Record<Law, Readonly<Partial<Record<EndReason, string>>>>> = {
  [Law.WMO]: {
    [EndReason.DECEASED]: '02',
    [EndReason.DELIVERED_AS_PLANNED]: '19',
    [EndReason.TEMPORARILY_ENDED]: '20',
    [EndReason.ENDED_BY_CLIENT]: '21',
    [EndReason.ENDED_BY_PROVIDER]: '22',
    [EndReason.ENDED_EARLY_BY_AGREEMENT]: '23',
    [EndReason.MOVED_TO_OTHER_MUNICIPALITY]: '31',
    [EndReason.INITIATED_BY_MUNICIPALITY]: '36',
    [EndReason.CHANGE_REQUEST]: '37',
    [EndReason.PROVIDER_SWITCH]: '38',
    [EndReason.OUTFLOW_OTHER_DOMAIN]: '39',
  },
  [Law.JEUGDWET]: {
    [EndReason.DECEASED]: '02',
    [EndReason.TEMPORARILY_ENDED]: '20',
    [EndReason.DELIVERED_AS_PLANNED]: '31',
    [EndReason.ENDED_BY_CLIENT]: '32',
    [EndReason.ENDED_BY_PROVIDER]: '33',
    [EndReason.ENDED_EARLY_BY_AGREEMENT]: '34',
    [EndReason.ENDED_EARLY_EXTERNAL_CIRCUMSTANCES]: '35',
    [EndReason.INITIATED_BY_MUNICIPALITY]: '36',
    [EndReason.CHANGE_REQUEST]: '37',
    [EndReason.PROVIDER_SWITCH]: '38',
    [EndReason.OUTFLOW_OTHER_DOMAIN]: '39',
  },
};

export function endReasonToIstandaard(reason: EndReason, law: Law = Law.WMO): string {
  const code = END_REASON_CODES[law][reason];
  if (!code) throw new UnmappableCodeError(law === Law.WMO ? 'WMO588' : 'JZ588', reason);
  return code;
}

export function endReasonFromIstandaard(code: string, law: Law = Law.WMO): EndReason {
  const codes = END_REASON_CODES[law];
  const hit = (Object.keys(codes) as EndReason[]).find((r) => codes[r] === code);
  if (!hit) throw new UnmappableCodeError(law === Law.WMO ? 'WMO588' : 'JZ588', code);
  return hit;
}

/** Why a provision changed (WMO002 Reden wijziging toewijzing). */
export enum ChangeReason {
  CLIENT_DECEASED = 'CLIENT_DECEASED',
  CONTRACT_CHANGE = 'CONTRACT_CHANGE',
  REASSESSMENT_EXTENSION = 'REASSESSMENT_EXTENSION',
  REASSESSMENT_SHORTENING = 'REASSESSMENT_SHORTENING',
  OUTFLOW_OTHER_DOMAIN = 'OUTFLOW_OTHER_DOMAIN',
  MOVED_TO_OTHER_MUNICIPALITY = 'MOVED_TO_OTHER_MUNICIPALITY',
  DELIVERY_FORM_CHANGE = 'DELIVERY_FORM_CHANGE',
  PROVIDER_SWITCH = 'PROVIDER_SWITCH',
  NEW_FUNDING_SYSTEM = 'NEW_FUNDING_SYSTEM',
  MUNICIPAL_MERGER = 'MUNICIPAL_MERGER',
  INITIATED_BY_PROVIDER = 'INITIATED_BY_PROVIDER',
  REMOVED = 'REMOVED',
  ADMINISTRATIVE_CORRECTION = 'ADMINISTRATIVE_CORRECTION',
}

const CHANGE_REASON_TO_WMO002: Readonly<Record<ChangeReason, string>> = {
  [ChangeReason.CLIENT_DECEASED]: '02',
  [ChangeReason.CONTRACT_CHANGE]: '03',
  [ChangeReason.REASSESSMENT_EXTENSION]: '04',
  [ChangeReason.REASSESSMENT_SHORTENING]: '05',
  [ChangeReason.OUTFLOW_OTHER_DOMAIN]: '06',
  [ChangeReason.MOVED_TO_OTHER_MUNICIPALITY]: '07',
  [ChangeReason.DELIVERY_FORM_CHANGE]: '08',
  [ChangeReason.PROVIDER_SWITCH]: '09',
  [ChangeReason.NEW_FUNDING_SYSTEM]: '10',
  [ChangeReason.MUNICIPAL_MERGER]: '11',
  [ChangeReason.INITIATED_BY_PROVIDER]: '12',
  [ChangeReason.REMOVED]: '13',
  [ChangeReason.ADMINISTRATIVE_CORRECTION]: '14',
};

export function changeReasonToIstandaard(reason: ChangeReason): string {
  return CHANGE_REASON_TO_WMO002[reason];
}

export function changeReasonFromIstandaard(code: string): ChangeReason {
  const hit = (Object.keys(CHANGE_REASON_TO_WMO002) as ChangeReason[]).find(
    (r) => CHANGE_REASON_TO_WMO002[r] === code,
  );
  if (!hit) throw new UnmappableCodeError('WMO002', code);
  return hit;
}
