import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Nested, Period } from '../common/value-objects';
import { DECLARATION_REFERENCE_PATTERN, MAX_DECLARATION_LINES } from './declaration-lines';

export const DECLARATION_RECEIVED_V1 = 'exchange.declaration.received.v1';

/**
 * A provider's 323 that passed the exchange's validation, by reference (ARCHITECTURE §2 "Large
 * documents"): its lines are an NDJSON object `objectName` in the JetStream object store bucket
 * `bucket` (`<PREFIX>DECLARATIONS`), one `DeclarationObjectLine` per line, `lineCount` of them.
 * Finance assesses them with its line assessment and answers with finance.declaration.assessed;
 * the exchange deletes the object after that answer.
 */
export class DeclarationReceivedV1 {
  /** The exchange's id for the declaration; finance echoes it as `declarationRef`. */
  @IsUUID()
  declarationRef!: string;

  @IsAgbCode()
  providerAgb!: string;

  /** The municipality the 323 is addressed to (it assigned the care and pays). */
  @IsMunicipalityCode()
  municipality!: string;

  /** DeclaratieNummer (LDT_IdentificatieDeclaratie: 1–12 characters). */
  @Matches(DECLARATION_REFERENCE_PATTERN)
  @Length(1, 12)
  declarationNumber!: string;

  /** DeclaratiePeriode: one calendar month. */
  @Nested(() => Period)
  period!: Period;

  @IsInt()
  @Min(1)
  @Max(MAX_DECLARATION_LINES)
  lineCount!: number;

  @IsString()
  @Length(1, 100)
  bucket!: string;

  @IsString()
  @Length(1, 255)
  objectName!: string;

  /** TotaalIngediendBedrag, net (debits − credits), for finance to check against the lines. */
  @IsOptional()
  @IsCents({ min: null })
  totalCents?: number;

  /** The day the exchange received the 323: finance's answer term (10 working days) counts from it. */
  @IsIsoDate()
  receivedOn!: IsoDate;
}
