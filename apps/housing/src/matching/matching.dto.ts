import { FacilityType, IsMunicipalityCode, IsoDate, PlaceFeature } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PriorityFactor } from '../priority-schemes/ranking.rules';
import { SchemeRef } from '../waiting-list/waiting-list.dto';

export class CandidatesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AssignmentQuery {
  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  /** Free places of this municipality's facilities (default: every municipality of the token). */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface Contribution {
  factor: PriorityFactor;
  weight: number;
  value: number;
  points: number;
}

/** A candidate the caller may see, or only its position (another municipality's, or safety-flagged). */
export type CandidateView =
  | {
      restricted: false;
      position: number;
      entryId: string;
      personId: string;
      personPseudonym: string;
      municipality: string;
      responsibleMunicipality: string;
      waitingSince: IsoDate;
      urgency: number;
      needs: PlaceFeature[];
      score: number;
      contributions: Contribution[];
    }
  | { restricted: true; position: number };

export interface PlaceRef {
  placeId: string;
  facilityId: string;
  facilityName: string;
  facilityType: FacilityType;
  municipality: string;
  features: PlaceFeature[];
}

export interface CandidatesView {
  place: PlaceRef & { status: string };
  rankedOn: IsoDate;
  scheme: SchemeRef | null;
  /** Entries waiting (no offer) that fit the place's type and features, best position first. */
  eligible: number;
  items: CandidateView[];
}

export interface AssignmentView {
  rankedOn: IsoDate;
  scheme: SchemeRef | null;
  /** In the order they were filled: the hardest to fill first. */
  assignments: Array<{
    round: number;
    place: PlaceRef;
    /** Unassigned candidates that fitted the place when it was filled (the fewest went first). */
    eligibleCandidates: number;
    candidate: CandidateView;
    explanation: string;
  }>;
  unfilled: Array<PlaceRef & { reason: 'NO_ELIGIBLE_CANDIDATE' }>;
}
