import { Role } from '@vangnet/contracts';
import { adultsOn, consentOn, isCoordinator, orgProblem, ParticipantRole, PlanSection, seesDomain, viewerOf } from './plans.rules';

const at = (s: string) => new Date(`2026-01-01T00:00:${s}Z`);
const consent = (o: Partial<Parameters<typeof consentOn>[0][number]> = {}) => ({ id: 'c1', sections: ['GOALS'], domains: ['FINANCES'], givenOn: '2026-03-01', withdrawnOn: null, recordedAt: at('01'), ...o });

describe(consentOn.name, () => {
  it('should take the latest consent given by the day, so a narrower one replaces a wider one', () => {
    const wide = consent({ id: 'a', domains: ['FINANCES', 'HOUSING'] });
    const narrow = consent({ id: 'b', domains: ['FINANCES'], givenOn: '2026-04-01', recordedAt: at('02') });
    expect(consentOn([wide, narrow], '2026-03-15')?.id).toBe('a');
    expect(consentOn([wide, narrow], '2026-04-01')?.id).toBe('b');
  });

  it('should share nothing from the day consent was withdrawn', () => {
    const c = consent({ withdrawnOn: '2026-05-01' });
    expect([consentOn([c], '2026-04-30')?.id, consentOn([c], '2026-05-01')]).toEqual(['c1', undefined]);
  });

  it('should share nothing before consent was given', () => {
    expect(consentOn([consent()], '2026-02-28')).toBeUndefined();
  });
});

describe(viewerOf.name, () => {
  const plan = { municipality: 'GM0546', coordinatorOrg: 'GM0546' };
  const provider = { id: 'p1', role: ParticipantRole.PROVIDER, org: 'AGB:98000001', joinedOn: '2026-01-01', leftOn: null };

  it('should give the coordinator everything', () => {
    const v = viewerOf({ org: 'GM0546', roles: [Role.CARE_PLANS_COORDINATOR], municipalities: ['GM0546'] }, plan, [], new Map(), '2026-06-01');
    expect(v?.coordinator).toBe(true);
    expect(v && seesDomain(v, 'ANYTHING')).toBe(true);
  });

  it('should not make a municipal coordinator of another municipality the coordinator', () => {
    expect(isCoordinator({ org: 'GM0546', roles: [Role.CARE_PLANS_COORDINATOR], municipalities: ['GM0547'] }, plan)).toBe(false);
  });

  it('should give a participant the sections and domains of its consent in force', () => {
    const v = viewerOf({ org: 'AGB:98000001', roles: [Role.PROVIDER], municipalities: [] }, plan, [provider], new Map([['p1', [consent()]]]), '2026-06-01');
    expect(v?.coordinator).toBe(false);
    expect([...(v?.sections ?? [])]).toEqual([PlanSection.GOALS]);
    expect(v && [seesDomain(v, 'FINANCES'), seesDomain(v, 'HOUSING')]).toEqual([true, false]);
  });

  it('should leave a participant that left, or an organisation that never took part, without a view', () => {
    const caller = { org: 'AGB:98000001', roles: [Role.PROVIDER], municipalities: [] };
    expect(viewerOf(caller, plan, [{ ...provider, leftOn: '2026-05-31' }], new Map(), '2026-06-01')).toBeUndefined();
    expect(viewerOf({ ...caller, org: 'AGB:98000009' }, plan, [provider], new Map(), '2026-06-01')).toBeUndefined();
  });
});

describe(orgProblem.name, () => {
  it('should refuse a corporation in any role', () => {
    expect(orgProblem(ParticipantRole.VOLUNTEER, 'CORP:30000001')).toMatch(/corporation/);
  });

  it('should ask a provider for its AGB and a municipal team for its municipality', () => {
    expect([orgProblem(ParticipantRole.PROVIDER, 'AGB:98000001'), orgProblem(ParticipantRole.MUNICIPAL_TEAM, 'GM0546')]).toEqual([undefined, undefined]);
    expect(orgProblem(ParticipantRole.PROVIDER, 'GM0546')).toMatch(/AGB/);
  });
});

describe(adultsOn.name, () => {
  it('should take the members of age on the day, leaving minors and those who left', () => {
    const m = (personId: string, o: { minorOn?: string; validTo?: string } = {}) => ({ personId, role: 'PARENT', validFrom: '2020-01-01', validTo: o.validTo ?? null, minorOn: o.minorOn ?? null });
    const ids = adultsOn([m('a'), m('b', { minorOn: '2027-01-01' }), m('c', { minorOn: '2026-05-01' }), m('d', { validTo: '2026-01-31' })], '2026-06-01').map((x) => x.personId);
    expect(ids).toEqual(['a', 'c']);
  });
});
