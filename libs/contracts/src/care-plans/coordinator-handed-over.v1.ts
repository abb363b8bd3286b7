import { IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsOrg } from '../common/identifiers';

export const COORDINATOR_HANDED_OVER_V1 = 'care-plans.coordinator.handed-over.v1';

/**
 * The plan's coordination passed from one organisation to another on `on` (a recorded handover,
 * visible to all participants), in a meeting with the resident (`inPerson`) or not. Organisations
 * as their `org` claim; the teams without persons.
 */
export class CoordinatorHandedOverV1 {
  @IsUUID()
  planId!: string;

  @IsOrg()
  fromOrg!: string;

  @IsOrg()
  toOrg!: string;

  @IsIsoDate()
  on!: IsoDate;

  @IsBoolean()
  inPerson!: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  toTeam?: string;
}
