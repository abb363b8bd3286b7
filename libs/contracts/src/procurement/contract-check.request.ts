import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID } from 'class-validator';
import { FinancingVariant, Unit } from '../codes/units';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Nested, ProductRef } from '../common/value-objects';

export const CONTRACT_CHECK = 'procurement.contract.check';
export const TARIFF_GET = 'procurement.tariff.get';

/**
 * "May this provider deliver this product for this municipality on this date?" The
 * municipality is the one that pays: the provision's responsible municipality.
 */
export class ContractCheckRequest {
  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @Nested(() => ProductRef)
  product!: ProductRef;

  @IsIsoDate()
  date!: IsoDate;
}

/** Why the check says no. A refusal is a normal reply; an invalid question is an error. */
export enum ContractCheckRefusalCode {
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  NO_CONTRACT = 'NO_CONTRACT',
  CONTRACT_NOT_ACTIVE = 'CONTRACT_NOT_ACTIVE',
  PRODUCT_NOT_CONTRACTED = 'PRODUCT_NOT_CONTRACTED',
  NO_TARIFF = 'NO_TARIFF',
  CLIENT_STOP = 'CLIENT_STOP',
}

export class ContractCheckApproval {
  @IsBoolean()
  ok!: true;

  @IsUUID()
  contractId!: string;

  @IsEnum(FinancingVariant)
  variant!: FinancingVariant;

  /** The unit the tariff is for. */
  @IsEnum(Unit)
  unit!: Unit;

  @IsCents()
  tariffCents!: number;

  /** Crisis care is always assigned and paid, client stop or not. */
  @IsBoolean()
  crisis!: boolean;
}

export class ContractCheckRefusal {
  @IsBoolean()
  ok!: false;

  @IsEnum(ContractCheckRefusalCode)
  code!: ContractCheckRefusalCode;

  @IsOptional()
  @IsString()
  message?: string;

  /** With CLIENT_STOP: the stop that blocks. */
  @IsOptional()
  @IsUUID()
  clientStopId?: string;
}

export type ContractCheckReply = ContractCheckApproval | ContractCheckRefusal;

/** Same question as the check; answers the tariff in force on `date` or fails with a refusal code. */
export class TariffGetRequest extends ContractCheckRequest {}

export class TariffGetReply {
  @IsUUID()
  contractId!: string;

  @IsEnum(FinancingVariant)
  variant!: FinancingVariant;

  @IsEnum(Unit)
  unit!: Unit;

  @IsCents()
  tariffCents!: number;

  @IsOptional()
  @IsInt()
  year?: number;
}
