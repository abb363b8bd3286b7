import { Test } from '@nestjs/testing';
import { DEMO_REGION, RegionConfig, RegionConfigError, regionConfigProvider } from './region';

describe(RegionConfig.name, () => {
  it('should default to the demo region with Leiden as the central municipality', () => {
    const sut = RegionConfig.fromEnv({});
    expect(sut.municipalities).toEqual(['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638']);
    expect(sut.central).toBe('GM0546');
  });

  it('should read the members and the central municipality, trimming spaces', () => {
    const sut = RegionConfig.fromEnv({ VANGNET_REGION_MUNICIPALITIES: ' GM0363, GM0384 ,GM0437', VANGNET_CENTRAL_MUNICIPALITY: 'GM0363' });
    expect(sut.municipalities).toEqual(['GM0363', 'GM0384', 'GM0437']);
    expect(sut.central).toBe('GM0363');
  });

  it('should take a central municipality alone against the default members', () => {
    expect(RegionConfig.fromEnv({ VANGNET_CENTRAL_MUNICIPALITY: 'GM0547' }).central).toBe('GM0547');
  });

  it.each([
    [{ VANGNET_REGION_MUNICIPALITIES: 'GM0546,0547' }, /VANGNET_REGION_MUNICIPALITIES must be CBS codes.*"0547"/],
    [{ VANGNET_REGION_MUNICIPALITIES: 'GM0546,,GM0547', VANGNET_CENTRAL_MUNICIPALITY: 'GM0546' }, /not ""/],
    [{ VANGNET_REGION_MUNICIPALITIES: 'GM0546,GM0547,GM0546', VANGNET_CENTRAL_MUNICIPALITY: 'GM0546' }, /names GM0546 more than once/],
    [{ VANGNET_REGION_MUNICIPALITIES: 'GM0363,GM0384' }, /VANGNET_CENTRAL_MUNICIPALITY must be set/],
    [{ VANGNET_CENTRAL_MUNICIPALITY: 'Leiden' }, /VANGNET_CENTRAL_MUNICIPALITY must be a CBS code/],
    [{ VANGNET_CENTRAL_MUNICIPALITY: 'GM0363' }, /GM0363 is not one of VANGNET_REGION_MUNICIPALITIES/],
  ])('should refuse %j, naming the variable', (env, message) => {
    expect(() => RegionConfig.fromEnv(env)).toThrow(RegionConfigError);
    expect(() => RegionConfig.fromEnv(env)).toThrow(message);
  });

  it('should say whether a municipality is a member, and whether a caller acts for the whole region', () => {
    const sut = RegionConfig.fromEnv({});
    expect(sut.isMember('GM0638')).toBe(true);
    expect(sut.isMember('GM0363')).toBe(false);
    expect(sut.coveredBy([...DEMO_REGION.municipalities, 'GM0363'])).toBe(true);
    expect(sut.coveredBy(['GM0546', 'GM0547', 'GM0579', 'GM0626'])).toBe(false);
  });

  it('should not let a caller change the members it was given', () => {
    const sut = RegionConfig.fromEnv({});
    expect(() => (sut.municipalities as string[]).push('GM0363')).toThrow(TypeError);
  });

  describe('as a provider', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('should be injectable, read from the environment', async () => {
      process.env.VANGNET_REGION_MUNICIPALITIES = 'GM0363,GM0384';
      process.env.VANGNET_CENTRAL_MUNICIPALITY = 'GM0384';
      const module = await Test.createTestingModule({ providers: [regionConfigProvider] }).compile();
      expect(module.get(RegionConfig)).toMatchObject({ municipalities: ['GM0363', 'GM0384'], central: 'GM0384' });
    });

    it('should stop the module from starting on a bad value', async () => {
      process.env.VANGNET_REGION_MUNICIPALITIES = 'GM0363,Leiden';
      await expect(Test.createTestingModule({ providers: [regionConfigProvider] }).compile()).rejects.toThrow(/VANGNET_REGION_MUNICIPALITIES/);
    });
  });
});
