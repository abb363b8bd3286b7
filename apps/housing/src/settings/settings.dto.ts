import { FacilityType } from '@vangnet/contracts';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { HOUSING_CATEGORIES } from './settings.rules';

export class PutFacilityTypeMappingRequest {
  /** 15, 16, 17 or 18 (protected housing and shelter). */
  @IsIn(HOUSING_CATEGORIES)
  category!: string;

  /** A product code of the category (the municipality's catalogue); the whole category when absent. */
  @IsOptional()
  @Matches(/^[0-9A-Z]{5}$/, { message: 'productCode must be a product code of 5 characters (digits and capitals)' })
  productCode?: string;

  @IsEnum(FacilityType)
  facilityType!: FacilityType;
}

export class MappingKeyQuery {
  @IsIn(HOUSING_CATEGORIES)
  category!: string;

  @Matches(/^[0-9A-Z]{5}$/, { message: 'productCode must be a product code of 5 characters (digits and capitals)' })
  productCode!: string;
}

export class FacilityTypeParam {
  @IsEnum(FacilityType)
  facilityType!: FacilityType;
}

export class PutReferenceStayRequest {
  /** The reference stay in days (crisis shelter about 90, women's shelter about 183, protected housing two to four years). */
  @IsInt()
  @Min(1)
  @Max(36_500)
  days!: number;
}

export interface FacilityTypeMappingView {
  category: string;
  /** null: the whole category. */
  productCode: string | null;
  facilityType: FacilityType;
  /** Category 17 (emergency shelter) goes to direct placement, never to the waiting list. */
  route: 'WAITING_LIST' | 'DIRECT_PLACEMENT';
}

export interface ReferenceStayView {
  facilityType: FacilityType;
  days: number;
}

export interface SettingsView {
  facilityTypeMappings: FacilityTypeMappingView[];
  referenceStays: ReferenceStayView[];
}
