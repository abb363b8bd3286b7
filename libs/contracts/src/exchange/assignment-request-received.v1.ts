import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ASSIGNMENT_NUMBER_MAX } from '../access/provision-events';
import { ChangeRequestReason, ReferrerType } from '../codes/message-codes';
import { Law } from '../codes/product-category';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode, PROVIDER_REFERENCE_PATTERN } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Nested, Period, ProductRef, Volume } from '../common/value-objects';

export const ASSIGNMENT_REQUEST_RECEIVED_V1 = 'exchange.assignment-request.received.v1';

/** Which message a requested product came in. */
export enum AssignmentRequestKind {
  /** A 315 (verzoek om toewijzing) product, or a new product (NieuwProduct) inside a 317. */
  NEW = 'NEW',
  /** A product to change (TeWijzigenProduct) of a 317 (verzoek om wijziging): names its assignment. */
  CHANGE = 'CHANGE',
}

/** Who referred the client (a 315's Verwijzer, CDT_Verwijzer): a type, and a name or AGB code where given. */
export class Referrer {
  @IsEnum(ReferrerType)
  type!: ReferrerType;

  /** The referrer's name (a professional's, not the client's), at most 64 characters. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;

  /** ZorgverlenerCode: the referring professional's AGB code. */
  @IsOptional()
  @IsAgbCode()
  agb?: string;
}

/**
 * One product a provider asked for, from a 315 or 317 (one event per product): a task on access's
 * worklist, to be answered within 5 working days from `receivedOn` (iWmo/iJw; the answer is
 * access.assignment-request.answered). Products of one message share `providerReference` (a 317
 * has one for the whole request) and are answered together by the exchange; each has its own
 * `requestId`. `personId` comes from access.person.resolve (the message names a BSN).
 *
 * As in the standard: `product` is absent for a request for a budget only (a generic assignment),
 * `volume` and `budgetCents` are each optional, a 317 carries no referrer but a `changeReason`
 * (WJ758), and `assignmentNumber` is required for CHANGE (the TeWijzigenProduct's ToewijzingNummer).
 */
export class AssignmentRequestReceivedV1 {
  @IsUUID()
  requestId!: string;

  @Matches(PROVIDER_REFERENCE_PATTERN)
  providerReference!: string;

  @IsEnum(AssignmentRequestKind)
  kind!: AssignmentRequestKind;

  @ValidateIf((o: AssignmentRequestReceivedV1) => o.kind === AssignmentRequestKind.CHANGE || o.assignmentNumber !== undefined)
  @IsInt()
  @Min(1)
  @Max(ASSIGNMENT_NUMBER_MAX)
  assignmentNumber?: number;

  @IsAgbCode()
  providerAgb!: string;

  /** The municipality the message was addressed to. */
  @IsMunicipalityCode()
  municipality!: string;

  /** iWmo or iJw: which standard the message was in. */
  @IsEnum(Law)
  law!: Law;

  @IsUUID()
  personId!: string;

  @IsOptional()
  @Nested(() => ProductRef)
  product?: ProductRef;

  @IsOptional()
  @Nested(() => Volume)
  volume?: Volume;

  /** The requested budget (LDT_Budget), for the whole period. */
  @IsOptional()
  @IsCents()
  budgetCents?: number;

  /** The requested start (ToewijzingIngangsdatum / GewensteIngangsdatum) and end (inclusive). */
  @Nested(() => Period)
  period!: Period;

  @IsOptional()
  @Nested(() => Referrer)
  referrer?: Referrer;

  @IsOptional()
  @IsEnum(ChangeRequestReason)
  changeReason?: ChangeRequestReason;

  /** The provider's comment (Commentaar; the standard sets no maximum, 4,000 characters here). */
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  comment?: string;

  /** The day the exchange received the message: the answer term counts from it. */
  @IsIsoDate()
  receivedOn!: IsoDate;
}
