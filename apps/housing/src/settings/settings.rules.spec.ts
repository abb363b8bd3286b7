import { SettingsErrorCode } from './settings.errors';
import { SettingsInput, settingsProblems } from './settings.rules';

const aSettings = (overrides: Partial<SettingsInput> = {}): SettingsInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(settingsProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(settingsProblems(aSettings({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(settingsProblems(aSettings({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(settingsProblems(aSettings({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: SettingsErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
