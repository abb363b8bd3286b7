import { againstNorm, Norm, normFor, waitingTimeView } from './waiting-times.rules';

const NORMS: Norm[] = [
  { category: '02', code: '', normDays: 42 },
  { category: '02', code: '02A01', normDays: 28 },
  { category: '07', code: '07A01', normDays: 14 },
];

describe(normFor.name, () => {
  it.each([
    ['a code with its own norm', '02', '02A01', 28],
    ['a code without one, in a category with one', '02', '02A02', 42],
    ['the whole category', '02', '', 42],
    ['a code whose category has no norm', '07', '07A02', null],
    ['the whole category without a norm of its own', '07', '', null],
    ['a category without any norm', '10', '', null],
  ])('should give %s the norm %s', (_what, category, code, expected) => {
    expect(normFor(NORMS, category, code)).toBe(expected);
  });
});

describe(againstNorm.name, () => {
  it.each([
    [30, 28, 42, { normDays: 28, exceedsNorm: true }],
    [28, 28, 42, { normDays: 28, exceedsNorm: false }],
    [30, null, 42, { normDays: 42, exceedsNorm: false }],
    [43, null, 42, { normDays: 42, exceedsNorm: true }],
    [43, null, null, { normDays: null, exceedsNorm: null }],
  ])('should compare %s days with a code norm %s and a category norm %s', (days, codeNorm, categoryNorm, expected) => {
    expect(againstNorm(days, codeNorm, categoryNorm)).toEqual(expected);
  });
});

describe(waitingTimeView.name, () => {
  it('should show a category report without a code, against the category norm', () => {
    expect(waitingTimeView({ providerAgb: '66660001', category: '02', code: '', waitingDays: 30, measuredOn: '2026-11-01' }, NORMS)).toEqual({
      providerAgb: '66660001',
      product: { category: '02' },
      waitingDays: 30,
      measuredOn: '2026-11-01',
      normDays: 42,
      exceedsNorm: false,
    });
  });

  it('should show a code report against the code norm', () => {
    expect(waitingTimeView({ providerAgb: '66660001', category: '02', code: '02A01', waitingDays: 30, measuredOn: '2026-11-01' }, NORMS)).toMatchObject({
      product: { category: '02', code: '02A01' },
      normDays: 28,
      exceedsNorm: true,
    });
  });
});
