import { ProductCategory } from '@vangnet/contracts';
import { answerOf, fragmented, lacking, planWmoChecks, reviewOverdue } from './signals.rules';

const map = { '45': ProductCategory.GUIDANCE, '43': ProductCategory.PROTECTED_HOUSING };

describe(planWmoChecks.name, () => {
  it('should ask for each mapped youth provision with a provider, and answer the rest without asking', () => {
    const { checks, answers } = planWmoChecks(
      ['a', 'b', 'c', 'd'],
      [
        { lineageId: 'a', providerAgb: '98000001', category: '45' },
        { lineageId: 'b', providerAgb: '98000002', category: '52' },
        { lineageId: 'c', providerAgb: null, category: '45' },
      ],
      map,
      'GM0546',
    );
    expect(checks).toEqual([{ lineageId: 'a', providerAgb: '98000001', youthCategory: '45', wmoCategory: '02' }]);
    expect(answers.map((x) => [x.lineageId, x.code])).toEqual([
      ['b', 'NO_WMO_EQUIVALENT'],
      ['c', 'NO_PROVIDER'],
      ['d', 'UNKNOWN_LINEAGE'],
    ]);
  });

  it('should ask nothing without a BRP municipality', () => {
    const { checks, answers } = planWmoChecks(['a'], [{ lineageId: 'a', providerAgb: '98000001', category: '43' }], map, null);
    expect(checks).toEqual([]);
    expect(answers[0]).toMatchObject({ code: 'NO_BRP_MUNICIPALITY', wmoCategory: '15' });
  });
});

describe(answerOf.name, () => {
  const check = { lineageId: 'a', providerAgb: '98000001', youthCategory: '45', wmoCategory: ProductCategory.GUIDANCE };

  it('should say a client stop means contracted but stopped', () => {
    expect(answerOf(check, { ok: false, code: 'CLIENT_STOP' })).toMatchObject({ contracted: true, code: 'CLIENT_STOP', note: expect.stringMatching(/contracted for the Wmo but stopped/) });
  });

  it('should name a provider without a Wmo contract among those lacking one', () => {
    const answers = [answerOf(check, { ok: false, code: 'NO_CONTRACT' }), answerOf({ ...check, lineageId: 'b', providerAgb: '98000002' }, { ok: true })];
    expect(answers.map((a) => a.contracted)).toEqual([false, true]);
    expect(lacking(answers)).toEqual(['98000001']);
  });
});

describe(reviewOverdue.name, () => {
  it('should count a review overdue from the day after its date', () => {
    expect([reviewOverdue('2027-05-01', '2027-05-01'), reviewOverdue('2027-05-01', '2027-05-02')]).toEqual([false, true]);
  });
});

describe(fragmented.name, () => {
  it('should fire above the threshold, not at it', () => {
    expect([fragmented(3, 3), fragmented(4, 3)]).toEqual([false, true]);
  });
});
