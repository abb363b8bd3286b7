import { IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsOptional } from 'class-validator';

export class HouseholdListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface HouseholdView {
  householdId: string;
  municipality: string;
  members: Array<{ personId: string; role: string; from: IsoDate; to: IsoDate | null; minorOn: IsoDate | null }>;
}

export interface LifeDomainView {
  code: string;
  label: string;
  scaleMin: number;
  scaleMax: number;
  active: boolean;
  framework: string | null;
}
