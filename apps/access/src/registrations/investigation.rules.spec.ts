import { ConsideredOption as O } from '@vangnet/contracts';
import { conclusionOf, considerationProblems, scoreProblems } from './investigation.rules';

describe('investigation rules', () => {
  it('should accept the fixed order up to the option that suffices', () => {
    expect(considerationProblems([{ option: O.OWN_NETWORK, sufficient: true }])).toEqual([]);
    const all = [O.OWN_NETWORK, O.GENERAL_PROVISION, O.COLLECTIVE_PROVISION, O.TAILORED_PROVISION].map((option, i) => ({ option, sufficient: i === 3 }));
    expect(considerationProblems(all)).toEqual([]);
    expect(conclusionOf(all)).toBe(O.TAILORED_PROVISION);
  });

  it('should name the position that skips or reorders an option', () => {
    const skipped = [
      { option: O.OWN_NETWORK, sufficient: false },
      { option: O.TAILORED_PROVISION, sufficient: true },
    ];
    expect(considerationProblems(skipped)).toEqual([expect.objectContaining({ name: 'considered[1].option', code: 'CONSIDERED_OUT_OF_ORDER' })]);
    expect(considerationProblems([{ option: O.GENERAL_PROVISION, sufficient: true }])[0]).toMatchObject({ name: 'considered[0].option' });
  });

  it('should refuse weighing on after an option sufficed', () => {
    const problems = considerationProblems([
      { option: O.OWN_NETWORK, sufficient: true },
      { option: O.GENERAL_PROVISION, sufficient: false },
    ]);
    expect(problems).toEqual([expect.objectContaining({ name: 'considered[1].option', code: 'CONSIDERED_AFTER_SUFFICIENT' })]);
  });

  it('should give no conclusion when nothing sufficed', () => {
    expect(conclusionOf([{ option: O.OWN_NETWORK, sufficient: false }])).toBeNull();
  });

  it('should refuse unknown and duplicate life domains by position', () => {
    const active = new Set(['FINANCES', 'HOUSING']);
    expect(scoreProblems([{ domain: 'FINANCES' }, { domain: 'ASTROLOGY' }, { domain: 'FINANCES' }], active)).toEqual([
      expect.objectContaining({ name: 'scores[1].domain', code: 'UNKNOWN_LIFE_DOMAIN' }),
      expect.objectContaining({ name: 'scores[2].domain', code: 'DUPLICATE_LIFE_DOMAIN' }),
    ]);
  });
});
