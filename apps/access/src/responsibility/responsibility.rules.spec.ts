import { Law, ResponsibilityReason } from '@vangnet/contracts';
import {
  defaultRuleSets,
  determineResponsibility,
  mandateFor,
  overlappingRuleSet,
  PersonFacts,
  PriorIndication,
  ResponsibilityQuestion,
  ResponsibilityRegime,
  ResponsibilityRuleSet,
  ruleSetOn,
  RuleSetScope,
} from './responsibility.rules';

const LEIDEN = 'GM0546'; // central
const LEIDERDORP = 'GM0547';
const OEGSTGEEST = 'GM0579';
const VOORSCHOTEN = 'GM0626';
const ZOETERWOUDE = 'GM0638';
const UTRECHT = 'GM0344';

const WOONPLAATSBEGINSEL: ResponsibilityRuleSet = {
  id: '00000000-0000-4000-8000-00000000b001',
  scope: RuleSetScope.WMO_PROTECTED_HOUSING,
  regime: ResponsibilityRegime.WOONPLAATSBEGINSEL_36288,
  validFrom: '2028-01-01',
  validTo: null,
  centralMunicipality: LEIDEN,
  protectedHousingCategories: ['15', '18'],
  shelterCategories: ['16', '17'],
};

function ask(over: Partial<Omit<ResponsibilityQuestion, 'person'>> & { person?: Partial<PersonFacts> } = {}): ReturnType<typeof determineResponsibility> {
  const { person, ...rest } = over;
  return determineResponsibility({
    ruleSets: defaultRuleSets(LEIDEN),
    law: Law.WMO,
    category: '02',
    date: '2027-03-01',
    decidingMunicipality: LEIDERDORP,
    ...rest,
    person: { brpMunicipality: LEIDERDORP, ...person },
  });
}

describe('responsible municipality', () => {
  describe('Jeugdwet (art. 2.3 lid 1, art. 1.1 "woonplaats", since 2022)', () => {
    const youth = (person: Partial<PersonFacts>) => ask({ law: Law.JEUGDWET, category: '45', person });

    it('should take the BRP municipality of the young person (1°)', () => {
      expect(youth({ brpMunicipality: VOORSCHOTEN })).toMatchObject({ municipality: VOORSCHOTEN, legallyResponsible: VOORSCHOTEN, reason: ResponsibilityReason.JEUGDWET_BRP_ADDRESS });
    });

    it('should take the BRP municipality before the first of consecutive stays, whatever the BRP says now (2°)', () => {
      const answer = youth({ brpMunicipality: UTRECHT, stay: { kind: 'FOSTER_PARENT', since: '2025-06-01', brpMunicipalityBefore: OEGSTGEEST } });
      expect(answer).toMatchObject({ municipality: OEGSTGEEST, reason: ResponsibilityReason.JEUGDWET_ADDRESS_BEFORE_STAY });
      expect(answer.inputs).toMatchObject({ scope: 'JEUGDWET', stay: { kind: 'FOSTER_PARENT', since: '2025-06-01', brpMunicipalityBefore: OEGSTGEEST } });
      expect(answer.ruleSetId).toBe('00000000-0000-4000-8000-00000000a003');
    });

    it('should take the mother’s municipality at the birth with no address or one in investigation (Wet BRP 2.26) (3°)', () => {
      expect(youth({ brpMunicipality: null, motherMunicipalityAtBirth: ZOETERWOUDE })).toMatchObject({ municipality: ZOETERWOUDE, reason: ResponsibilityReason.JEUGDWET_MOTHER_AT_BIRTH });
      expect(youth({ brpMunicipality: VOORSCHOTEN, brpAddressInInvestigation: true, motherMunicipalityAtBirth: ZOETERWOUDE })).toMatchObject({
        municipality: ZOETERWOUDE,
        reason: ResponsibilityReason.JEUGDWET_MOTHER_AT_BIRTH,
      });
      // A stay without a known address before it falls through to the mother's municipality.
      expect(youth({ stay: { kind: 'YOUTH_CUSTODIAL_INSTITUTION', since: '2026-01-01' }, motherMunicipalityAtBirth: ZOETERWOUDE }).municipality).toBe(ZOETERWOUDE);
    });

    it('should fall back to where the young person actually stays', () => {
      expect(youth({ brpMunicipality: null, actualStayMunicipality: OEGSTGEEST })).toMatchObject({ municipality: OEGSTGEEST, reason: ResponsibilityReason.JEUGDWET_ACTUAL_STAY });
      expect(youth({ brpMunicipality: null })).toMatchObject({ municipality: LEIDERDORP, reason: ResponsibilityReason.JEUGDWET_ACTUAL_STAY });
    });

    it('should apply no Jeugdwet rule set before 2022', () => {
      expect(ask({ law: Law.JEUGDWET, category: '45', date: '2021-12-31', person: { brpMunicipality: VOORSCHOTEN } })).toMatchObject({
        municipality: LEIDERDORP,
        reason: ResponsibilityReason.DECIDING_MUNICIPALITY,
        ruleSetId: null,
      });
    });
  });

  describe('Wmo ordinary support (art. 1.2.1 a)', () => {
    it('should take the BRP municipality, and the municipality turned to without a registration', () => {
      expect(ask({ person: { brpMunicipality: VOORSCHOTEN } })).toMatchObject({ municipality: VOORSCHOTEN, legallyResponsible: VOORSCHOTEN, reason: ResponsibilityReason.WMO_BRP_MUNICIPALITY });
      expect(ask({ person: { brpMunicipality: null } })).toMatchObject({ municipality: LEIDERDORP, reason: ResponsibilityReason.DECIDING_MUNICIPALITY });
    });
  });

  describe('Wmo protected housing and shelter, the law in force (art. 1.2.1 b)', () => {
    it('should make the municipality turned to responsible and let the central municipality pay', () => {
      for (const category of ['15', '16', '17', '18']) {
        expect(ask({ category, person: { brpMunicipality: UTRECHT } })).toMatchObject({
          municipality: LEIDEN,
          legallyResponsible: LEIDERDORP,
          reason: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY,
          ruleSetId: '00000000-0000-4000-8000-00000000a001',
        });
      }
    });
  });

  describe('the woonplaatsbeginsel for protected housing (bill 36288), once a region activates it', () => {
    const ruleSets = [...defaultRuleSets(LEIDEN).map((r) => (r.scope === RuleSetScope.WMO_PROTECTED_HOUSING ? { ...r, validTo: '2027-12-31' } : r)), WOONPLAATSBEGINSEL];
    const bw = (person: Partial<PersonFacts>, priorIndications: PriorIndication[] = [], date = '2028-03-01') => ask({ ruleSets, category: '15', date, person, priorIndications });
    const ended = (end: string, municipality: string): PriorIndication => ({
      lineageId: 'l1',
      category: '15',
      start: '2025-01-01',
      end,
      basis: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY,
      clientSince: null,
      responsibleMunicipality: municipality,
    });

    it('should keep the law in force before its start date', () => {
      expect(bw({ brpMunicipality: VOORSCHOTEN }, [], '2027-12-31')).toMatchObject({ municipality: LEIDEN, reason: ResponsibilityReason.WMO_CENTRAL_MUNICIPALITY });
    });

    it('should take the municipality of the BRP residential address (art. 1.2.1 b as amended)', () => {
      expect(bw({ brpMunicipality: VOORSCHOTEN })).toMatchObject({
        municipality: VOORSCHOTEN,
        legallyResponsible: VOORSCHOTEN,
        reason: ResponsibilityReason.PROTECTED_HOUSING_RESIDENTIAL_ADDRESS,
        ruleSetId: WOONPLAATSBEGINSEL.id,
        inputs: { brpMunicipality: VOORSCHOTEN },
      });
    });

    it('a: protected housing ended less than twelve months ago stays with the municipality that last provided it', () => {
      expect(bw({ brpMunicipality: VOORSCHOTEN }, [ended('2027-06-30', OEGSTGEEST)])).toMatchObject({ municipality: OEGSTGEEST, reason: ResponsibilityReason.PROTECTED_HOUSING_RECENT_PROVISION });
      expect(bw({ brpMunicipality: VOORSCHOTEN }, [ended('2027-02-28', OEGSTGEEST)])).toMatchObject({ municipality: VOORSCHOTEN, reason: ResponsibilityReason.PROTECTED_HOUSING_RESIDENTIAL_ADDRESS });
    });

    it('b: a residential address at a designated institution: the address before it', () => {
      expect(bw({ brpMunicipality: UTRECHT, institutionResidence: { municipalityBefore: ZOETERWOUDE } })).toMatchObject({
        municipality: ZOETERWOUDE,
        reason: ResponsibilityReason.PROTECTED_HOUSING_INSTITUTION_ADDRESS,
      });
    });

    it('c: coming from youth care with a stay: the municipality responsible under the Jeugdwet', () => {
      expect(bw({ brpMunicipality: UTRECHT, youthCareWithStayMunicipality: OEGSTGEEST })).toMatchObject({ municipality: OEGSTGEEST, reason: ResponsibilityReason.PROTECTED_HOUSING_AFTER_YOUTH_CARE });
    });

    it('d: without a residential address: the last one’s municipality, failing that the one turned to', () => {
      expect(bw({ brpMunicipality: null, lastResidentialMunicipality: VOORSCHOTEN })).toMatchObject({
        municipality: VOORSCHOTEN,
        reason: ResponsibilityReason.PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS,
      });
      expect(bw({ brpMunicipality: null })).toMatchObject({ municipality: LEIDERDORP, reason: ResponsibilityReason.PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS });
    });

    it('should keep national access for shelter, the central municipality paying', () => {
      expect(ask({ ruleSets, category: '16', date: '2028-03-01', person: { brpMunicipality: VOORSCHOTEN } })).toMatchObject({
        municipality: LEIDEN,
        legallyResponsible: LEIDERDORP,
        reason: ResponsibilityReason.WMO_NATIONAL_ACCESS,
      });
    });
  });

  describe('rule sets and mandates', () => {
    it('should take the rule set of the scope in force on the date, within its period', () => {
      const sets = defaultRuleSets(LEIDEN);
      expect(ruleSetOn(sets, RuleSetScope.JEUGDWET, '2022-01-01')?.regime).toBe(ResponsibilityRegime.JEUGDWET_2022);
      expect(ruleSetOn(sets, RuleSetScope.JEUGDWET, '2021-12-31')).toBeUndefined();
      const closed = sets.map((r) => ({ ...r, validTo: '2027-12-31' }));
      expect(ruleSetOn([...closed, WOONPLAATSBEGINSEL], RuleSetScope.WMO_PROTECTED_HOUSING, '2028-01-01')?.id).toBe(WOONPLAATSBEGINSEL.id);
      expect(ruleSetOn(closed, RuleSetScope.WMO_SUPPORT, '2028-01-01')).toBeUndefined();
    });

    it('should call a rule set overlapping when its period meets a stored one of its scope, not when it supersedes an open-ended one', () => {
      const sets = [...defaultRuleSets(LEIDEN), WOONPLAATSBEGINSEL];
      const next = { scope: RuleSetScope.WMO_PROTECTED_HOUSING, validTo: null };
      expect(overlappingRuleSet(sets, { ...next, validFrom: '2029-01-01' })?.id).toBeUndefined(); // supersedes 36288 from 2029
      expect(overlappingRuleSet(sets, { ...next, validFrom: '2027-06-01' })?.id).toBe(WOONPLAATSBEGINSEL.id); // 36288 starts later
      expect(overlappingRuleSet(sets, { ...next, validFrom: '2027-06-01', validTo: '2027-12-31' })).toBeUndefined();
      const ended = [{ ...WOONPLAATSBEGINSEL, validTo: '2029-12-31' }];
      expect(overlappingRuleSet(ended, { ...next, validFrom: '2029-06-01' })?.id).toBe(WOONPLAATSBEGINSEL.id);
      expect(overlappingRuleSet(ended, { ...next, scope: RuleSetScope.JEUGDWET, validFrom: '2029-06-01' })).toBeUndefined();
    });

    it('should find a mandate by mandating municipality, team, scope and period', () => {
      const m = { id: 'm', mandatingMunicipality: LEIDEN, mandatedTeam: 'ORG:wijkteam-noord', scopes: [RuleSetScope.WMO_SUPPORT], validFrom: '2026-01-01', validTo: '2026-12-31' };
      expect(mandateFor([m], LEIDEN, ['ORG:wijkteam-noord', LEIDERDORP], RuleSetScope.WMO_SUPPORT, '2026-06-01')).toBe(m);
      expect(mandateFor([m], LEIDEN, [LEIDERDORP], RuleSetScope.WMO_SUPPORT, '2026-06-01')).toBeUndefined();
      expect(mandateFor([m], LEIDEN, ['ORG:wijkteam-noord'], RuleSetScope.JEUGDWET, '2026-06-01')).toBeUndefined();
      expect(mandateFor([m], LEIDEN, ['ORG:wijkteam-noord'], RuleSetScope.WMO_SUPPORT, '2027-01-01')).toBeUndefined();
    });
  });
});
