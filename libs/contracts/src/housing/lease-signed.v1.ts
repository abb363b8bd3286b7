import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode, IsOrgId } from '../common/identifiers';

export const LEASE_SIGNED_V1 = 'housing.lease.signed.v1';

/**
 * The resident signed a lease in their own name (separate housing and care): access puts "change
 * the support from intramural to ambulant" on the caseworker's worklist for the lineage.
 */
export class LeaseSignedV1 {
  @IsUUID()
  placementId!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsOptional()
  @IsUUID()
  provisionLineageId?: string;

  @IsOrgId()
  corporation!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsIsoDate()
  leaseStart!: IsoDate;

  /** The nomination that led to the lease, when there was one. */
  @IsOptional()
  @IsUUID()
  nominationId?: string;
}
