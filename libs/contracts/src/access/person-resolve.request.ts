import { IsUUID, Matches } from 'class-validator';
import { IsBsn, IsMunicipalityCode } from '../common/identifiers';
import { PSEUDONYM_PATTERN } from './provision-events';

export const PERSON_RESOLVE = 'access.person.resolve';

/**
 * "Which person is this BSN, for this municipality?" (an inbound message names a BSN). Links the
 * person to the municipality, or creates them, and answers the same either way: no answer reveals
 * whether the BSN was known elsewhere in the region (ARCHITECTURE §6).
 */
export class PersonResolveRequest {
  @IsBsn()
  bsn!: string;

  @IsMunicipalityCode()
  municipality!: string;
}

/** The person's id, and the processing-log pseudonym so the asker can log and publish without the BSN. */
export class PersonResolveReply {
  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;
}
