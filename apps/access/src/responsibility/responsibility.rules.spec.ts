import { ResponsibilityReason as R } from '@vangnet/contracts';
import {
  defaultRuleSets,
  determineResponsibility,
  PriorIndication,
  ResponsibilityQuestion,
  ResponsibilityRegime,
  ruleSetOn,
} from './responsibility.rules';

const CENTRAL = 'GM0546';
const ORIGIN = 'GM0626';
const BRP = 'GM0547';
const DECIDER = 'GM0579';
const ruleSets = defaultRuleSets(CENTRAL);

function ask(overrides: Partial<ResponsibilityQuestion> = {}) {
  return determineResponsibility({
    ruleSets,
    category: '15',
    date: '2026-06-01',
    decidingMunicipality: DECIDER,
    originMunicipality: ORIGIN,
    brpMunicipality: BRP,
    priorIndications: [],
    ...overrides,
  });
}

function anIndication(overrides: Partial<PriorIndication> = {}): PriorIndication {
  return { lineageId: 'l1', category: '15', start: '2025-03-01', end: '2027-02-28', basis: R.CENTRAL_REGIME, clientSince: null, ...overrides };
}

describe(determineResponsibility.name, () => {
  it('should pick the rule set with the latest validFrom on or before the date', () => {
    expect(ruleSetOn(ruleSets, '2025-12-31')?.regime).toBe(ResponsibilityRegime.CENTRAL);
    expect(ruleSetOn(ruleSets, '2026-01-01')?.regime).toBe(ResponsibilityRegime.ORIGIN);
    expect(ruleSetOn(ruleSets, '2014-12-31')).toBeUndefined();
  });

  it('should leave everything that is not protected housing or shelter with the deciding municipality', () => {
    expect(ask({ category: '02' })).toMatchObject({ municipality: DECIDER, reason: R.DECIDING_MUNICIPALITY, switchOn: null });
    expect(ask({ category: '45' })).toMatchObject({ municipality: DECIDER, reason: R.DECIDING_MUNICIPALITY });
  });

  it('should keep shelter (16, 17) with the central municipality under every regime', () => {
    expect(ask({ category: '16' })).toMatchObject({ municipality: CENTRAL, reason: R.SHELTER });
    expect(ask({ category: '17', date: '2020-01-01' })).toMatchObject({ municipality: CENTRAL, reason: R.SHELTER });
  });

  it('should send all protected housing to the central municipality before the transition', () => {
    expect(ask({ date: '2025-06-01' })).toMatchObject({ municipality: CENTRAL, reason: R.CENTRAL_REGIME, basis: R.CENTRAL_REGIME, ruleSetValidFrom: '2015-01-01' });
  });

  describe('a new client', () => {
    it('should be paid for by the municipality of origin for the period, with the switch to the BRP municipality announced', () => {
      expect(ask()).toEqual({
        municipality: ORIGIN,
        reason: R.ORIGIN_PERIOD,
        basis: R.ORIGIN_PERIOD,
        clientSince: '2026-06-01',
        switchOn: '2028-06-01',
        ruleSetValidFrom: '2026-01-01',
      });
    });

    it('should be paid for by the BRP municipality once the period is over', () => {
      const lineage = { basis: R.ORIGIN_PERIOD, clientSince: '2026-06-01', start: '2026-06-01' };
      expect(ask({ date: '2028-05-31', lineage })).toMatchObject({ municipality: ORIGIN, reason: R.ORIGIN_PERIOD, switchOn: '2028-06-01' });
      expect(ask({ date: '2028-06-01', lineage })).toMatchObject({ municipality: BRP, reason: R.BRP_MUNICIPALITY, switchOn: null });
    });

    it('should announce no switch when origin and BRP municipality are the same', () => {
      expect(ask({ brpMunicipality: ORIGIN })).toMatchObject({ municipality: ORIGIN, reason: R.ORIGIN_PERIOD, switchOn: null });
    });

    it('should fall to the national safety net (the deciding municipality by default) when no origin can be determined', () => {
      expect(ask({ originMunicipality: null })).toMatchObject({ municipality: DECIDER, reason: R.NATIONAL_SAFETY_NET, switchOn: '2028-06-01' });
      expect(ask({ originMunicipality: null, brpMunicipality: null })).toMatchObject({ reason: R.NATIONAL_SAFETY_NET, switchOn: null });
      const configured = ruleSets.map((r) => ({ ...r, safetyNetMunicipality: 'GM0363' }));
      expect(ask({ ruleSets: configured, originMunicipality: undefined })).toMatchObject({ municipality: 'GM0363', reason: R.NATIONAL_SAFETY_NET });
    });

    it('should use the configured origin period of the rule set in force', () => {
      const short = ruleSets.map((r) => (r.regime === ResponsibilityRegime.ORIGIN ? { ...r, originPeriodMonths: 6 } : r));
      expect(ask({ ruleSets: short })).toMatchObject({ switchOn: '2026-12-01' });
    });
  });

  describe('an existing client (indication from before the transition)', () => {
    it('should stay with the central municipality for a new version while the indication runs', () => {
      const lineage = { basis: R.CENTRAL_REGIME, clientSince: null, start: '2025-03-01' };
      expect(ask({ date: '2026-09-01', lineage })).toMatchObject({ municipality: CENTRAL, reason: R.EXISTING_CLIENT, switchOn: null });
    });

    it('should stay with the central municipality for another provision within the running indication', () => {
      expect(ask({ category: '18', priorIndications: [anIndication()] })).toMatchObject({ municipality: CENTRAL, reason: R.EXISTING_CLIENT, basis: R.EXISTING_CLIENT });
    });

    it('should become a new client on a re-indication, explicitly or once the old indication has ended', () => {
      expect(ask({ priorIndications: [anIndication()], reindication: true })).toMatchObject({ municipality: ORIGIN, reason: R.ORIGIN_PERIOD, clientSince: '2026-06-01' });
      const ended = anIndication({ end: '2026-05-31' });
      expect(ask({ priorIndications: [ended] })).toMatchObject({ municipality: ORIGIN, reason: R.ORIGIN_PERIOD });
    });

    it('should ignore indications that are not protected housing', () => {
      expect(ask({ priorIndications: [anIndication({ category: '16' })] })).toMatchObject({ reason: R.ORIGIN_PERIOD });
    });
  });

  it('should let a second provision of a new client share the origin period of the running indication', () => {
    const running = anIndication({ start: '2026-02-01', end: null, basis: R.ORIGIN_PERIOD, clientSince: '2026-02-01' });
    expect(ask({ category: '18', priorIndications: [running] })).toMatchObject({ municipality: ORIGIN, clientSince: '2026-02-01', switchOn: '2028-02-01' });
    expect(ask({ category: '18', priorIndications: [running], date: '2028-03-01' })).toMatchObject({ municipality: BRP, reason: R.BRP_MUNICIPALITY });
  });

  it('should pay with the deciding municipality when no rule set covers the date', () => {
    expect(ask({ date: '2010-01-01' })).toMatchObject({ municipality: DECIDER, reason: R.DECIDING_MUNICIPALITY, ruleSetValidFrom: null });
  });
});
