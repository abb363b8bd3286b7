import { NameUse } from '@vangnet/contracts';
import { NominationErrorCode } from './nominations.errors';
import { corporationResident, displayName, NominationCheck, nominationProblems } from './nominations.rules';

const aCheck = (o: Partial<NominationCheck> = {}): NominationCheck => ({ readiness: { status: 'READY', readyFrom: '2026-11-01' }, consented: true, hasRunningPlacement: true, today: '2026-11-23', ...o });

describe(nominationProblems.name, () => {
  it('should allow a ready, consenting, placed resident', () => {
    expect(nominationProblems(aCheck())).toEqual([]);
  });

  it('should refuse without consent, naming readinessId with CONSENT_REQUIRED', () => {
    expect(nominationProblems(aCheck({ consented: false }))).toEqual([expect.objectContaining({ name: 'readinessId', code: NominationErrorCode.CONSENT_REQUIRED })]);
  });

  it('should refuse a resident ready only later, one nominated already, or without a placement', () => {
    expect(nominationProblems(aCheck({ readiness: { status: 'READY', readyFrom: '2026-12-01' } })).map((p) => p.code)).toEqual([NominationErrorCode.NOT_READY_YET]);
    expect(nominationProblems(aCheck({ readiness: { status: 'NOMINATED', readyFrom: '2026-11-01' } })).map((p) => p.code)).toEqual([NominationErrorCode.NOMINATION_OPEN]);
    expect(nominationProblems(aCheck({ hasRunningPlacement: false })).map((p) => p.code)).toEqual([NominationErrorCode.NO_RUNNING_PLACEMENT]);
  });
});

describe(displayName.name, () => {
  it('should write the name as the resident uses it', () => {
    expect(displayName({ familyName: { name: 'Vries', prefix: 'de' }, initials: 'JP' })).toBe('J.P. de Vries');
    expect(displayName({ familyName: { name: 'Vries', prefix: 'de' }, givenNames: 'Jan', partnerName: { name: 'Bakker' }, nameUse: NameUse.OWN_THEN_PARTNER })).toBe('Jan de Vries-Bakker');
    expect(displayName({ familyName: { name: 'Vries' }, partnerName: { name: 'Bakker' }, nameUse: NameUse.PARTNER })).toBe('Bakker');
  });
});

describe(corporationResident.name, () => {
  it('should hold a name, the household size and needs, and nothing else', () => {
    const r = corporationResident({ name: { familyName: { name: 'Jansen' }, givenNames: 'Eva' } }, 3, ['ACCESSIBLE']);
    expect(Object.keys(r).sort()).toEqual(['householdSize', 'name', 'nameUnavailable', 'needs']);
    expect(r).toEqual({ name: { display: 'Eva Jansen', familyName: 'Jansen', prefix: null, givenNames: 'Eva', initials: null }, nameUnavailable: null, householdSize: 3, needs: ['ACCESSIBLE'] });
  });

  it('should say why the name is missing when access could not give it', () => {
    expect(corporationResident({ unavailable: 'NO_RESPONDER' }, 1, [])).toEqual({ name: null, nameUnavailable: 'NO_RESPONDER', householdSize: 1, needs: [] });
  });
});
