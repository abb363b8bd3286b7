import { IsIsoDate, IsMunicipalityCode, IsoDate, ProductCategory } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ResponsibilityRegime, RuleSetScope } from './responsibility.rules';

export class RuleSetRequest {
  /** JEUGDWET, WMO_SUPPORT or WMO_PROTECTED_HOUSING (categories 15–18). */
  @IsEnum(RuleSetScope)
  scope!: RuleSetScope;

  /** The first day the rule set applies (after today: rule sets never change the past). */
  @IsIsoDate()
  validFrom!: IsoDate;

  /** The last day (inclusive); absent: until a later rule set of the scope starts. */
  @IsOptional()
  @IsIsoDate()
  validTo?: IsoDate;

  /** JEUGDWET_2022; WMO_BRP; NATIONAL_ACCESS (the law in force) or WOONPLAATSBEGINSEL_36288 for protected housing. */
  @IsEnum(ResponsibilityRegime)
  regime!: ResponsibilityRegime;

  @IsMunicipalityCode()
  centralMunicipality!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ProductCategory, { each: true })
  protectedHousingCategories?: ProductCategory[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ProductCategory, { each: true })
  shelterCategories?: ProductCategory[];

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export interface RuleSetView {
  id: string;
  scope: RuleSetScope;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  regime: ResponsibilityRegime;
  centralMunicipality: string;
  protectedHousingCategories: string[];
  shelterCategories: string[];
  note: string | null;
  createdBy: string;
  withdrawn: { at: string; reason: string | null } | null;
}

export class MandateRequest {
  /** The responsible municipality that mandates (one of the region's). */
  @IsMunicipalityCode()
  mandatingMunicipality!: string;

  /** The team that decides under the mandate: a municipality code or a partner organisation (`ORG:`…). */
  @IsString()
  @Matches(/^(GM\d{4}|ORG:[A-Za-z0-9._-]{1,100})$/, { message: '$property must be a municipality code or ORG:<id>' })
  mandatedTeam!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsEnum(RuleSetScope, { each: true })
  scopes!: RuleSetScope[];

  @IsIsoDate()
  validFrom!: IsoDate;

  @IsOptional()
  @IsIsoDate()
  validTo?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export interface MandateView {
  id: string;
  mandatingMunicipality: string;
  mandatedTeam: string;
  scopes: RuleSetScope[];
  validFrom: IsoDate;
  validTo: IsoDate | null;
  note: string | null;
  createdBy: string;
}
