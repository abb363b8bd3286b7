import { PlanSection, Viewer } from '../plans/plans.rules';
import { visibleResidentPart } from './crisis-card.rules';

const part = { crisisCard: { contacts: ['zus'] }, wrap: { triggers: ['drukte'] }, ownInput: 'Ik wil weer werken' };
const participant = (sections: PlanSection[]): Viewer => ({ coordinator: false, participantIds: ['p1'], sections: new Set(sections), domains: new Set() });

describe(visibleResidentPart.name, () => {
  it('should show a participant only the parts the resident allowed', () => {
    expect(visibleResidentPart(participant([PlanSection.WRAP, PlanSection.GOALS]), part)).toEqual({ wrap: part.wrap });
  });

  it('should leave the whole part out for a participant without any of its sections', () => {
    expect(visibleResidentPart(participant([PlanSection.GOALS]), part)).toBeUndefined();
  });

  it('should show the coordinator everything', () => {
    expect(visibleResidentPart({ coordinator: true, participantIds: [], sections: new Set(Object.values(PlanSection)), domains: 'ALL' }, part)).toEqual(part);
  });
});
