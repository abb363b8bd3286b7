import { validatePayload } from '@vangnet/contracts';
import { CheckRequest } from './check.dto';
import { fastQuestion } from './check.responder';

const valid = { providerAgb: '11110001', municipality: 'GM0546', product: { category: '02', code: '02A01' }, date: '2026-05-01' };

describe(fastQuestion.name, () => {
  it.each([
    ['a product by code', valid],
    ['a whole category', { ...valid, product: { category: '17' } }],
  ])('should take a plainly valid question (%s) as the contract class would', (_what, q) => {
    const slow = validatePayload(CheckRequest, q, { forbidUnknown: true });
    expect(slow.ok).toBe(true);
    expect(fastQuestion(q)).toEqual(slow.ok ? { ...slow.value } : undefined);
  });

  it('should never take what the contract class refuses', () => {
    const variants: unknown[] = [
      null,
      [],
      'x',
      { ...valid, extra: 1 },
      { ...valid, providerAgb: '1111000' },
      { ...valid, providerAgb: 11110001 },
      { ...valid, municipality: 'gm0546' },
      { ...valid, date: '2026-02-30' },
      { ...valid, date: '2026-5-01' },
      { ...valid, product: { category: '99' } },
      { ...valid, product: { category: 2 } },
      { ...valid, product: { category: '02', code: 'TOOLONG' } },
      { ...valid, product: { category: '02', code: '' } },
      { ...valid, product: { category: '02', code: '02A01', extra: true } },
      { ...valid, product: [] },
      { ...valid, product: undefined },
      { providerAgb: valid.providerAgb, municipality: valid.municipality, date: valid.date },
      { ...valid, product: { category: '02', code: null } },
    ];
    // Each is either refused by the class or a corner the fast path leaves to it (code: null).
    expect(variants.filter((q) => fastQuestion(q) !== undefined)).toEqual([]);
    expect(variants.filter((q) => validatePayload(CheckRequest, q, { forbidUnknown: true }).ok)).toEqual([{ ...valid, product: { category: '02', code: null } }]);
  });
});
