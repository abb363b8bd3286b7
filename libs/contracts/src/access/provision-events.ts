import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
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
}

/** hex HMAC-SHA256 of the BSN under VANGNET_PSEUDONYM_KEY. */
export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A granted provision (one version of one lineage). `lineageId` is the assignment number: the
 * first version's `provisionId`. `responsibleMunicipality` pays; `municipality` decided.
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
}
