import { IsEnum, IsUUID } from 'class-validator';
import { IsYear } from '../common/dates';
import { IsMunicipalityCode, IsOrgId } from '../common/identifiers';

export const NOMINATION_MADE_V1 = 'housing.nomination.made.v1';

/** Under which scheme a resident is nominated for a home (DOMAIN.md "Outflow"). */
export enum NominationScheme {
  /** The corporation's yearly quota for the municipality (contingentregeling). */
  QUOTA = 'QUOTA',
  /** An urgency scheme outside the quota. */
  URGENCY = 'URGENCY',
}

/**
 * A resident was nominated to a corporation for a home. No care data and no person: corporations
 * receive it as a webhook (ARCHITECTURE §2) and read what they need, with the resident's consent,
 * through housing's API. `corporation` is the corporation's id as in its `CORP:<id>` org claim.
 */
export class NominationMadeV1 {
  @IsUUID()
  nominationId!: string;

  @IsOrgId()
  corporation!: string;

  @IsMunicipalityCode()
  municipality!: string;

  /** The quota year the nomination counts against (the year it was made, for an urgency nomination). */
  @IsYear()
  quotaYear!: number;

  @IsEnum(NominationScheme)
  scheme!: NominationScheme;
}
