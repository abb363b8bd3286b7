import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsMunicipalityCode, IsYear } from '@vangnet/contracts';

export class SubsidyQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;
}
