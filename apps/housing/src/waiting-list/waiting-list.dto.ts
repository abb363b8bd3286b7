import { FacilityType, IsAgbCode, IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate, Nested, PlaceFeature, PSEUDONYM_PATTERN, WaitlistLeftReason } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { SchemeWeights } from '../priority-schemes/priority-schemes.dto';
import { FactorWeight, PriorityFactor } from '../priority-schemes/ranking.rules';
import { EntryRoute, EntryStatus } from './waiting-list.rules';

export class InterimSupportInput {
  /** What support the resident gets meanwhile (e.g. "ambulante begeleiding 4 uur/week"); no diagnosis. */
  @IsString()
  @Length(1, 500)
  description!: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;
}

/** A placement officer adds a resident to the list (a provision granted in access enters by itself). */
export class CreateEntryRequest {
  /** The person's id in access. */
  @IsUUID()
  personId!: string;

  /** The BSN, to derive the pseudonym with the region's key (it is not stored); or give the pseudonym. */
  @ValidateIf((o: CreateEntryRequest) => o.personPseudonym === undefined || o.bsn !== undefined)
  @IsBsn()
  bsn?: string;

  @ValidateIf((o: CreateEntryRequest) => o.bsn === undefined || o.personPseudonym !== undefined)
  @Matches(PSEUDONYM_PATTERN, { message: 'personPseudonym must be the 64 hexadecimal characters access gives' })
  personPseudonym?: string;

  /** Whose list: the officer's municipality. */
  @IsMunicipalityCode()
  municipality!: string;

  /** Who pays; the list's municipality when absent. */
  @IsOptional()
  @IsMunicipalityCode()
  responsibleMunicipality?: string;

  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsEnum(FacilityType)
  facilityType!: FacilityType;

  /** Today when absent; never later. */
  @IsOptional()
  @IsIsoDate()
  waitingSince?: IsoDate;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  urgency?: number;

  @IsOptional()
  @IsBoolean()
  dischargeFromInstitution?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  needs?: PlaceFeature[];

  @IsOptional()
  @Nested(() => InterimSupportInput)
  interimSupport?: InterimSupportInput;

  @IsOptional()
  @IsIsoDate()
  reassessmentOn?: IsoDate;

  @IsOptional()
  @IsUUID()
  householdId?: string;
}

/** Only the fields given change; null clears. `If-Match` with the ETag. */
export class UpdateEntryRequest {
  @IsOptional()
  @IsIsoDate()
  waitingSince?: IsoDate;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  urgency?: number;

  @IsOptional()
  @IsBoolean()
  dischargeFromInstitution?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  needs?: PlaceFeature[];

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Nested(() => InterimSupportInput)
  interimSupport?: InterimSupportInput | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIsoDate()
  reassessmentOn?: IsoDate | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsMunicipalityCode()
  originMunicipality?: string | null;

  /** Only while the entry waits (not offered). */
  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;
}

const LEAVE_REASONS = Object.values(WaitlistLeftReason).filter((r) => r !== WaitlistLeftReason.PLACED);

export class LeaveRequest {
  /** PLACED comes only from a placement. */
  @IsIn(LEAVE_REASONS)
  reason!: WaitlistLeftReason;

  /** Today when absent; never later. */
  @IsOptional()
  @IsIsoDate()
  leftOn?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class EntryListQuery extends PageQuery {
  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  /** OPEN (default): WAITING, OFFERED and ACCEPTED, in ranking order. */
  @IsOptional()
  @IsIn(['OPEN', 'WAITING', 'OFFERED', 'ACCEPTED', 'PLACED', 'LEFT'])
  status?: 'OPEN' | EntryStatus;

  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class DirectListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** POSITION (default): by facility type and new position; MOVE: who moves most first (rise or fall). */
export const WHAT_IF_ORDERS = ['POSITION', 'MOVE'] as const;
export type WhatIfOrder = (typeof WHAT_IF_ORDERS)[number];

export class WhatIfQuery {
  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  @IsOptional()
  @IsIn(WHAT_IF_ORDERS)
  order?: WhatIfOrder;

  /** Entries per page (what-if answers every entry; up to 10,000 at once). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}

/**
 * Weights to try without storing a scheme: the list as it would stand today if these factors and
 * weights ranked it (the same rules a new scheme version must meet).
 */
export class WhatIfWeightsRequest extends SchemeWeights {

  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  @IsOptional()
  @IsIn(WHAT_IF_ORDERS)
  order?: WhatIfOrder;

  /** Entries per page (up to 10,000 at once). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}

export interface SchemeRef {
  id: string;
  version: number;
  name: string;
  seed: string;
}

export interface EntryRanking {
  /** 1 = first in its facility type's queue. */
  position: number;
  /** The number of entries in that queue. */
  of: number;
  score: number;
  /** Each factor's value, by factor, as the published scheme weighs it. */
  factors: Partial<Record<PriorityFactor, number>>;
}

export interface EntryView {
  id: string;
  route: EntryRoute;
  status: EntryStatus;
  personId: string;
  personPseudonym: string;
  municipality: string;
  responsibleMunicipality: string;
  originMunicipality: string | null;
  facilityType: FacilityType;
  provisionLineageId: string | null;
  householdId: string | null;
  waitingSince: IsoDate;
  enteredOn: IsoDate;
  urgency: number;
  dischargeFromInstitution: boolean;
  needs: PlaceFeature[];
  interimSupport: { description: string; providerAgb: string | null } | null;
  reassessmentOn: IsoDate | null;
  crisis: boolean;
  leftOn: IsoDate | null;
  leftReason: string | null;
  leftNote: string | null;
  version: number;
  /** Null when not ranked: no scheme in force, or the entry is closed or a direct placement. */
  ranking: EntryRanking | null;
}

export interface RankedPage {
  items: EntryView[];
  nextCursor: string | null;
  rankedOn: IsoDate;
  scheme: SchemeRef | null;
}

export interface ChangeView {
  factor: PriorityFactor;
  from: number;
  to: number;
  /** The position the change would give, everything else as it is today. */
  position: number;
  /** The field of the entry (PATCH /waitlist/{id}) that would carry the change, and its value. */
  change: { field: string; value: unknown };
  description: string;
}

export interface ExplanationView {
  entryId: string;
  facilityType: FacilityType;
  rankedOn: IsoDate;
  scheme: SchemeRef & { factors: unknown };
  position: number;
  of: number;
  score: number;
  contributions: Array<{ factor: PriorityFactor; weight: number; value: number; points: number }>;
  changes: ChangeView[];
}

export interface WhatIfItem {
  entryId: string;
  facilityType: string;
  municipality: string;
  waitingSince: IsoDate;
  /** The position under the scheme in force (null when none is). */
  from: number | null;
  to: number;
}

export interface WhatIfView {
  on: IsoDate;
  scheme: SchemeRef;
  current: SchemeRef | null;
  /** Per facility type, over every entry (also those the caller may not see). */
  summary: Array<{ facilityType: string; entries: number; up: number; down: number; same: number; largestRise: number; largestFall: number }>;
  /** The entries the caller may see. */
  items: WhatIfItem[];
  nextCursor: string | null;
}

/** What-if of weights tried in the page: no scheme stored, so the weights and seed it ranked by instead of a scheme. */
export interface WhatIfWeightsView extends Omit<WhatIfView, 'scheme'> {
  weights: { seed: string; factors: FactorWeight[] };
}
