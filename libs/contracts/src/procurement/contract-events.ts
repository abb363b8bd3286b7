import { ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { FinancingVariant, Unit } from '../codes/units';
import { IsIsoDate, IsoDate, IsYear } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Nested, NestedList, Period, ProductRef } from '../common/value-objects';

export const CONTRACT_ACTIVATED_V1 = 'procurement.contract.activated.v1';
export const CONTRACT_CHANGED_V1 = 'procurement.contract.changed.v1';
export const CONTRACT_ENDED_V1 = 'procurement.contract.ended.v1';
export const TARIFF_PUBLISHED_V1 = 'procurement.tariff.published.v1';
export const OPTION_DEADLINE_APPROACHING_V1 = 'procurement.contract.option-deadline-approaching.v1';

export enum ContractStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

export enum ContractOptionStatus {
  OPEN = 'OPEN',
  EXERCISED = 'EXERCISED',
  DECLINED = 'DECLINED',
}

export class YearTariff {
  @IsYear()
  year!: number;

  @IsCents()
  tariffCents!: number;
}

export class ContractedProductSnapshot {
  @Nested(() => ProductRef)
  product!: ProductRef;

  @IsEnum(FinancingVariant)
  variant!: FinancingVariant;

  @IsEnum(Unit)
  unit!: Unit;

  @IsBoolean()
  crisis!: boolean;

  @IsArray()
  @NestedList(() => YearTariff)
  tariffs!: YearTariff[];

  /** Yearly indexation in basis points (e.g. 350 = 3.5 %), applied to years without a set tariff. */
  @IsOptional()
  @IsInt()
  indexationBasisPoints?: number;
}

export class ContractOptionSnapshot {
  @IsInt()
  @Min(1)
  index!: number;

  @IsIsoDate()
  extendsTo!: IsoDate;

  @IsIsoDate()
  decisionDeadline!: IsoDate;

  @IsEnum(ContractOptionStatus)
  status!: ContractOptionStatus;

  /** When the option was exercised or declined. */
  @IsOptional()
  @IsIsoDate()
  decidedOn?: IsoDate;
}

/** The contract as stored: data of contract.activated/changed/ended. */
export class ContractSnapshotV1 {
  @IsUUID()
  contractId!: string;

  @IsString()
  reference!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @IsOptional()
  @IsString()
  lot?: string;

  @IsOptional()
  @IsUUID()
  roundId?: string;

  /** Subcontractors (onderaannemers) the main contractor (`providerAgb`) engages under this contract. */
  @IsOptional()
  @IsArray()
  @IsAgbCode({ each: true })
  subcontractors?: string[];

  /** The current term, extended by exercised options. */
  @Nested(() => Period)
  term!: Period;

  @IsEnum(ContractStatus)
  status!: ContractStatus;

  @IsArray()
  @NestedList(() => ContractOptionSnapshot)
  options!: ContractOptionSnapshot[];

  @IsArray()
  @NestedList(() => ContractedProductSnapshot)
  products!: ContractedProductSnapshot[];

  @IsInt()
  @Min(1)
  revision!: number;

  @IsOptional()
  @IsIsoDate()
  endedOn?: IsoDate;

  @IsOptional()
  @IsString()
  endReason?: string;
}

export class ContractActivatedV1 extends ContractSnapshotV1 {}
export class ContractChangedV1 extends ContractSnapshotV1 {}
export class ContractEndedV1 extends ContractSnapshotV1 {}

/** A tariff for one contracted product and year became known (from 1 January, or the term's start). */
export class TariffPublishedV1 {
  @IsUUID()
  contractId!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsArray()
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @Nested(() => ProductRef)
  product!: ProductRef;

  @IsEnum(FinancingVariant)
  variant!: FinancingVariant;

  @IsEnum(Unit)
  unit!: Unit;

  @IsInt()
  year!: number;

  @IsCents()
  tariffCents!: number;

  @IsIsoDate()
  validFrom!: IsoDate;

  @IsOptional()
  @IsIsoDate()
  validTo?: IsoDate;

  @IsBoolean()
  crisis!: boolean;
}

export class OptionDeadlineApproachingV1 {
  @IsUUID()
  contractId!: string;

  @IsString()
  reference!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsArray()
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @IsInt()
  optionIndex!: number;

  @IsIsoDate()
  decisionDeadline!: IsoDate;

  @IsIsoDate()
  extendsTo!: IsoDate;
}

// Subsidy events live in their own file; re-exported here so `@vangnet/contracts` carries them
// until the index and the event catalogue list it.
