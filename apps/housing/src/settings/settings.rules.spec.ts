import { FacilityType } from '@vangnet/contracts';
import { facilityTypeFor, TypeMapping } from './settings.rules';

const mappings: TypeMapping[] = [
  { category: '15', productCode: '', facilityType: FacilityType.INTRAMURAL_PROTECTED_HOUSING },
  { category: '15', productCode: '15B02', facilityType: FacilityType.PROTECTED_HOUSING_LIGHT },
  { category: '16', productCode: '', facilityType: FacilityType.DAY_AND_NIGHT_SHELTER },
];

describe(facilityTypeFor.name, () => {
  it('should take the product code’s own mapping before its category’s', () => {
    expect(facilityTypeFor(mappings, '15', '15B02')).toBe(FacilityType.PROTECTED_HOUSING_LIGHT);
    expect(facilityTypeFor(mappings, '15', '15A01')).toBe(FacilityType.INTRAMURAL_PROTECTED_HOUSING);
    expect(facilityTypeFor(mappings, '15')).toBe(FacilityType.INTRAMURAL_PROTECTED_HOUSING);
  });

  it('should find nothing for a category without a mapping', () => {
    expect(facilityTypeFor(mappings, '18', '18A01')).toBeUndefined();
    expect(facilityTypeFor(mappings, '16', '15B02')).toBe(FacilityType.DAY_AND_NIGHT_SHELTER);
  });
});
