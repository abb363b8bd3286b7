/**
 * Wire values for the iWmo/iJw 3.2 code lists the wave-2 messages carry (readable English names;
 * `istandaard-mapping.ts` holds the one mapping to each list's codes). Values are only ever added.
 */

/** COD046 Geslacht. */
export enum Sex {
  UNKNOWN = 'UNKNOWN',
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

/** COD170 Datumgebruik: which part of a birth date is known (FULL: all of it, no code). */
export enum BirthDatePrecision {
  FULL = 'FULL',
  YEAR_AND_MONTH = 'YEAR_AND_MONTH',
  YEAR = 'YEAR',
  UNKNOWN = 'UNKNOWN',
}

/** COD700 Naamgebruik: how the person's name is used (iWmo 301 requires one; OWN by default). */
export enum NameUse {
  OWN = 'OWN',
  PARTNER = 'PARTNER',
  PARTNER_THEN_OWN = 'PARTNER_THEN_OWN',
  OWN_THEN_PARTNER = 'OWN_THEN_PARTNER',
  PSEUDONYM = 'PSEUDONYM',
}

/** COD757 Soort adres. */
export enum AddressKind {
  BRP = 'BRP',
  CORRESPONDENCE = 'CORRESPONDENCE',
  STAY = 'STAY',
  TEMPORARY_STAY = 'TEMPORARY_STAY',
}

/** NUM061 Aanduiding woonadres: an address without the usual house number ("bij", a caravan, a boat). */
export enum AddressDesignation {
  ON_BOARD = 'ON_BOARD',
  NEXT_TO = 'NEXT_TO',
  OPPOSITE = 'OPPOSITE',
  CARAVAN = 'CARAVAN',
}

/** COD327 Code verwijzer: who referred the client (a 315's Verwijzer). */
export enum ReferrerType {
  MUNICIPALITY = 'MUNICIPALITY',
  GENERAL_PRACTITIONER = 'GENERAL_PRACTITIONER',
  YOUTH_DOCTOR = 'YOUTH_DOCTOR',
  CERTIFIED_INSTITUTION = 'CERTIFIED_INSTITUTION',
  MEDICAL_SPECIALIST = 'MEDICAL_SPECIALIST',
  SELF_REFERRAL = 'SELF_REFERRAL',
  /** A judge, public prosecutor or official of a youth custodial institution (code 08). */
  JUDICIAL = 'JUDICIAL',
}

/** WJ758 Reden verzoek: why a provider asks for a change (317). */
export enum ChangeRequestReason {
  CLIENT_SITUATION_CHANGED = 'CLIENT_SITUATION_CHANGED',
  CARE_PLAN_CHANGED = 'CARE_PLAN_CHANGED',
}

/** WJ759 Reden afwijzing verzoek: why a request for an assignment or a change is refused (319). */
export enum RequestRejectionReason {
  NEW_REQUEST_NOT_A_CHANGE = 'NEW_REQUEST_NOT_A_CHANGE',
  EXCEEDS_BUDGET = 'EXCEEDS_BUDGET',
  NO_CONTRACT = 'NO_CONTRACT',
  OUTSIDE_CONTRACT = 'OUTSIDE_CONTRACT',
  OTHER_MUNICIPALITY = 'OTHER_MUNICIPALITY',
  STACKING = 'STACKING',
  CARE_CONTENT = 'CARE_CONTENT',
  RESIDENCE_PRINCIPLE = 'RESIDENCE_PRINCIPLE',
  AGE_LIMIT_REACHED = 'AGE_LIMIT_REACHED',
}

/** COD467 Status aanlevering of a start (305) or stop (307) of care: first, corrected, or withdrawn. */
export enum DeliveryReportStatus {
  NEW = 'NEW',
  CORRECTED = 'CORRECTED',
  DELETED = 'DELETED',
}
