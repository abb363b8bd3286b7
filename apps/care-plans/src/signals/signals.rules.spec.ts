import { ProductCategory } from '@vangnet/contracts';
import { ParticipantRole } from '../plans/plans.rules';
import { answerOf, fragmented, lacking, planWmoChecks, professionalsOn, reviewOverdue } from './signals.rules';

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

describe(professionalsOn.name, () => {
  it('should count each organisation once: professional participants and providers of running provisions', () => {
    const participant = (role: ParticipantRole, org: string | null, leftOn: string | null = null) => ({ role, org, joinedOn: '2026-01-01', leftOn });
    const provision = (providerAgb: string, endedOn: string | null = null) => ({ providerAgb, version: 1, periodStart: '2026-01-01', periodEnd: null, endedOn });
    const orgs = professionalsOn(
      [participant(ParticipantRole.COORDINATOR, 'GM0546'), participant(ParticipantRole.PROVIDER, 'AGB:98000001'), participant(ParticipantRole.VOLUNTEER, 'AGB:98000006'), participant(ParticipantRole.GP, 'AGB:98000007', '2026-03-01')],
      [provision('98000001'), provision('98000002'), provision('98000003', '2026-04-30')],
      '2026-05-01',
    );
    expect(orgs).toEqual(['AGB:98000001', 'AGB:98000002', 'GM0546']);
  });
});
