import { IsOptional, IsUUID } from 'class-validator';
import { IsMunicipalityCode, IsYear } from '@vangnet/contracts';
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
  @IsYear()
  year?: number;
}
