import { HouseholdRole, Sex } from '@vangnet/contracts';
import { eighteenOn, householdEvent, identityOf, initialsOf } from './persons.rules';

describe(householdEvent.name, () => {
  const household = { id: 'h0000000-0000-4000-8000-000000000001', municipality: 'GM0546', version: 3 };
  const persons = new Map([
    ['p1', { birthDate: '1980-05-17', pseudonym: 'a'.repeat(64) }],
    ['p2', { birthDate: '2012-04-02', pseudonym: 'b'.repeat(64) }],
    ['p3', { birthDate: null, pseudonym: 'c'.repeat(64) }],
  ]);

  it('should carry every membership with pseudonym, dates, and the coming-of-age day of a minor only', () => {
    const event = householdEvent(
      household,
      [
        { personId: 'p1', role: HouseholdRole.PARENT, from: '2020-01-01', to: null },
        { personId: 'p2', role: HouseholdRole.CHILD, from: '2020-01-01', to: '2026-11-30' },
        { personId: 'p3', role: HouseholdRole.OTHER_MEMBER, from: '2026-01-01', to: null },
      ],
      persons,
      '2026-11-23',
    );
    expect(event).toEqual({
      householdId: household.id,
      municipality: 'GM0546',
      version: 3,
      members: [
        { personId: 'p1', personPseudonym: 'a'.repeat(64), role: 'PARENT', from: '2020-01-01' },
        { personId: 'p2', personPseudonym: 'b'.repeat(64), role: 'CHILD', from: '2020-01-01', to: '2026-11-30', minorOn: '2030-04-02' },
        { personId: 'p3', personPseudonym: 'c'.repeat(64), role: 'OTHER_MEMBER', from: '2026-01-01' },
      ],
    });
  });

  it('should stop calling someone a minor on their 18th birthday', () => {
    const on = (today: string) => householdEvent(household, [{ personId: 'p2', role: HouseholdRole.CHILD, from: '2020-01-01', to: null }], persons, today).members[0].minorOn;
    expect([on('2030-04-01'), on('2030-04-02')]).toEqual(['2030-04-02', undefined]);
  });

  it('should fail loudly on a member without a person', () => {
    expect(() => householdEvent(household, [{ personId: 'p9', role: HouseholdRole.CHILD, from: '2020-01-01', to: null }], persons, '2026-11-23')).toThrow(/without a person/);
  });
});

describe('identity', () => {
  it('should give the identity in iWmo’s shape, with UNKNOWN sex and no address while access keeps none', () => {
    expect(identityOf({ bsn: '999993653', givenName: 'Jan Willem', familyName: 'de Vries', birthDate: '1970-01-31', safetyFlag: true })).toEqual({
      bsn: '999993653',
      birthDate: '1970-01-31',
      sex: Sex.UNKNOWN,
      name: { familyName: { name: 'de Vries' }, givenNames: 'Jan Willem', initials: 'JW' },
      safetyFlag: true,
    });
  });

  it('should give none for a person known only by BSN', () => {
    expect(identityOf({ bsn: '999993653', givenName: null, familyName: null, birthDate: null, safetyFlag: false })).toBeUndefined();
  });

  it('should make initials of letters only, at most six', () => {
    expect([initialsOf('Anne-Marie Éva'), initialsOf('a b c d e f g'), initialsOf(null), initialsOf('  ')]).toEqual(['AMÉ', 'abcdef', undefined, undefined]);
  });

  it('should come of age on the 18th birthday, a leap day’s on 28 February', () => {
    expect([eighteenOn('2009-03-10'), eighteenOn('2008-02-29')]).toEqual(['2027-03-10', '2026-02-28']);
  });
});
