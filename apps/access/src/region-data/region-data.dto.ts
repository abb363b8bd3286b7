import { PageQuery } from '@vangnet/platform';
import { IsEnum, IsOptional } from 'class-validator';
import { RegionDataKind } from './region-data.entity';

export class RegionDataChangeQuery extends PageQuery {
  @IsOptional()
  @IsEnum(RegionDataKind)
  kind?: RegionDataKind;
}

export interface RegionDataChangeView {
  kind: RegionDataKind;
  key: string;
  version: number;
  changedBy: string;
  changedAt: string;
  /** The item before the change; null for an addition. */
  before: Record<string, unknown> | null;
  /** The item after the change. */
  after: Record<string, unknown> | null;
}
