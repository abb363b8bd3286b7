import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { IsIsoDate, IsOnOrAfter, IsoDate } from '../common/dates';
import { IsMunicipalityCode } from '../common/identifiers';
import { HouseholdRole } from './household-role';
import { PSEUDONYM_PATTERN } from './provision-events';
import { NestedList } from '../common/value-objects';

export const HOUSEHOLD_CHANGED_V1 = 'access.household.changed.v1';

/** One membership of a household, no names. `to` (inclusive) is set once the person has left. */
export class HouseholdMember {
  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsEnum(HouseholdRole)
  role!: HouseholdRole;

  @IsIsoDate()
  from!: IsoDate;

  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('from')
  to?: IsoDate;

  /**
   * For a member under 18: the day they come of age (their 18th birthday), so consumers know who
   * counts as a child on any date without a birth date (housing's "household with children").
   */
  @IsOptional()
  @IsIsoDate()
  minorOn?: IsoDate;
}

/**
 * The whole household after a change: every membership, current and ended (state, not a delta,
 * so a consumer upserts). Published on every change, and once for every existing household when
 * first deployed. `version` rises by one per change of that household: a consumer ignores an event
 * whose version is not above the one it holds (events may arrive out of order or again).
 */
export class HouseholdChangedV1 {
  @IsUUID()
  householdId!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ArrayMaxSize(100)
  @NestedList(() => HouseholdMember)
  members!: HouseholdMember[];
}
