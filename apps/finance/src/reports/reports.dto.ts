import { IsOptional } from 'class-validator';
import { IsAgbCode, IsMunicipalityCode, IsYear } from '@vangnet/contracts';

export class MunicipalityYearQuery {
  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
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
  @IsYear()
  year?: number;
}
