import { IsBoolean, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode, IsOrgId } from '../common/identifiers';

export const NOMINATION_ANSWERED_V1 = 'housing.nomination.answered.v1';

/**
 * The corporation answered a nomination: accepted with the lease's start, or declined with a
 * reason. No care data (a webhook to the corporation). `corporation` and `municipality` repeat the
 * nomination's, so a subscriber can filter by organisation without holding state.
 */
export class NominationAnsweredV1 {
  @IsUUID()
  nominationId!: string;

  @IsOrgId()
  corporation!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsBoolean()
  accepted!: boolean;

  /** Required when accepted. */
  @ValidateIf((o: NominationAnsweredV1) => o.accepted === true || o.leaseStart !== undefined)
  @IsIsoDate()
  leaseStart?: IsoDate;

  /** Required when declined; the corporation's words, never care data. */
  @ValidateIf((o: NominationAnsweredV1) => o.accepted === false || o.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;

  @IsIsoDate()
  answeredOn!: IsoDate;
}
