import { ContractOptionStatus, ContractStatus, FinancingVariant, IsAgbCode, IsCents, IsIsoDate, IsMunicipalityCode, IsoDate, IsOnOrAfter, IsYear, NestedList, ProductCategory, ProductRef, Unit } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RequiredNested } from '../shared/validation';

/** A contract term: both ends required, end inclusive and not before start. */
export class TermInput {
  @IsIsoDate()
  start!: IsoDate;

  @IsIsoDate()
  @IsOnOrAfter('start')
  end!: IsoDate;
}

export class OptionInput {
  /** The term's new end when this option is exercised. */
  @IsIsoDate()
  extendsTo!: IsoDate;

  /** The last day to decide on it. */
  @IsIsoDate()
  decisionDeadline!: IsoDate;
}

export class TariffInput {
  @IsYear()
  year!: number;

  @IsCents()
  tariffCents!: number;
}

export class ContractedProductInput {
  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  @IsEnum(FinancingVariant)
  variant!: FinancingVariant;

  @IsEnum(Unit)
  unit!: Unit;

  /** Crisis care (besides category 17, which always is): exempt from client stops. */
  @IsOptional()
  @IsBoolean()
  crisis?: boolean;

  @IsArray()
  @ArrayMaxSize(50)
  @NestedList(() => TariffInput)
  tariffs!: TariffInput[];

  /** Yearly indexation in basis points (350 = 3.5 %) for years without their own tariff. */
  @IsOptional()
  @IsInt()
  @Min(-5000)
  @Max(5000)
  indexationBasisPoints?: number;
}

export class CreateContractRequest {
  @IsString()
  @Length(1, 100)
  reference!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @IsOptional()
  @IsString()
  @Length(1, 100)
  lot?: string;

  @IsOptional()
  @IsUUID()
  roundId?: string;

  @RequiredNested(() => TermInput)
  term!: TermInput;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @NestedList(() => OptionInput)
  options?: OptionInput[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @NestedList(() => ContractedProductInput)
  products!: ContractedProductInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsAgbCode({ each: true })
  subcontractors?: string[];

  /** Register without activating (activate later with POST …/activate). */
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class ExtensionEvaluation {
  /** Quality of the delivered support, 1–10. */
  @IsInt()
  @Min(1)
  @Max(10)
  qualityScore!: number;

  /** Client satisfaction, 1–10 (e.g. from the yearly client experience survey). */
  @IsInt()
  @Min(1)
  @Max(10)
  clientSatisfactionScore!: number;

  @IsBoolean()
  municipalitySatisfied!: boolean;

  @IsIsoDate()
  evaluatedOn!: IsoDate;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export enum ExtensionDecision {
  EXERCISE = 'EXERCISE',
  DECLINE = 'DECLINE',
}

export class ExtensionRequest {
  @IsInt()
  @Min(1)
  optionIndex!: number;

  @IsEnum(ExtensionDecision)
  decision!: ExtensionDecision;

  @RequiredNested(() => ExtensionEvaluation)
  evaluation!: ExtensionEvaluation;
}

export class SetTariffRequest {
  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  @IsYear()
  year!: number;

  @IsCents()
  tariffCents!: number;
}

export class EndContractRequest {
  /** Last day of the contract (inclusive); today or later. */
  @IsIsoDate()
  endDate!: IsoDate;

  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ContractListQuery extends PageQuery {
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsEnum(ContractStatus)
  status?: ContractStatus;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;

  /** Only contracts whose term contains this date. */
  @IsOptional()
  @IsIsoDate()
  activeOn?: IsoDate;
}

export class OptionDeadlineQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  withinDays?: number;
}

export interface ContractOptionView {
  index: number;
  extendsTo: IsoDate;
  decisionDeadline: IsoDate;
  status: ContractOptionStatus;
  decidedOn?: IsoDate;
  decidedBy?: string;
  evaluation?: ExtensionEvaluation;
}

export interface ContractedProductView {
  id: string;
  product: { category: string; code?: string };
  variant: FinancingVariant;
  unit: Unit;
  crisis: boolean;
  tariffs: Array<{ year: number; tariffCents: number }>;
  indexationBasisPoints?: number;
  /** Every year of the term with its tariff, derived by indexation where no explicit one exists. */
  tariffsInTerm: Array<{ year: number; tariffCents: number; derived: boolean; validFrom: IsoDate; validTo: IsoDate }>;
}

export interface ContractView {
  contractId: string;
  reference: string;
  providerAgb: string;
  municipalities: string[];
  lot?: string;
  roundId?: string;
  term: { start: IsoDate; end: IsoDate };
  initialEnd: IsoDate;
  status: ContractStatus;
  options: ContractOptionView[];
  products: ContractedProductView[];
  subcontractors: string[];
  revision: number;
  endedOn?: IsoDate;
  endReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OptionDeadlineView {
  contractId: string;
  reference: string;
  providerAgb: string;
  municipalities: string[];
  optionIndex: number;
  decisionDeadline: IsoDate;
  extendsTo: IsoDate;
  daysLeft: number;
  overdue: boolean;
  notified: boolean;
}
