/** A member's role in a household (access's household roles; the wire values of household events). */
export enum HouseholdRole {
  APPLICANT = 'APPLICANT',
  PARTNER = 'PARTNER',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  OTHER_MEMBER = 'OTHER_MEMBER',
}
