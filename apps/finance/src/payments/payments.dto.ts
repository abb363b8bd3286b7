import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsAgbCode, IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';

export enum PaymentDecisionKind {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export class PrepareBatchRequest {
  /** The paying municipality: declarations sent to it go into the batch. */
  @IsMunicipalityCode()
  municipality!: string;

  /** These declarations only (default: every assessed declaration not yet in an open or approved batch). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  declarationIds?: string[];

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  /** Pay the declarations (default true); false for a batch of subsidy instalments only. */
  @IsOptional()
  @IsBoolean()
  declarations?: boolean;

  /**
   * Also pay the instalments of the municipality's subsidies due on or before this day that are in
   * no open or approved batch (issue 17); with `providerAgb`, that organisation's only.
   */
  @IsOptional()
  @IsIsoDate()
  subsidyInstalmentsDueBy?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class BatchDecisionRequest {
  @IsEnum(PaymentDecisionKind)
  decision!: PaymentDecisionKind;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class BatchListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}
