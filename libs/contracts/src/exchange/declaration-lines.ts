import { ArrayMinSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ASSIGNMENT_NUMBER_MAX } from '../access/provision-events';
import { DebitCredit } from '../codes/istandaard-mapping';
import { RETOUR_CODES, RetourCode } from '../codes/retour-codes';
import { Unit } from '../codes/units';
import { IsIsoDate, IsOnOrAfter, IsoDate } from '../common/dates';
import { IsCents } from '../common/money';
import { Nested, ProductRef } from '../common/value-objects';

/**
 * The shapes of a declaration travelling by reference (ARCHITECTURE §2 "Large documents"): the
 * object store bucket, the NDJSON line the exchange writes for every Prestatie of a 323, and the
 * rejected line finance answers with (inline or as NDJSON in the same bucket).
 */

/** The bucket's name without the deployment's prefix (`<PREFIX>DECLARATIONS`, 30-day time to live). */
export const DECLARATIONS_BUCKET = 'DECLARATIONS';

/** At most this many lines in one declaration (finance's bulk route takes the same). */
export const MAX_DECLARATION_LINES = 200_000;

/** finance.declaration.assessed carries rejected lines inline up to this many, beyond by reference. */
export const MAX_INLINE_REJECTED_LINES = 1_000;

/** A provider's reference (ReferentieNummer, DeclaratieNummer): visible ASCII, 1–40 characters, as finance's HTTP route. */
export const DECLARATION_REFERENCE_PATTERN = /^[\x21-\x7e]{1,40}$/;

/** A period with both ends (inclusive). */
export class ClosedPeriod {
  @IsIsoDate()
  start!: IsoDate;

  @IsIsoDate()
  @IsOnOrAfter('start')
  end!: IsoDate;
}

/**
 * One line (Prestatie) of a 323 as an NDJSON line in the object: finance's declaration line
 * (the fields of its HTTP route, same names and meaning) with the assignment it names. No BSN:
 * the exchange resolved the client to `personId`, and the ToewijzingNummer to the lineage
 * (`provisionId` is the lineage id), keeping `assignmentNumber` beside it.
 */
export class DeclarationObjectLine {
  @Matches(DECLARATION_REFERENCE_PATTERN)
  reference!: string;

  /** For a credit: the reference of the approved debit it reverses (VorigReferentieNummer). */
  @IsOptional()
  @Matches(DECLARATION_REFERENCE_PATTERN)
  previousReference?: string;

  /** The lineage of the assignment (the lineage id, which finance's line takes as provisionId). */
  @IsUUID()
  provisionId!: string;

  @IsInt()
  @Min(1)
  @Max(ASSIGNMENT_NUMBER_MAX)
  assignmentNumber!: number;

  @IsUUID()
  personId!: string;

  @Nested(() => ProductRef)
  product!: ProductRef;

  /** ProductPeriode: within one calendar month. */
  @Nested(() => ClosedPeriod)
  period!: ClosedPeriod;

  @IsInt()
  @Min(1)
  @Max(99_999_999)
  volume!: number;

  @IsEnum(Unit)
  unit!: Unit;

  @IsCents()
  tariffCents!: number;

  @IsCents()
  amountCents!: number;

  @IsEnum(DebitCredit)
  debitCredit!: DebitCredit;
}

/** A rejected line: its reference and the WJ001 retour codes the 325 carries for it (at least one). */
export class RejectedDeclarationLine {
  @Matches(DECLARATION_REFERENCE_PATTERN)
  reference!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(Object.keys(RETOUR_CODES), { each: true })
  retourCodes!: RetourCode[];
}
