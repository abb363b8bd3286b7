import { DecisionOutcome, DeliveryForm, IsAgbCode, IsCents, IsIsoDate, IsoDate, Law, Nested, NestedList, Period, ProductRef, Volume } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { ProvisionView } from '../provisions/provisions.dto';
import { ProvisionOutcome } from '../provisions/provisions.rules';

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

  /** When the decision was sent or handed over (defaults to the decision date): the objection term runs from the day after (Awb 6:8 lid 1). */
  @IsOptional()
  @IsIsoDate()
  sentAt?: IsoDate;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedList(() => ProvisionInput)
  provisions!: ProvisionInput[];

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;

  /**
   * Wmo 2015 art. 2.3.3: in an urgent case, a temporary provision decided at once, before the
   * investigation ends. Every granted provision needs an end date; the application stays open and
   * its ordinary decision (and decision term) continues behind it.
   */
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  /** The provider's request (on the worklist) this decision answers: its lineages carry it. */
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export class DecisionQuery {
  @IsUUID()
  personId!: string;
}

export interface DecisionView {
  id: string;
  applicationId: string;
  personId: string;
  householdId: string | null;
  municipality: string;
  law: Law;
  decidedAt: IsoDate;
  sentAt: IsoDate;
  /** A temporary decision in an urgent case (Wmo 2.3.3); the ordinary decision follows. */
  urgent: boolean;
  outcome: DecisionOutcome;
  objectionDue: IsoDate;
  note: string | null;
  /** The provisions this decision granted (the first version of each lineage, with its current state). */
  provisions: ProvisionView[];
  rejected: Array<{ product: { category: string; code?: string }; deliveryForm: DeliveryForm | null; reason: string | null }>;
}
