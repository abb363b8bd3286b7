import { IsEnum, IsUUID } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';

export const PLACEMENT_ENDED_V1 = 'housing.placement.ended.v1';

/** Where a resident went when a placement ended (DOMAIN.md "Outflow"; the monitor counts outflow to the Wlz). */
export enum PlacementDestination {
  INDEPENDENT_WITH_SUPPORT = 'INDEPENDENT_WITH_SUPPORT',
  INTERMEDIATE_FACILITY = 'INTERMEDIATE_FACILITY',
  WLZ = 'WLZ',
  OTHER_REGION = 'OTHER_REGION',
  DETENTION_OR_HOSPITAL = 'DETENTION_OR_HOSPITAL',
  DECEASED = 'DECEASED',
  UNKNOWN = 'UNKNOWN',
}

/**
 * A placement ended on `endDate` (inclusive: the last night in the place). The placement is known
 * from placement.started; a consumer that sees the end first keeps it until the start arrives.
 */
export class PlacementEndedV1 {
  @IsUUID()
  placementId!: string;

  @IsIsoDate()
  endDate!: IsoDate;

  @IsEnum(PlacementDestination)
  destination!: PlacementDestination;
}
