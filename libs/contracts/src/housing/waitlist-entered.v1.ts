import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode } from '../common/identifiers';
import { FacilityType } from './housing-codes';

export const WAITLIST_ENTERED_V1 = 'housing.waitlist.entered.v1';

/**
 * A resident entered the by-name waiting list for a facility type: by itself from an in-kind
 * protected-housing or shelter provision (its lineage), or added by a placement officer (no
 * lineage). `municipality` is the tenant whose list it is; `responsibleMunicipality` pays.
 */
export class WaitlistEnteredV1 {
  @IsUUID()
  entryId!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsEnum(FacilityType)
  facilityType!: FacilityType;

  @IsMunicipalityCode()
  municipality!: string;

  @IsMunicipalityCode()
  responsibleMunicipality!: string;

  @IsOptional()
  @IsUUID()
  provisionLineageId?: string;

  @IsIsoDate()
  enteredOn!: IsoDate;
}
