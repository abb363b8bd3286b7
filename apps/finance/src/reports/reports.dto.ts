import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsAgbCode, IsMunicipalityCode } from '@vangnet/contracts';

export class MunicipalityYearQuery {
  @IsMunicipalityCode()
  municipality!: string;

  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;
}

export class SpendQuery {
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;
}
