import { addYears, HouseholdChangedV1, IdentityPurpose, IsoDate, PersonIdentityReply, Sex } from '@vangnet/contracts';
import { HouseholdEntity, HouseholdMemberEntity, PersonRecordEntity } from './persons.entity';

/** The 18th birthday: the day someone comes of age (Burgerlijk Wetboek 1:233). */
export function eighteenOn(birthDate: IsoDate): IsoDate {
  return addYears(birthDate, 18);
}

/**
 * The whole household as access.household.changed.v1 carries it (pure): every membership with the
 * member's pseudonym, no names; `minorOn` for a member still under 18 on `today`.
 */
export function householdEvent(
  household: Pick<HouseholdEntity, 'id' | 'municipality' | 'version'>,
  members: ReadonlyArray<Pick<HouseholdMemberEntity, 'personId' | 'role' | 'from' | 'to'>>,
  persons: ReadonlyMap<string, Pick<PersonRecordEntity, 'birthDate'> & { pseudonym: string }>,
  today: IsoDate,
): HouseholdChangedV1 {
  return {
    householdId: household.id,
    municipality: household.municipality,
    version: household.version,
    members: members.map((m) => {
      const person = persons.get(m.personId);
      if (!person) throw new Error(`invariant broken: member ${m.personId} without a person`);
      const adult = person.birthDate ? eighteenOn(person.birthDate) : null;
      return {
        personId: m.personId,
        personPseudonym: person.pseudonym,
        role: m.role,
        from: m.from,
        ...(m.to ? { to: m.to } : {}),
        ...(adult && adult > today ? { minorOn: adult } : {}),
      };
    }),
  };
}

/** The services that may ask for a person's identity (ARCHITECTURE §2): the exchange for messages, housing for nominations and placements. */
export const IDENTITY_CALLERS: readonly string[] = ['exchange', 'housing'];

/** Why, by the purpose asked, for the processing log (AVG art. 30). */
export const IDENTITY_PURPOSES: Record<IdentityPurpose, { purpose: string; legalBasis: string }> = {
  [IdentityPurpose.ISTANDAARD_MESSAGE]: {
    purpose: 'Exchange an iWmo/iJw message about the resident with their provider',
    // Wmo 2015 art. 5.1.1 lid 2 and Jeugdwet art. 7.4.0 lid 1: the BSN and the data needed for the assignment.
    legalBasis: 'Wmo 2015 art. 5.1.1; Jeugdwet art. 7.4.0 (berichtenverkeer iWmo/iJw)',
  },
  [IdentityPurpose.HOUSING_NOMINATION]: {
    purpose: 'Nominate the resident to a housing corporation',
    // The resident consented to the nomination (AVG art. 6 lid 1 a); the corporation gets no care data.
    legalBasis: 'AVG art. 6 lid 1 a (consent to the nomination); Wmo 2015 art. 5.1.1',
  },
  [IdentityPurpose.HOUSING_PLACEMENT]: {
    purpose: 'Place the resident in a protected-housing or shelter facility',
    legalBasis: 'Wmo 2015 art. 5.1.1 (beschermd wonen, maatschappelijke opvang)',
  },
};

/** Initials as iWmo LDT_Voorletters: the first letter of each given name, at most 6, no dots. */
export function initialsOf(givenName: string | null): string | undefined {
  const letters = (givenName ?? '')
    .split(/[\s-]+/u)
    .map((n) => n.match(/\p{L}/u)?.[0] ?? '')
    .join('')
    .slice(0, 6);
  return letters || undefined;
}

/**
 * The identity as access records it (pure): access keeps no address or sex yet, so the address is
 * absent and the sex UNKNOWN (iWmo COD046 0). Undefined for a person without a family name (known
 * only by BSN): iWmo requires one.
 */
export function identityOf(p: { bsn: string } & Pick<PersonRecordEntity, 'givenName' | 'familyName' | 'birthDate' | 'safetyFlag'>): PersonIdentityReply | undefined {
  if (!p.familyName) return undefined;
  const initials = initialsOf(p.givenName);
  return {
    bsn: p.bsn,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    sex: Sex.UNKNOWN,
    name: {
      familyName: { name: p.familyName },
      ...(p.givenName ? { givenNames: p.givenName } : {}),
      ...(initials ? { initials } : {}),
    },
    safetyFlag: p.safetyFlag,
  };
}
