import { IsCents, IsIsoDate, IsMunicipalityCode } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsOptional, IsString, Length } from 'class-validator';

export class CreatePlacementsRequest {
  @IsMunicipalityCode()
  municipality!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIsoDate()
  validFrom!: string;

  @IsCents()
  amountCents!: number;
}

export class PlacementsListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface PlacementsView {
  id: string;
  municipality: string;
  name: string;
  validFrom: string;
  amountCents: number;
  version: number;
}
