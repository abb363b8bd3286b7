import { IsAgbCode, IsCents, IsIsoDate, IsMunicipalityCode, IsoDate, IsYear, NestedList, SubsidyGrantedV1 } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class InstalmentInput {
  @IsIsoDate()
  dueDate!: IsoDate;

  @IsCents()
  amountCents!: number;
}

export class GrantSubsidyRequest {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @IsAgbCode()
  organisationAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsCents()
  amountCents!: number;

  @IsString()
  @Length(1, 500)
  purpose!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  conditions!: string[];

  /** Default: four quarterly instalments. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @NestedList(() => InstalmentInput)
  instalments?: InstalmentInput[];
}

export class SubsidyQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsAgbCode()
  organisationAgb?: string;
}

/** The grant as the event carries it, with who made it and when. */
export type SubsidyView = SubsidyGrantedV1 & { createdBy: string; createdAt: Date };
