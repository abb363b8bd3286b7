import {
  AddressDesignation,
  AddressKind,
  BirthDatePrecision,
  ChangeRequestReason,
  DeliveryReportStatus,
  NameUse,
  ReferrerType,
  RequestRejectionReason,
  Sex,
} from './message-codes';
import { Law, ProductCategory } from './product-category';
import { DeliveryForm, FinancingVariant, Frequency, Unit } from './units';

/**
 * The one mapping between our wire values and the iWmo/iJw 3.2 code lists
 * (WJ756 Eenheid, WMO757 Frequentie, WMO020/JZ020 Productcategorie, COD043 DebetCredit,
 * WMO588 RedenBeeindiging, WMO002 RedenWijziging, and the client, request and delivery lists of the
 * wave-2 messages: COD046, COD170, COD700, COD757, NUM061, COD327, WJ758, WJ759, COD467). Every
 * service and libs/istandaarden use it.
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

/** A one-to-one mapping between one of our enums and a code list, both ways. */
function codeList<E extends string>(list: string, codes: Readonly<Record<E, string>>) {
  const entries = Object.entries(codes) as Array<[E, string]>;
  return {
    to: (value: E): string => {
      const code = codes[value];
      if (code === undefined) throw new UnmappableCodeError(list, value);
      return code;
    },
    from: (code: string): E => {
      const hit = entries.find(([, c]) => c === code);
      if (!hit) throw new UnmappableCodeError(list, code);
      return hit[0];
    },
  };
}

const SEX = codeList<Sex>('COD046', { [Sex.UNKNOWN]: '0', [Sex.MALE]: '1', [Sex.FEMALE]: '2' });
export const sexToIstandaard = SEX.to;
export const sexFromIstandaard = SEX.from;

// COD170: a full date carries no DatumGebruik at all.
const BIRTH_DATE_PRECISION = codeList<Exclude<BirthDatePrecision, BirthDatePrecision.FULL>>('COD170', {
  [BirthDatePrecision.YEAR_AND_MONTH]: '1',
  [BirthDatePrecision.YEAR]: '2',
  [BirthDatePrecision.UNKNOWN]: '3',
});
export function birthDatePrecisionToIstandaard(precision: BirthDatePrecision): string | undefined {
  return precision === BirthDatePrecision.FULL ? undefined : BIRTH_DATE_PRECISION.to(precision);
}
export function birthDatePrecisionFromIstandaard(code: string | undefined): BirthDatePrecision {
  return code === undefined || code === '' ? BirthDatePrecision.FULL : BIRTH_DATE_PRECISION.from(code);
}

// COD700 also has 6 (niet-natuurlijk persoon), which no resident is.
const NAME_USE = codeList<NameUse>('COD700', {
  [NameUse.OWN]: '1',
  [NameUse.PARTNER]: '2',
  [NameUse.PARTNER_THEN_OWN]: '3',
  [NameUse.OWN_THEN_PARTNER]: '4',
  [NameUse.PSEUDONYM]: '5',
});
export const nameUseToIstandaard = NAME_USE.to;
export const nameUseFromIstandaard = NAME_USE.from;

const ADDRESS_KIND = codeList<AddressKind>('COD757', {
  [AddressKind.BRP]: '01',
  [AddressKind.CORRESPONDENCE]: '02',
  [AddressKind.STAY]: '03',
  [AddressKind.TEMPORARY_STAY]: '04',
});
export const addressKindToIstandaard = ADDRESS_KIND.to;
export const addressKindFromIstandaard = ADDRESS_KIND.from;

const ADDRESS_DESIGNATION = codeList<AddressDesignation>('NUM061', {
  [AddressDesignation.ON_BOARD]: 'AB',
  [AddressDesignation.NEXT_TO]: 'BY',
  [AddressDesignation.OPPOSITE]: 'TO',
  [AddressDesignation.CARAVAN]: 'WW',
});
export const addressDesignationToIstandaard = ADDRESS_DESIGNATION.to;
export const addressDesignationFromIstandaard = ADDRESS_DESIGNATION.from;

// COD327 has no 07.
const REFERRER_TYPE = codeList<ReferrerType>('COD327', {
  [ReferrerType.MUNICIPALITY]: '01',
  [ReferrerType.GENERAL_PRACTITIONER]: '02',
  [ReferrerType.YOUTH_DOCTOR]: '03',
  [ReferrerType.CERTIFIED_INSTITUTION]: '04',
  [ReferrerType.MEDICAL_SPECIALIST]: '05',
  [ReferrerType.SELF_REFERRAL]: '06',
  [ReferrerType.JUDICIAL]: '08',
});
export const referrerTypeToIstandaard = REFERRER_TYPE.to;
export const referrerTypeFromIstandaard = REFERRER_TYPE.from;

const CHANGE_REQUEST_REASON = codeList<ChangeRequestReason>('WJ758', {
  [ChangeRequestReason.CLIENT_SITUATION_CHANGED]: '1',
  [ChangeRequestReason.CARE_PLAN_CHANGED]: '2',
});
export const changeRequestReasonToIstandaard = CHANGE_REQUEST_REASON.to;
export const changeRequestReasonFromIstandaard = CHANGE_REQUEST_REASON.from;

const REQUEST_REJECTION_REASON = codeList<RequestRejectionReason>('WJ759', {
  [RequestRejectionReason.NEW_REQUEST_NOT_A_CHANGE]: '1',
  [RequestRejectionReason.EXCEEDS_BUDGET]: '2',
  [RequestRejectionReason.NO_CONTRACT]: '3',
  [RequestRejectionReason.OUTSIDE_CONTRACT]: '4',
  [RequestRejectionReason.OTHER_MUNICIPALITY]: '5',
  [RequestRejectionReason.STACKING]: '6',
  [RequestRejectionReason.CARE_CONTENT]: '7',
  [RequestRejectionReason.RESIDENCE_PRINCIPLE]: '8',
  [RequestRejectionReason.AGE_LIMIT_REACHED]: '9',
});
export const requestRejectionReasonToIstandaard = REQUEST_REJECTION_REASON.to;
export const requestRejectionReasonFromIstandaard = REQUEST_REJECTION_REASON.from;

// COD467 also has 9 (not applicable), which retours use; a 305 or 307 carries 1, 2 or 3.
const DELIVERY_REPORT_STATUS = codeList<DeliveryReportStatus>('COD467', {
  [DeliveryReportStatus.NEW]: '1',
  [DeliveryReportStatus.CORRECTED]: '2',
  [DeliveryReportStatus.DELETED]: '3',
});
export const deliveryReportStatusToIstandaard = DELIVERY_REPORT_STATUS.to;
export const deliveryReportStatusFromIstandaard = DELIVERY_REPORT_STATUS.from;

/** Every end-reason code of WMO588 and JZ588 (delivery stops carry the code list's own code). */
export const END_REASON_CODES_OF: Readonly<Record<Law, readonly string[]>> = {
  [Law.WMO]: Object.values(END_REASON_CODES[Law.WMO]) as string[],
  [Law.JEUGDWET]: Object.values(END_REASON_CODES[Law.JEUGDWET]) as string[],
};
