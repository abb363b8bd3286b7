import { ProviderKind } from './providers.dto';
import { patchProvider, providerVisible } from './providers.rules';

describe(providerVisible.name, () => {
  it.each([
    ['municipal staff, any provider', {}, '11110001', true],
    ['a provider, itself', { providerAgb: '11110001' }, '11110001', true],
    ['a provider, another', { providerAgb: '11110001' }, '11110002', false],
  ])('should answer for %s', (_what, scope, agb, expected) => {
    expect(providerVisible(scope, agb)).toBe(expected);
  });
});

describe(patchProvider.name, () => {
  const current = { kvk: '41110001', name: 'Zorggroep', kind: ProviderKind.CARE_PROVIDER, contact: { email: 'info@zorggroep.example.nl', phone: '071 123 4567' } };

  it('should keep every field the patch does not name', () => {
    expect(patchProvider(current, { name: 'Zorggroep bv' })).toEqual({ ...current, name: 'Zorggroep bv' });
  });

  it('should replace the whole contact when one is given', () => {
    expect(patchProvider(current, { contact: { name: 'Balie' } })).toEqual({ ...current, contact: { name: 'Balie' } });
  });
});
