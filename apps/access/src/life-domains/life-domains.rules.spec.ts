import { isLifeDomainCode, lifeDomainEvent, lifeDomainView } from './life-domains.rules';

const domain = { code: 'FINANCES', label: 'Financiën', framework: 'SELF_RELIANCE', position: 1, active: true, revision: 3, announcedRevision: 2 };

describe('life domains', () => {
  it('should announce a domain with the matrix’s 1–5 scale and its revision', () => {
    expect(lifeDomainEvent(domain)).toEqual({ code: 'FINANCES', label: 'Financiën', scaleMin: 1, scaleMax: 5, active: true, framework: 'SELF_RELIANCE', position: 1, revision: 3 });
  });

  it('should leave a region’s own framework out of the event, and keep it in the view', () => {
    const local = { ...domain, code: 'LANGUAGE', framework: 'LOCAL' };
    expect(lifeDomainEvent(local).framework).toBeUndefined();
    expect(lifeDomainView(local)).toMatchObject({ framework: 'LOCAL', scaleMin: 1, scaleMax: 5, revision: 3 });
  });

  it.each([
    ['FINANCES', true],
    ['RECOVERY_PHYSICAL_HEALTH', true],
    ['A1', true],
    ['F', false],
    ['finances', false],
    ['1ABC', false],
    ['X'.repeat(65), false],
  ])('should take %s as a code: %s', (code, ok) => {
    expect(isLifeDomainCode(code)).toBe(ok);
  });
});
