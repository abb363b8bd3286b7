import { IsIsoDate, IsoDate, IsOnOrAfter, LIFE_DOMAIN_CODE_PATTERN, NestedList } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ActionStatus, GoalStatus, ScoreSource } from './goals.rules';

export class CreateGoalRequest {
  @Matches(LIFE_DOMAIN_CODE_PATTERN)
  domain!: string;

  /** The household member it is about (absent: the household). */
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsString()
  @Length(1, 2000)
  description!: string;

  @IsInt()
  baselineScore!: number;

  @IsIsoDate()
  baselineOn!: IsoDate;

  @IsInt()
  targetScore!: number;

  @IsIsoDate()
  @IsOnOrAfter('baselineOn')
  targetDate!: IsoDate;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  priority?: number;
}

export class CreateActionRequest {
  @IsOptional()
  @IsUUID()
  goalId?: string;

  /** The participant who does it. */
  @IsUUID()
  performerId!: string;

  @IsString()
  @Length(1, 2000)
  description!: string;

  @IsOptional()
  @IsIsoDate()
  dueOn?: IsoDate;

  /** The provision lineage that pays for it (or any version's provisionId). */
  @IsOptional()
  @IsUUID()
  lineageId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  sequence?: number;
}

export class UpdateActionRequest {
  @IsIn(['OPEN', 'DONE', 'CANCELLED'])
  status!: ActionStatus;

  @IsOptional()
  @IsIsoDate()
  doneOn?: IsoDate;
}

export class ScoreInput {
  @Matches(LIFE_DOMAIN_CODE_PATTERN)
  domain!: string;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsInt()
  score!: number;
}

export class CreateReviewRequest {
  @IsIsoDate()
  heldOn!: IsoDate;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @NestedList(() => ScoreInput)
  scores!: ScoreInput[];

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;

  /** The next review (default: heldOn plus the plan's interval). */
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('heldOn')
  nextReviewOn?: IsoDate;
}

export class LinkGoalsRequest {
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  goalIds!: string[];
}

export interface GoalView {
  id: string;
  domain: string;
  personId: string | null;
  description: string;
  baselineScore: number;
  baselineOn: IsoDate;
  targetScore: number;
  targetDate: IsoDate;
  status: GoalStatus;
  achievedOn: IsoDate | null;
  priority: number;
  /** The latest measured score of the domain for this goal's member. */
  currentScore: number | null;
}

export interface ActionView {
  id: string;
  goalId: string | null;
  performerId: string;
  description: string;
  dueOn: IsoDate | null;
  lineageId: string | null;
  sequence: number;
  status: ActionStatus;
  doneOn: IsoDate | null;
}

export interface ReviewView {
  id: string;
  heldOn: IsoDate;
  note: string | null;
  scores: Array<{ domain: string; personId: string | null; score: number }>;
  achievedGoalIds?: string[];
}

export interface ScoreHistoryView {
  domain: string;
  label: string;
  scaleMin: number;
  scaleMax: number;
  personId: string | null;
  history: Array<{ on: IsoDate; score: number; source: ScoreSource }>;
}

export interface ProvisionView {
  lineageId: string;
  provisionId: string | null;
  version: number;
  personId: string | null;
  category: string | null;
  productCode: string | null;
  deliveryForm: string | null;
  providerAgb: string | null;
  period: { start: IsoDate | null; end: IsoDate | null };
  endedOn: IsoDate | null;
  responsibleMunicipality: string | null;
  law: string | null;
  volume: { amount: number; unit: string | null; frequency: string | null } | null;
  budgetCents: number | null;
  tariffCents: number | null;
  running: boolean;
  goalIds: string[];
}

export interface WhoPaysView {
  responsibleMunicipality: string;
  law: string | null;
  lineageIds: string[];
  providers: string[];
  budgetCents: number;
}

export interface ProvisionsView {
  provisions: ProvisionView[];
  whoPays: WhoPaysView[];
}
