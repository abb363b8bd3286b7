import { IsArray, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode } from '../common/identifiers';
import { PSEUDONYM_PATTERN } from './provision-events';

export const PERSON_COMING_OF_AGE_V1 = 'access.person.coming-of-age.v1';

/**
 * A young person with youth care turns 18 on `eighteenOn` (Jeugdwet support ends, Wmo support may
 * follow). Published once per person, at the later of 6 months before the 18th birthday and the
 * start of their first running Jeugdwet provision; care plans raise the COMING_OF_AGE signal and
 * check the providers' Wmo contracts for `brpMunicipality` (the Wmo's responsible municipality,
 * Wmo 2015 art. 1.2.1 a). `brpMunicipality` is absent for someone without a BRP address.
 */
export class PersonComingOfAgeV1 {
  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsIsoDate()
  eighteenOn!: IsoDate;

  @IsOptional()
  @IsMunicipalityCode()
  brpMunicipality?: string;

  /** The lineages of the Jeugdwet provisions running when it is published. */
  @IsArray()
  @IsUUID('all', { each: true })
  youthProvisionLineageIds!: string[];
}
