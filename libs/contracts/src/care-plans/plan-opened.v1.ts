import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode, IsOrg } from '../common/identifiers';

export const PLAN_OPENED_V1 = 'care-plans.plan.opened.v1';

/**
 * A household's plan was opened: one household, one plan, one coordinator (regisseur).
 * `coordinatorOrg` is the coordinating organisation as its `org` claim (`GM0546` or
 * `AGB:12345678`); `coordinatorTeam` names the team within it, no person.
 */
export class PlanOpenedV1 {
  @IsUUID()
  planId!: string;

  @IsUUID()
  householdId!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsOrg()
  coordinatorOrg!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  coordinatorTeam?: string;

  @IsIsoDate()
  openedOn!: IsoDate;
}
