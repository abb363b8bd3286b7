import { RETENTION_TABLE, RetentionConfig, RetentionConfigError, RetentionKind } from './retention';

describe('RetentionConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const r of RETENTION_TABLE) {
      if (saved[r.variable] === undefined) delete process.env[r.variable];
      else process.env[r.variable] = saved[r.variable];
    }
  });

  it('should take the table’s periods, each overridable by its variable', () => {
    for (const r of RETENTION_TABLE) delete process.env[r.variable];
    process.env.VANGNET_RETENTION_OBJECT_STORE_DAYS = '14';
    const config = RetentionConfig.fromEnv();
    expect(config.daysOf(RetentionKind.PROCESSING_LOG)).toBe(RETENTION_TABLE.find((r) => r.kind === RetentionKind.PROCESSING_LOG)!.defaultDays);
    expect(config.daysOf(RetentionKind.OBJECT_STORE)).toBe(14);
    expect(config.keepFrom(RetentionKind.OBJECT_STORE, '2026-03-10')).toBe('2026-02-24');
  });

  it.each(['0', '-3', '7y', '1.5', '99999'])('should refuse %s naming the variable', (value) => {
    process.env.VANGNET_RETENTION_PROCESSING_LOG_DAYS = value;
    expect(() => RetentionConfig.fromEnv()).toThrow(RetentionConfigError);
    expect(() => RetentionConfig.fromEnv()).toThrow(/VANGNET_RETENTION_PROCESSING_LOG_DAYS/);
  });

  it('should name a legal basis and a variable for every kind', () => {
    expect(RETENTION_TABLE.map((r) => r.kind).sort()).toEqual(Object.values(RetentionKind).sort());
    for (const r of RETENTION_TABLE) {
      expect(r.basis.length).toBeGreaterThan(10);
      expect(r.variable).toBe(`VANGNET_RETENTION_${r.kind}_DAYS`);
    }
  });
});
