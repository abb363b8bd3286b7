import { IsMunicipalityCode, IsOrgId, IsYear } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PutQuotaRequest {
  /** The corporation's id, as in its CORP: claim. */
  @IsOrgId()
  corporation!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsInt()
  @Min(0)
  @Max(10_000)
  homes!: number;
}

export class QuotaListQuery extends PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;

  @IsOptional()
  @IsOrgId()
  corporation?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface QuotaView {
  corporation: string;
  municipality: string;
  year: number;
  homes: number;
  used: number;
  remaining: number;
  version: number;
}
