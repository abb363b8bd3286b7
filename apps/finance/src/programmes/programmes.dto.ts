import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCents, IsIsoDate, IsMunicipalityCode, IsoDate, IsYear, Nested, NestedList } from '@vangnet/contracts';
import { KeyWeightInput } from '../funds/funds.dto';
import { BookingType, FundKind, QUARTER_PATTERN } from './programmes.rules';

export class ThemeInput {
  /** The theme's number or short code in the agenda (`1`, `A`). */
  @IsString()
  @Length(1, 20)
  code!: string;

  @IsString()
  @Length(1, 200)
  title!: string;
}

export class LineYearInput {
  @IsYear()
  year!: number;

  /** The line's cost in the year: incidental + structural, to the cent. */
  @IsCents()
  costCents!: number;

  @IsCents()
  incidentalCents!: number;

  @IsCents()
  structuralCents!: number;
}

export class PlanningInput {
  @Matches(QUARTER_PATTERN, { message: '$property must be a quarter such as 2026-Q3' })
  start!: string;

  @Matches(QUARTER_PATTERN, { message: '$property must be a quarter such as 2026-Q3' })
  end!: string;
}

export class KpiInput {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(1, 40)
  unit?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number;
}

export class ActionLineInput {
  /** The line's number in the agenda (`1.3`); the same number in a later plan version is the same line. */
  @IsString()
  @Length(1, 20)
  number!: string;

  /** A theme code of the plan. */
  @IsString()
  @Length(1, 20)
  theme!: string;

  @IsString()
  @Length(1, 300)
  title!: string;

  /** Who carries the line (a municipality, team or partner). */
  @IsString()
  @Length(1, 200)
  owner!: string;

  @Nested(() => PlanningInput)
  planning!: PlanningInput;

  /** The result to reach. */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  result?: string;

  @IsOptional()
  @Nested(() => KpiInput)
  kpi?: KpiInput;

  @IsArray()
  @ArrayMaxSize(20)
  @NestedList(() => LineYearInput)
  years!: LineYearInput[];
}

export class StatedYearTotalInput {
  @IsYear()
  year!: number;

  @IsCents()
  totalCents!: number;
}

/** A plan: themes, action lines, and the totals the agenda states (checked, never trusted). */
export class PlanInputBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedList(() => ThemeInput)
  themes!: ThemeInput[];

  @IsArray()
  @ArrayMaxSize(500)
  @NestedList(() => ActionLineInput)
  lines!: ActionLineInput[];

  @IsOptional()
  @IsCents()
  statedTotalCents?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedList(() => StatedYearTotalInput)
  statedYearTotals?: StatedYearTotalInput[];
}

export class CreateProgrammeRequest extends PlanInputBody {
  @IsString()
  @Length(1, 200)
  name!: string;

  /** The regional investment fund it is paid from. */
  @IsString()
  @Length(1, 200)
  fundName!: string;

  @IsYear()
  firstYear!: number;

  @IsYear()
  lastYear!: number;
}

export class NewPlanVersionRequest extends PlanInputBody {
  /** Why the plan changes (kept with the version). */
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class PlanApprovalRequest {
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class AllocationRequest {
  @IsYear()
  year!: number;

  @IsEnum(FundKind)
  kind!: FundKind;

  /** The fund's amount of this kind in this year. */
  @IsCents()
  amountCents!: number;

  /** The key for this kind and year (the incidental and structural keys may differ). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @NestedList(() => KeyWeightInput)
  weights!: KeyWeightInput[];

  @IsOptional()
  @IsString()
  @Length(1, 500)
  basis?: string;
}

export class BookingRequest {
  @IsUUID()
  actionLineId!: string;

  /** Whose allocation the booking lands on: a member municipality the caller acts for. */
  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsEnum(FundKind)
  kind!: FundKind;

  @IsEnum(BookingType)
  type!: BookingType;

  /** Negative releases a commitment or corrects a payment; bookings are never changed. */
  @IsCents({ min: null })
  amountCents!: number;

  /** Default today. */
  @IsOptional()
  @IsIsoDate()
  bookedOn?: IsoDate;

  @IsString()
  @Length(1, 500)
  description!: string;
}

export class MeasurementRequest {
  @IsIsoDate()
  measuredOn!: IsoDate;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class SubsidyLinkRequest {
  @IsUUID()
  subsidyId!: string;

  @IsUUID()
  actionLineId!: string;

  @IsEnum(FundKind)
  kind!: FundKind;
}

export class ReportQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class PlanVersionParams {
  @IsUUID('all', { message: '$property must be a UUID' })
  id!: string;

  /** At most PostgreSQL's integer: a larger one is a 400 naming `version`, not a database error (issue 13). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
