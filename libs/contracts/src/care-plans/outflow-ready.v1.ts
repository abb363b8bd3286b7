import { ArrayUnique, IsArray, IsEnum, IsUUID, Matches } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode } from '../common/identifiers';
import { PlaceFeature } from '../housing/housing-codes';

export const OUTFLOW_READY_V1 = 'care-plans.outflow.ready.v1';

/**
 * The resident is ready to move on to independent housing from `readyFrom`: housing marks them
 * ready for a nomination. `needs` are facility features only (housing's PlaceFeature), never a
 * diagnosis.
 */
export class OutflowReadyV1 {
  @IsUUID()
  planId!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsIsoDate()
  readyFrom!: IsoDate;

  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  needs!: PlaceFeature[];
}
