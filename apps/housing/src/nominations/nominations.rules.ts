import { InvalidParam, IsoDate, NameUse, PersonName } from '@vangnet/contracts';
import { NominationErrorCode } from './nominations.errors';

export interface NominationCheck {
  readiness: { status: string; readyFrom: IsoDate };
  consented: boolean;
  hasRunningPlacement: boolean;
  today: IsoDate;
}

/**
 * Whether a resident may be nominated now: ready (and from a date that has come), with consent
 * to share what the corporation needs (AVG art. 6 lid 1 a: without it nothing goes to the
 * corporation), and living in a placement the lease will end.
 */
export function nominationProblems(c: NominationCheck): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (c.readiness.status === 'NOMINATED') problems.push({ name: 'readinessId', code: NominationErrorCode.NOMINATION_OPEN, reason: 'the resident is nominated already; await the answer' });
  else if (c.readiness.status !== 'READY') problems.push({ name: 'readinessId', code: NominationErrorCode.READINESS_CLOSED, reason: `the readiness is ${c.readiness.status.toLowerCase()}` });
  if (!c.consented) problems.push({ name: 'readinessId', code: NominationErrorCode.CONSENT_REQUIRED, reason: 'the resident has not consented (or withdrew consent) to share their name, household size and needs with a corporation' });
  if (c.readiness.readyFrom > c.today) problems.push({ name: 'readinessId', code: NominationErrorCode.NOT_READY_YET, reason: `the resident is ready from ${c.readiness.readyFrom}` });
  if (!c.hasRunningPlacement) problems.push({ name: 'readinessId', code: NominationErrorCode.NO_RUNNING_PLACEMENT, reason: 'the resident has no running placement for the lease to end' });
  return problems;
}

/** "J. de Vries" / "Jan de Vries-Bakker": the name as the resident uses it (NaamGebruik). */
export function displayName(n: PersonName): string {
  const own = [n.familyName.prefix, n.familyName.name].filter(Boolean).join(' ');
  const partner = n.partnerName ? [n.partnerName.prefix, n.partnerName.name].filter(Boolean).join(' ') : undefined;
  let family = own;
  if (partner) {
    if (n.nameUse === NameUse.PARTNER) family = partner;
    else if (n.nameUse === NameUse.PARTNER_THEN_OWN) family = `${partner}-${own}`;
    else if (n.nameUse === NameUse.OWN_THEN_PARTNER) family = `${own}-${partner}`;
  }
  const first = n.givenNames ?? (n.initials ? `${[...n.initials].join('.')}.` : undefined);
  return first ? `${first} ${family}` : family;
}

/** What a corporation may see of the resident: a name, the household's size and needs. Nothing else. */
export interface CorporationResident {
  name: { display: string; familyName: string; prefix: string | null; givenNames: string | null; initials: string | null } | null;
  /** Why the name is not shown (access did not answer, no consent any more, a safety flag). */
  nameUnavailable: string | null;
  householdSize: number;
  needs: string[];
}

export function corporationResident(identity: { name: PersonName } | { unavailable: string }, householdSize: number, needs: readonly string[]): CorporationResident {
  if ('unavailable' in identity) return { name: null, nameUnavailable: identity.unavailable, householdSize, needs: [...needs] };
  const n = identity.name;
  return {
    name: { display: displayName(n), familyName: n.familyName.name, prefix: n.familyName.prefix ?? null, givenNames: n.givenNames ?? null, initials: n.initials ?? null },
    nameUnavailable: null,
    householdSize,
    needs: [...needs],
  };
}
