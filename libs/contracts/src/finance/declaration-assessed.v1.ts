import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf } from 'class-validator';
import { RETOUR_CODES, RetourCode } from '../codes/retour-codes';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { Satisfies } from '../common/validation';
import { Nested, NestedList } from '../common/value-objects';
import { DECLARATION_REFERENCE_PATTERN, MAX_INLINE_REJECTED_LINES, RejectedDeclarationLine } from '../exchange/declaration-lines';

export const DECLARATION_ASSESSED_V1 = 'finance.declaration.assessed.v1';

/** TotaalIngediendBedrag and TotaalToegekendBedrag of the 325, net (debits − credits, so possibly negative). */
export class DeclarationTotals {
  @IsCents({ min: null })
  submittedCents!: number;

  @IsCents({ min: null })
  approvedCents!: number;
}

/**
 * Finance assessed a declaration line by line with the same codes as its HTTP route; the
 * exchange writes the 325 from this (only the rejected lines, and the totals). Rejected lines
 * travel inline in `rejected` up to 1,000; beyond that `rejected` is absent and
 * `rejectedObjectName` names an NDJSON object of `RejectedDeclarationLine`s in the declaration's
 * own bucket. `rejectedCount` is always set. `declarationRef` echoes the exchange's
 * exchange.declaration.received (absent for a declaration that came over HTTP). When finance
 * refuses the declaration as a whole (e.g. 9333, a declaration number used before),
 * `declarationRetourCodes` carries the header's codes and no line is approved.
 */
export class DeclarationAssessedV1 {
  @IsUUID()
  declarationId!: string;

  @IsOptional()
  @IsUUID()
  declarationRef?: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @Matches(DECLARATION_REFERENCE_PATTERN)
  declarationNumber!: string;

  @Nested(() => DeclarationTotals)
  totals!: DeclarationTotals;

  @IsInt()
  @Min(0)
  rejectedCount!: number;

  @ValidateIf((o: DeclarationAssessedV1) => o.rejectedObjectName === undefined || o.rejected !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_INLINE_REJECTED_LINES)
  @NestedList(() => RejectedDeclarationLine)
  @Satisfies('rejectedCountMatches', (v, o) => !Array.isArray(v) || v.length === o.rejectedCount, '$property must hold rejectedCount lines')
  rejected?: RejectedDeclarationLine[];

  @IsOptional()
  @IsString()
  @Length(1, 255)
  @Satisfies('eitherInlineOrByReference', (_v, o) => o.rejected === undefined, '$property and rejected exclude each other')
  rejectedObjectName?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(Object.keys(RETOUR_CODES), { each: true })
  declarationRetourCodes?: RetourCode[];
}
