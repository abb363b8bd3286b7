import {
  ChangeReason,
  DecisionOutcome,
  DeliveryForm,
  EndReason,
  FinancingVariant,
  IsAgbCode,
  IsCents,
  IsIsoDate,
  IsoDate,
  Law,
  Nested,
  Period,
  PRODUCT_CODE_PATTERN,
  ProductRef,
  ResponsibilityReason,
  Unit,
  Volume,
} from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { ProvisionOutcome } from './provision.rules';

const granted = (o: ProvisionInput) => o.outcome !== ProvisionOutcome.REJECTED;

export class ProvisionInput {
  /** GRANTED (default) or REJECTED. */
  @IsOptional()
  @IsEnum(ProvisionOutcome)
  outcome?: ProvisionOutcome;

  @Nested(() => ProductRef)
  product!: ProductRef;

  @ValidateIf(granted)
  @IsEnum(DeliveryForm)
  deliveryForm?: DeliveryForm;

  /** The contracted provider (in kind). */
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @Nested(() => Volume)
  volume?: Volume;

  /** The validity period; the end is inclusive. */
  @ValidateIf(granted)
  @Nested(() => Period)
  period?: Period;

  /** Without volume (PGB, aspecific): the budget for the whole period, in cents. */
  @IsOptional()
  @IsCents()
  budgetCents?: number;

  /** Protected housing: a new indication although an earlier one still runs (makes the client new). */
  @IsOptional()
  @IsBoolean()
  reindication?: boolean;

  /** The motivation, required in substance for a rejection. */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class DecisionRequest {
  @IsUUID()
  applicationId!: string;

  /** The date of the decision (defaults to today); the objection term runs from it. */
  @IsOptional()
  @IsIsoDate()
  decidedAt?: IsoDate;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProvisionInput)
  provisions!: ProvisionInput[];

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class DecisionQuery {
  @IsUUID()
  personId!: string;
}

export class ProvisionChangeRequest {
  /** The first day the new version applies; the previous version stops the day before. */
  @IsIsoDate()
  validFrom!: IsoDate;

  @IsOptional()
  @Nested(() => Volume)
  volume?: Volume;

  /** A new (inclusive) end of the provision's period: an extension or a shortening. */
  @IsOptional()
  @IsIsoDate()
  periodEnd?: IsoDate;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: '$property must be a product code of 1 to 5 letters or digits' })
  productCode?: string;

  @IsOptional()
  @IsEnum(DeliveryForm)
  deliveryForm?: DeliveryForm;

  @IsOptional()
  @IsCents()
  budgetCents?: number;

  @IsOptional()
  @IsEnum(ChangeReason)
  changeReason?: ChangeReason;
}

export class ProvisionEndRequest {
  /** The last day of delivery (inclusive). */
  @IsIsoDate()
  endDate!: IsoDate;

  @IsEnum(EndReason)
  reason!: EndReason;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class ProvisionListQuery {
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;
}

export type ProvisionStatus = 'ACTIVE' | 'SUPERSEDED' | 'ENDED';

export interface ProvisionView {
  provisionId: string;
  lineageId: string;
  version: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  status: ProvisionStatus;
  currentProvisionId: string;
  decisionId: string;
  personId: string;
  householdId: string | null;
  product: { category: string; code?: string };
  deliveryForm: DeliveryForm;
  providerAgb: string | null;
  volume: { amount: number; unit: Unit; frequency: string } | null;
  period: { start: IsoDate; end: IsoDate | null };
  budgetCents: number | null;
  contractId: string | null;
  tariffCents: number | null;
  tariffUnit: Unit | null;
  variant: FinancingVariant | null;
  crisis: boolean;
  law: Law;
  municipality: string;
  responsibleMunicipality: string;
  responsibilityReason: ResponsibilityReason;
  /** When another municipality starts paying (the origin period ends); the change follows automatically. */
  responsibilitySwitchOn: IsoDate | null;
  previousProvisionId: string | null;
  changeReason: ChangeReason | null;
  endDate: IsoDate | null;
  endReason: EndReason | null;
}

export interface LineageView {
  lineageId: string;
  personId: string;
  municipality: string;
  category: string;
  status: 'ACTIVE' | 'ENDED';
  endDate: IsoDate | null;
  endReason: EndReason | null;
  current: ProvisionView;
  versions: ProvisionView[];
  rowVersion: number;
}

export interface DecisionView {
  id: string;
  applicationId: string;
  personId: string;
  householdId: string | null;
  municipality: string;
  law: Law;
  decidedAt: IsoDate;
  outcome: DecisionOutcome;
  objectionDue: IsoDate;
  note: string | null;
  /** The provisions this decision granted (the first version of each lineage, with its current state). */
  provisions: ProvisionView[];
  rejected: Array<{ product: { category: string; code?: string }; deliveryForm: DeliveryForm | null; reason: string | null }>;
}
