import { ProductCategory } from '@vangnet/contracts';
import { CarePlansConfig, DEFAULT_YOUTH_TO_WMO } from './care-plans-config';

describe(CarePlansConfig.name, () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('should take the defaults when nothing is set', () => {
    delete process.env.CARE_PLANS_YOUTH_TO_WMO;
    delete process.env.CARE_PLANS_FRAGMENTATION_THRESHOLD;
    const sut = new CarePlansConfig();
    expect(sut.fragmentationThreshold).toBe(3);
    expect(sut.youthToWmo).toBe(DEFAULT_YOUTH_TO_WMO);
    expect(sut.youthToWmo[ProductCategory.YOUTH_AMBULANT]).toBe(ProductCategory.GUIDANCE);
  });

  it('should read a map of Jeugdwet to Wmo categories', () => {
    process.env.CARE_PLANS_YOUTH_TO_WMO = '45:02, 43:15';
    expect(new CarePlansConfig().youthToWmo).toEqual({ '45': '02', '43': '15' });
  });

  it('should stop at start on a pair that is not Jeugdwet to Wmo, naming the variable', () => {
    process.env.CARE_PLANS_YOUTH_TO_WMO = '02:45';
    expect(() => new CarePlansConfig()).toThrow(/CARE_PLANS_YOUTH_TO_WMO/);
    process.env.CARE_PLANS_YOUTH_TO_WMO = '45:99';
    expect(() => new CarePlansConfig()).toThrow(/CARE_PLANS_YOUTH_TO_WMO/);
  });

  it('should refuse a threshold that is not a whole number in range', () => {
    process.env.CARE_PLANS_FRAGMENTATION_THRESHOLD = '0';
    expect(() => new CarePlansConfig()).toThrow(/CARE_PLANS_FRAGMENTATION_THRESHOLD/);
  });
});
