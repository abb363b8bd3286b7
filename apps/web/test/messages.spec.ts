import {
  CarePlanSignalKind,
  ConsideredOption,
  DeadlineKind,
  DecisionOutcome,
  DeliveryForm,
  EndReason,
  FacilityType,
  Frequency,
  HouseholdRole,
  Law,
  PRODUCT_CATEGORY_LABELS,
  RegistrationChannel,
  RegistrationSource,
  Role,
  Unit,
} from '@vangnet/contracts';
import { CODES, CodeList, fill, label, nl } from '../src/messages.nl';
import { taskTitle } from '../src/task-title';

// No code reaches the screen untranslated: every value of the platform's code lists that a page
// shows has its Dutch text in the message file (a new value in libs/contracts fails here first).
describe('the code lists in Dutch', () => {
  const lists: Array<[CodeList, Record<string, string>]> = [
    ['facilityType', FacilityType],
    ['deadlineKind', DeadlineKind],
    ['decisionOutcome', DecisionOutcome],
    ['deliveryForm', DeliveryForm],
    ['endReason', EndReason],
    ['frequency', Frequency],
    ['householdRole', HouseholdRole],
    ['law', Law],
    ['registrationChannel', RegistrationChannel],
    ['registrationSource', RegistrationSource],
    ['consideredOption', ConsideredOption],
    ['role', Role],
    ['signalKind', CarePlanSignalKind],
    ['unit', Unit],
  ];

  it.each(lists)('should have every %s in Dutch', (list, values) => {
    const missing = Object.values(values).filter((code) => !Object.prototype.hasOwnProperty.call(CODES[list], code));
    expect(missing).toEqual([]);
  });

  it('should name the product categories as the iWmo and iJw code lists do', () => {
    expect(CODES.productCategory).toEqual(PRODUCT_CATEGORY_LABELS);
  });

  it('should show a code a newer API adds as it is, and nothing as a dash', () => {
    expect(label('facilityType', 'OWN_HOME_WITH_SUPPORT')).toBe('Beschermd thuis');
    expect(label('facilityType', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(label('law', null)).toBe('—');
  });

  it('should keep every text free of placeholders it cannot fill and of English leftovers', () => {
    for (const [key, text] of Object.entries(nl)) expect({ key, ok: !/\{\s|\s\}|TODO/.test(text) }).toEqual({ key, ok: true });
    expect(fill('{a} en {b}', { a: 1 })).toBe('1 en {b}');
  });
});

describe(taskTitle.name, () => {
  it('should word each of access’s task title codes in Dutch with its values, dates in Dutch notation', () => {
    expect(taskTitle({ kind: 'ASSIGNMENT_REQUEST', title: 'Answer provider 98000004’s request', titleCode: 'ANSWER_ASSIGNMENT_REQUEST', titleParams: { providerAgb: '98000004', providerReference: 'DEMO-315-0001' } })).toBe(
      'Beantwoord het verzoek om een toewijzing van aanbieder 98000004 (DEMO-315-0001)',
    );
    expect(taskTitle({ kind: 'ASSIGNMENT_REQUEST', title: '…', titleCode: 'ANSWER_CHANGE_REQUEST', titleParams: { providerAgb: '98000004', providerReference: 'R-1', assignmentNumber: 1234 } })).toBe(
      'Beantwoord het verzoek van aanbieder 98000004 om toewijzing 1234 te wijzigen (R-1)',
    );
    expect(taskTitle({ kind: 'CHANGE_TO_AMBULANT', title: 'Change the support…', titleCode: 'CHANGE_TO_AMBULANT', titleParams: { leaseStart: '2027-01-01' } })).toBe(
      'Zet de ondersteuning om van intramuraal naar ambulant: eigen huurcontract vanaf 1 januari 2027',
    );
  });

  it('should fall back to the task’s kind in Dutch, never the English title, for a code it does not know', () => {
    expect(taskTitle({ kind: 'CHANGE_TO_AMBULANT', title: 'Something in English', titleCode: 'NEW_CODE', titleParams: {} })).toBe('Omzetten naar ambulant');
  });
});
