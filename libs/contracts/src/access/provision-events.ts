import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { ChangeReason, EndReason } from '../codes/istandaard-mapping';
import { Law } from '../codes/product-category';
import { DeliveryForm, FinancingVariant, Unit } from '../codes/units';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Nested, Period, ProductRef, Volume } from '../common/value-objects';

export const PROVISION_GRANTED_V1 = 'access.provision.granted.v1';
export const PROVISION_CHANGED_V1 = 'access.provision.changed.v1';
export const PROVISION_ENDED_V1 = 'access.provision.ended.v1';

/**
 * Why `responsibleMunicipality` pays (DOMAIN "Responsible municipality"). Added beside the
 * municipality code so consumers can explain the choice; the code itself stays authoritative.
 * Values are only added: the first seven come from the rule sets of ADR 0033 (provisions decided
 * under them keep them); the rest name each rule of the corrected rule sets, one value per rule.
 */
export enum ResponsibilityReason {
  /** Not protected housing or shelter: the deciding municipality pays. */
  DECIDING_MUNICIPALITY = 'DECIDING_MUNICIPALITY',
  /** The rule set in force keeps all protected housing with the central municipality. */
  CENTRAL_REGIME = 'CENTRAL_REGIME',
  /** An existing client stays with the central municipality while the indication runs. */
  EXISTING_CLIENT = 'EXISTING_CLIENT',
  /** Shelter (maatschappelijke opvang, categories 16/17) stays with the central municipality. */
  SHELTER = 'SHELTER',
  /** A new client: the municipality of origin pays for the configured period. */
  ORIGIN_PERIOD = 'ORIGIN_PERIOD',
  /** A new client after the origin period: the BRP municipality pays. */
  BRP_MUNICIPALITY = 'BRP_MUNICIPALITY',
  /** No determinable origin (or BRP municipality): the national safety net. */
  NATIONAL_SAFETY_NET = 'NATIONAL_SAFETY_NET',

  // Jeugdwet (since 2022): art. 2.3 lid 1 with art. 1.1 "woonplaats", each step its own rule.
  /** Jeugdwet art. 1.1 woonplaats 1°: where the young person has their BRP residential address. */
  JEUGDWET_BRP_ADDRESS = 'JEUGDWET_BRP_ADDRESS',
  /**
   * Jeugdwet art. 1.1 woonplaats 2°: during a stay with a youth-care provider, a foster parent, in
   * shelter or protected housing, or in a youth custodial institution (JJI), the BRP address
   * immediately before the first of those consecutive stays.
   */
  JEUGDWET_ADDRESS_BEFORE_STAY = 'JEUGDWET_ADDRESS_BEFORE_STAY',
  /**
   * Jeugdwet art. 1.1 woonplaats 3°: no address under 1° or 2°, or one annotated under Wet BRP
   * art. 2.26 (address in investigation): where the mother was registered at the birth.
   */
  JEUGDWET_MOTHER_AT_BIRTH = 'JEUGDWET_MOTHER_AT_BIRTH',
  /** Jeugdwet art. 1.1 woonplaats 3°, last part: failing that, where the young person actually stays. */
  JEUGDWET_ACTUAL_STAY = 'JEUGDWET_ACTUAL_STAY',

  // Wmo 2015, the law in force.
  /** Wmo 2015 art. 1.2.1 a, ordinary support: where the resident is registered in the BRP. */
  WMO_BRP_MUNICIPALITY = 'WMO_BRP_MUNICIPALITY',
  /**
   * Wmo 2015 art. 1.2.1 b, protected housing and shelter (categories 15–18): national access, the
   * municipality the resident turned to. Shelter keeps it under the woonplaatsbeginsel too.
   */
  WMO_NATIONAL_ACCESS = 'WMO_NATIONAL_ACCESS',
  /** Protected housing and shelter under the law in force: regionally, the central municipality pays. */
  WMO_CENTRAL_MUNICIPALITY = 'WMO_CENTRAL_MUNICIPALITY',

  // The woonplaatsbeginsel for protected housing (bill 36288), a dated rule set a region activates.
  /** Bill 36288, Wmo art. 1.2.1 b as amended: the municipality of the resident's BRP residential address. */
  PROTECTED_HOUSING_RESIDENTIAL_ADDRESS = 'PROTECTED_HOUSING_RESIDENTIAL_ADDRESS',
  /**
   * Bill 36288, Wmo art. 1.2.1a lid 1 a: protected housing ended less than twelve months ago, the
   * municipality that last provided it.
   */
  PROTECTED_HOUSING_RECENT_PROVISION = 'PROTECTED_HOUSING_RECENT_PROVISION',
  /** Bill 36288, Wmo art. 1.2.1a lid 1 b: a residential address at an institution designated by ministerial regulation. */
  PROTECTED_HOUSING_INSTITUTION_ADDRESS = 'PROTECTED_HOUSING_INSTITUTION_ADDRESS',
  /** Bill 36288, Wmo art. 1.2.1a lid 1 c: the exception for a young adult coming from youth care with a stay. */
  PROTECTED_HOUSING_AFTER_YOUTH_CARE = 'PROTECTED_HOUSING_AFTER_YOUTH_CARE',
  /** Bill 36288, Wmo art. 1.2.1a lid 1 d: the exception for a resident without a residential address. */
  PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS = 'PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS',
}

/** iWmo/iJw ToewijzingNummer (LDT_Nummer): an integer of at most nine digits. */
export const ASSIGNMENT_NUMBER_MAX = 999_999_999;

/** hex HMAC-SHA256 of the BSN under VANGNET_PSEUDONYM_KEY. */
export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A granted provision (one version of one lineage). `lineageId` is the first version's
 * `provisionId`; `assignmentNumber` is the lineage's iWmo/iJw ToewijzingNummer.
 * `responsibleMunicipality` pays; `municipality` decided.
 */
export class ProvisionGrantedV1 {
  @IsUUID()
  provisionId!: string;

  @IsUUID()
  lineageId!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsIsoDate()
  validFrom!: IsoDate;

  @IsUUID()
  decisionId!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Nested(() => ProductRef)
  product!: ProductRef;

  @IsEnum(DeliveryForm)
  deliveryForm!: DeliveryForm;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @Nested(() => Volume)
  volume?: Volume;

  @Nested(() => Period)
  period!: Period;

  /** For a provision without volume (PGB, aspecific with a budget): the budget for the whole period. */
  @IsOptional()
  @IsCents()
  budgetCents?: number;

  @IsOptional()
  @IsUUID()
  contractId?: string;

  /** The tariff on the start date, for display; finance prices each year with that year's tariff. */
  @IsOptional()
  @IsCents()
  tariffCents?: number;

  /** The unit the contract tariff is for (HOUR when minutes are assigned against an hour tariff). */
  @IsOptional()
  @IsEnum(Unit)
  tariffUnit?: Unit;

  @IsOptional()
  @IsEnum(FinancingVariant)
  variant?: FinancingVariant;

  @IsMunicipalityCode()
  municipality!: string;

  @IsMunicipalityCode()
  responsibleMunicipality!: string;

  /** Why `responsibleMunicipality` pays (additive; absent from older events). */
  @IsOptional()
  @IsEnum(ResponsibilityReason)
  responsibilityReason?: ResponsibilityReason;

  @IsOptional()
  @IsEnum(Law)
  law?: Law;

  @IsBoolean()
  crisis!: boolean;

  /**
   * The lineage's assignment number (iWmo/iJw ToewijzingNummer, an XSD integer, so the lineage
   * UUID cannot be it): allocated by access when a lineage starts, unique per
   * `responsibleMunicipality`, the same on every version. Access always sets it from now on;
   * optional only because a published version gains no required field (events from before it
   * must still validate on replay). A change of paying municipality starts a new lineage.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ASSIGNMENT_NUMBER_MAX)
  assignmentNumber?: number;

  /** The provider's request (exchange.assignment-request.received) this version answers. */
  @IsOptional()
  @IsUUID()
  requestId?: string;

  /** Municipality of origin (gemeente van herkomst) as access recorded it, for protected housing. */
  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;
}

/** A new version of a lineage from `validFrom`; the previous version stops the day before. */
export class ProvisionChangedV1 extends ProvisionGrantedV1 {
  @IsUUID()
  previousProvisionId!: string;

  @IsOptional()
  @IsEnum(ChangeReason)
  changeReason?: ChangeReason;
}

/** The whole lineage ends on `endDate` (inclusive: the last day of delivery). */
export class ProvisionEndedV1 {
  @IsUUID()
  provisionId!: string;

  @IsUUID()
  lineageId!: string;

  @IsIsoDate()
  endDate!: IsoDate;

  @IsEnum(EndReason)
  reason!: EndReason;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsMunicipalityCode()
  responsibleMunicipality?: string;

  @IsOptional()
  @IsString()
  note?: string;

  /** The lineage's assignment number (see ProvisionGrantedV1), so a 301 for the end needs no lookup. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ASSIGNMENT_NUMBER_MAX)
  assignmentNumber?: number;
}
