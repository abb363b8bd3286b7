import { IsoDate, OrgKind, parseOrg, Role } from '@vangnet/contracts';

export type PlanStatus = 'OPEN' | 'CLOSED';

export enum ParticipantRole {
  COORDINATOR = 'COORDINATOR',
  RESIDENT = 'RESIDENT',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  INFORMAL_CARER = 'INFORMAL_CARER',
  VOLUNTEER = 'VOLUNTEER',
  PROVIDER = 'PROVIDER',
  MUNICIPAL_TEAM = 'MUNICIPAL_TEAM',
  GP = 'GP',
  FACT_TEAM = 'FACT_TEAM',
}

/** The parts of a plan a consent may open to a participant. */
export enum PlanSection {
  /** Who else takes part. */
  PARTICIPANTS = 'PARTICIPANTS',
  /** Goals of the granted life domains. */
  GOALS = 'GOALS',
  /** Everyone's actions in the granted domains (a participant always sees its own). */
  ACTIONS = 'ACTIONS',
  /** Reviews and the score history of the granted domains. */
  REVIEWS = 'REVIEWS',
  /** The household's provisions and who pays them (a provider always sees its own). */
  PROVISIONS = 'PROVISIONS',
  /** The resident's own part: only with the resident's say-so. */
  CRISIS_CARD = 'CRISIS_CARD',
  WRAP = 'WRAP',
  OWN_INPUT = 'OWN_INPUT',
}

export enum ConsentMethod {
  IN_PERSON = 'IN_PERSON',
  IN_WRITING = 'IN_WRITING',
  BY_PHONE = 'BY_PHONE',
}

/** Roles whose members are professionals (counted for fragmentation). */
export const PROFESSIONAL_ROLES: readonly ParticipantRole[] = [ParticipantRole.COORDINATOR, ParticipantRole.PROVIDER, ParticipantRole.MUNICIPAL_TEAM, ParticipantRole.GP, ParticipantRole.FACT_TEAM];

/** Who may instruct a consent: the resident or their recorded legal representative (AVG art. 7; BW 1:381 for a minor's guardian). */
export const INSTRUCTING_ROLES: readonly ParticipantRole[] = [ParticipantRole.RESIDENT, ParticipantRole.LEGAL_REPRESENTATIVE];

export interface ConsentRow {
  sections: string[];
  domains: string[];
  givenOn: IsoDate;
  withdrawnOn: IsoDate | null;
  recordedAt: Date;
  id: string;
}

/**
 * The consent in force on `on`: the latest recorded one given by then, unless withdrawn by then
 * (AVG art. 7 lid 3: a withdrawal counts from then on). Undefined: nothing is shared.
 */
export function consentOn<T extends ConsentRow>(rows: readonly T[], on: IsoDate): T | undefined {
  const given = rows.filter((r) => r.givenOn <= on).sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || (a.id < b.id ? 1 : -1));
  const latest = given[0];
  if (!latest) return undefined;
  if (latest.withdrawnOn !== null && latest.withdrawnOn <= on) return undefined;
  return latest;
}

/** What a caller sees of a plan. */
export type Viewer =
  | { coordinator: true; participantIds: string[]; sections: ReadonlySet<string>; domains: 'ALL' }
  | { coordinator: false; participantIds: string[]; sections: ReadonlySet<string>; domains: ReadonlySet<string> };

export interface ViewerCaller {
  org: string;
  roles: readonly string[];
  municipalities: readonly string[];
}

export interface ViewerPlan {
  municipality: string;
  coordinatorOrg: string;
}

export interface ViewerParticipant {
  id: string;
  role: ParticipantRole;
  org: string | null;
  leftOn: IsoDate | null;
  joinedOn: IsoDate;
}

/** May this caller act as the plan's coordinator? Its organisation coordinates, with the role; a municipality for its own municipalities only. */
export function isCoordinator(caller: ViewerCaller, plan: ViewerPlan): boolean {
  if (caller.org !== plan.coordinatorOrg || !caller.roles.includes(Role.CARE_PLANS_COORDINATOR)) return false;
  return parseOrg(caller.org)?.kind !== OrgKind.MUNICIPALITY || caller.municipalities.includes(plan.municipality);
}

/**
 * Who the caller is on this plan (Wmo 2015 art. 2.3.2 lid 8 and AVG art. 6 lid 1 a, 9 lid 2 a:
 * care data reach a participant only by the resident's consent). The coordinator sees it all; an
 * active participant (matched by its organisation) sees the union of its consents in force today,
 * and always its own actions; anyone else sees nothing (undefined: the plan is not theirs).
 */
export function viewerOf(
  caller: ViewerCaller,
  plan: ViewerPlan,
  participants: readonly ViewerParticipant[],
  consents: ReadonlyMap<string, readonly ConsentRow[]>,
  today: IsoDate,
): Viewer | undefined {
  const mine = participants.filter((p) => p.org === caller.org && p.role !== ParticipantRole.COORDINATOR && p.joinedOn <= today && (p.leftOn === null || p.leftOn >= today));
  if (isCoordinator(caller, plan)) return { coordinator: true, participantIds: mine.map((p) => p.id), sections: new Set(Object.values(PlanSection)), domains: 'ALL' };
  if (!mine.length) return undefined;
  const sections = new Set<string>();
  const domains = new Set<string>();
  for (const p of mine) {
    const c = consentOn(consents.get(p.id) ?? [], today);
    c?.sections.forEach((s) => sections.add(s));
    c?.domains.forEach((d) => domains.add(d));
  }
  return { coordinator: false, participantIds: mine.map((p) => p.id), sections, domains };
}

export function sees(viewer: Viewer, section: PlanSection): boolean {
  return viewer.sections.has(section);
}

export function seesDomain(viewer: Viewer, domain: string): boolean {
  return viewer.domains === 'ALL' || viewer.domains.has(domain);
}

/** Why a participant's organisation does not fit its role (undefined: it fits). */
export function orgProblem(role: ParticipantRole, org: string | undefined): string | undefined {
  const kind = org ? parseOrg(org)?.kind : undefined;
  if (kind === OrgKind.CORPORATION) return 'a housing corporation is never a participant with care data (ARCHITECTURE §6)';
  switch (role) {
    case ParticipantRole.COORDINATOR:
      return 'the plan has one coordinator at a time: record a handover instead';
    case ParticipantRole.PROVIDER:
      return kind === OrgKind.PROVIDER ? undefined : 'a provider takes part as its AGB (AGB:12345678)';
    case ParticipantRole.MUNICIPAL_TEAM:
      return kind === OrgKind.MUNICIPALITY ? undefined : 'a municipal team takes part as its municipality (GM0546)';
    case ParticipantRole.GP:
    case ParticipantRole.FACT_TEAM:
      return kind === OrgKind.PROVIDER || kind === OrgKind.PARTNER ? undefined : 'a GP or FACT team takes part as its AGB or registered organisation (AGB: or ORG:)';
    case ParticipantRole.RESIDENT:
      return org ? 'a resident takes part as a household member (personId), not as an organisation' : undefined;
    default:
      return undefined;
  }
}

/** An organisation that may coordinate: a municipality or a provider (ARCHITECTURE §6, care-plans.coordinator). */
export function mayCoordinate(org: string): boolean {
  const kind = parseOrg(org)?.kind;
  return kind === OrgKind.MUNICIPALITY || kind === OrgKind.PROVIDER;
}

export interface MemberOn {
  personId: string;
  role: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  minorOn: IsoDate | null;
}

/** Members of the household on `on` who are of age then (no 18th birthday still ahead), once each. */
export function adultsOn<T extends MemberOn>(members: readonly T[], on: IsoDate): T[] {
  const out = new Map<string, T>();
  for (const m of members) {
    if (m.validFrom <= on && (m.validTo === null || m.validTo >= on) && (m.minorOn === null || m.minorOn <= on)) out.set(m.personId, m);
  }
  return [...out.values()];
}

const RESIDENT_LABELS: Readonly<Record<string, string>> = { APPLICANT: 'Bewoner', PARTNER: 'Partner', PARENT: 'Ouder', CHILD: 'Kind', OTHER_MEMBER: 'Huisgenoot' };

export function residentLabel(role: string): string {
  return RESIDENT_LABELS[role] ?? 'Bewoner';
}
