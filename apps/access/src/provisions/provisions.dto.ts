import {
  ChangeReason,
  DeliveryForm,
  EndReason,
  FinancingVariant,
  IsAgbCode,
  IsCents,
  IsIsoDate,
  IsoDate,
  Law,
  Nested,
  PRODUCT_CODE_PATTERN,
  ResponsibilityReason,
  Unit,
  Volume,
} from '@vangnet/contracts';
import { IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

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

/** What the provider reported of the delivery (305 start, 307 stop) through the exchange. */
export interface DeliveryView {
  status: 'STARTED' | 'STOPPED';
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** The stop's reason as the law's own code list has it (WMO588 / JZ588). */
  reasonCode: string | null;
  providerAgb: string;
}

export interface ProvisionView {
  provisionId: string;
  lineageId: string;
  /** The iWmo/iJw ToewijzingNummer of the lineage, unique per paying municipality. */
  assignmentNumber: number;
  /** The provider's request the decision answered, if any. */
  requestId: string | null;
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
  /** No longer set: a change of payer needs a new lineage (issue 11); kept for older clients. */
  responsibilitySwitchOn: IsoDate | null;
  previousProvisionId: string | null;
  changeReason: ChangeReason | null;
  endDate: IsoDate | null;
  endReason: EndReason | null;
  /** In lists: the latest reported delivery of the lineage (see LineageView.deliveries). */
  delivery?: DeliveryView | null;
}

export interface LineageView {
  lineageId: string;
  assignmentNumber: number;
  /** The latest reported delivery (a start, or its stop), null before any report. */
  delivery: DeliveryView | null;
  /** Every delivery reported, by start date. */
  deliveries: DeliveryView[];
  personId: string;
  municipality: string;
  category: string;
  status: 'ACTIVE' | 'ENDED';
  endDate: IsoDate | null;
  endReason: EndReason | null;
  current: ProvisionView;
  versions: ProvisionView[];
  /** Municipal readers only: the determination of the paying municipality (rule set, rule, inputs). */
  responsibility?: { responsibleMunicipality: string; ruleSetId: string | null; rule: string; inputs: Record<string, unknown> | null };
  rowVersion: number;
}
