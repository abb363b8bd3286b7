import { ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsIsoDate, IsoDate, IsYear } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';
import { NestedList } from '../common/value-objects';

export const SUBSIDY_GRANTED_V1 = 'procurement.subsidy.granted.v1';

export class SubsidyInstalment {
  @IsInt()
  @Min(1)
  seq!: number;

  @IsIsoDate()
  dueDate!: IsoDate;

  @IsCents()
  amountCents!: number;
}

/** A lump-sum grant to an organisation for a year (general provisions); finance pays the instalments. */
export class SubsidyGrantedV1 {
  @IsUUID()
  subsidyId!: string;

  /** The receiving organisation, registered as a provider (usually kind SUBSIDISED_ORGANISATION). */
  @IsAgbCode()
  organisationAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsCents()
  amountCents!: number;

  @IsString()
  @MaxLength(500)
  purpose!: string;

  @IsArray()
  @IsString({ each: true })
  conditions!: string[];

  /** Add up to amountCents exactly. */
  @IsArray()
  @ArrayMinSize(1)
  @NestedList(() => SubsidyInstalment)
  instalments!: SubsidyInstalment[];

  @IsOptional()
  @IsString()
  reference?: string;
}
