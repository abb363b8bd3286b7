import { FacilityType, ProductCategory } from '@vangnet/contracts';

/** The categories of protected housing and shelter (iWmo WMO020 15–18): the only ones the list knows. */
export const HOUSING_CATEGORIES: readonly string[] = [
  ProductCategory.PROTECTED_HOUSING,
  ProductCategory.SHELTER,
  ProductCategory.EMERGENCY_SHELTER,
  ProductCategory.OTHER_PROTECTED_HOUSING_AND_SHELTER,
];

export interface TypeMapping {
  category: string;
  productCode: string;
  facilityType: string;
}

/** The facility type for a product: its code's own mapping, else its category's. */
export function facilityTypeFor(mappings: readonly TypeMapping[], category: string, productCode?: string | null): FacilityType | undefined {
  const own = productCode ? mappings.find((m) => m.category === category && m.productCode === productCode) : undefined;
  const found = own ?? mappings.find((m) => m.category === category && m.productCode === '');
  return found?.facilityType as FacilityType | undefined;
}
