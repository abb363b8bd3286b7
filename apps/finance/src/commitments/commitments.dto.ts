import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsMunicipalityCode } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';

/** Either `provisionId` (any version's id or the lineage id), or `municipality` and `year`. */
export class CommitmentQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  provisionId?: string;

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
