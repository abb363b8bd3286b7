import { Injectable } from '@nestjs/common';
import { actorOf, AuthError, Caller, hasRole, isMunicipal, ProcessingAction, ProcessingLog, requireActFor, requireRead } from '@vangnet/auth';
import { addMonths, COORDINATOR_HANDED_OVER_V1, Role, CoordinatorHandedOverV1, IsoDate, PLAN_OPENED_V1, PlanOpenedV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { checkIfMatch, Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { AccessFactsService } from '../access-facts/access-facts.service';
import { HouseholdMemberEntity } from '../access-facts/access-facts.entity';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { AddParticipantRequest, ConsentRequest, LeaveRequest, ConsentView, HandoverRequest, HandoverView, OpenPlanRequest, ParticipantView, PlanListQuery, PlanSummaryView, UpdatePlanRequest, WithdrawConsentQuery } from './plans.dto';
import { ConsentEntity, HandoverEntity, ParticipantEntity, PlanEntity } from './plans.entity';
import { PlanError, PlanErrorCode } from './plans.errors';
import { ParticipantRow, PlansRepository } from './plans.repository';
import { adultsOn, consentOn, INSTRUCTING_ROLES, residentLabel, isCoordinator, mayCoordinate, orgProblem, ParticipantRole, PlanSection, sees, Viewer, viewerOf } from './plans.rules';

/** A plan as one caller may use it: the plan, who the caller is on it, and who takes part. */
export interface PlanContext {
  plan: PlanEntity;
  viewer: Viewer;
  participants: ParticipantRow[];
  consents: ConsentEntity[];
  members: HouseholdMemberEntity[];
  today: IsoDate;
}

export type PlanListener = (plan: PlanEntity) => Promise<void>;

/** One household, one plan, one coordinator: participants, their consent, handovers. */
@Injectable()
export class PlansService {
  private readonly listeners: PlanListener[] = [];

  constructor(
    private readonly repo: PlansRepository,
    private readonly facts: AccessFactsService,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Signals hear about a plan opened or its professionals changed (ADR 0048: no forwardRef). */
  onChanged(listener: PlanListener): void {
    this.listeners.push(listener);
  }

  @Transactional()
  async open(caller: Caller, req: OpenPlanRequest): Promise<PlanSummaryView> {
    if (!isMunicipal(caller)) throw AuthError.forbidden('a municipality opens a household’s plan and names its coordinator');
    const household = await this.facts.household(req.householdId);
    if (!household || !caller.municipalities.includes(household.municipality)) {
      throw PlanError.invalidField(PlanErrorCode.UNKNOWN_HOUSEHOLD, 'householdId', `no household ${req.householdId} among yours (households come from access)`, 422);
    }
    requireActFor(caller, household.municipality, 'householdId');
    if (!mayCoordinate(req.coordinatorOrg)) throw PlanError.invalidField(PlanErrorCode.INVALID_COORDINATOR, 'coordinatorOrg', 'a municipality (GM0546) or a provider (AGB:12345678) coordinates a plan', 422);
    const today = this.clock.today();
    const openedOn = req.openedOn ?? today;
    if (openedOn > today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'openedOn', `openedOn lies after today (${today})`, 422);
    await this.repo.lockHousehold(household.id);
    const existing = await this.repo.forHousehold(household.id);
    if (existing) throw new PlanError(PlanErrorCode.PLAN_EXISTS, `the household has a plan already (${existing.id}): one household, one plan`, 409, [{ name: 'householdId', code: PlanErrorCode.PLAN_EXISTS, reason: 'one household, one plan' }], { existingId: existing.id });
    const interval = req.reviewIntervalMonths ?? 6;
    const id = randomUUID();
    await this.repo.insertPlan({
      id,
      householdId: household.id,
      municipality: household.municipality,
      coordinatorOrg: req.coordinatorOrg,
      coordinatorTeam: req.coordinatorTeam ?? null,
      openedOn,
      reviewIntervalMonths: interval,
      nextReviewOn: addMonths(openedOn, interval),
      priorities: [],
      status: 'OPEN',
      createdBy: actorOf(caller),
    });
    await this.repo.insertParticipant({ id: randomUUID(), planId: id, role: ParticipantRole.COORDINATOR, org: req.coordinatorOrg, team: req.coordinatorTeam ?? null, label: req.coordinatorTeam ?? req.coordinatorOrg, personId: null, joinedOn: openedOn, leftOn: null, createdBy: actorOf(caller) });
    // The household's adults on the day take part as residents; a minor is added by the coordinator (with a legal representative).
    const members = await this.facts.membersOf(household.id);
    for (const m of adultsOn(members, openedOn)) {
      await this.repo.insertParticipant({ id: randomUUID(), planId: id, role: ParticipantRole.RESIDENT, org: null, team: null, label: residentLabel(m.role), personId: m.personId, joinedOn: openedOn, leftOn: null, createdBy: actorOf(caller) });
    }
    const plan = mustExist(await this.repo.find(id), `plan ${id}`);
    const opened: PlanOpenedV1 = { planId: id, householdId: household.id, municipality: household.municipality, coordinatorOrg: req.coordinatorOrg, coordinatorTeam: req.coordinatorTeam, openedOn };
    await this.outbox.publish({ type: PLAN_OPENED_V1, data: opened, municipality: household.municipality });
    await this.logFor(plan, members, ProcessingAction.CREATE);
    await this.changed(plan);
    return summary(plan);
  }

  /** Plans the caller's organisation coordinates or takes part in; a municipality's coordinators see every plan of their municipalities (summaries). */
  async list(caller: Caller, q: PlanListQuery): Promise<Page<PlanSummaryView>> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({
      org: caller.org,
      ownMunicipalities: isMunicipal(caller) && hasRole(caller, Role.CARE_PLANS_COORDINATOR) ? caller.municipalities : undefined,
      municipalities: isMunicipal(caller) ? (q.municipality ? [q.municipality] : caller.municipalities) : q.municipality ? [q.municipality] : undefined,
      householdId: q.householdId,
      status: q.status,
      after: decodeCursor<{ id: string }>(q.cursor)?.id,
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }

  @Transactional()
  async update(caller: Caller, id: string, req: UpdatePlanRequest, ifMatch: string | undefined): Promise<PlanSummaryView> {
    const ctx = await this.coordinating(caller, id, true);
    checkIfMatch(ifMatch, ctx.plan.version);
    const changes: Parameters<PlansRepository['update']>[1] = {};
    if (req.priorities) {
      for (const [i, code] of req.priorities.entries()) await this.requireDomain(code, `priorities[${i}]`);
      changes.priorities = req.priorities;
    }
    if (req.reviewIntervalMonths !== undefined) changes.reviewIntervalMonths = req.reviewIntervalMonths;
    if (req.nextReviewOn !== undefined) changes.nextReviewOn = req.nextReviewOn;
    await this.repo.update(id, changes);
    const plan = mustExist(await this.repo.find(id), `plan ${id}`);
    await this.logFor(plan, ctx.members, ProcessingAction.UPDATE);
    return summary(plan);
  }

  // Participants.

  @Transactional()
  async addParticipant(caller: Caller, id: string, req: AddParticipantRequest): Promise<ParticipantView> {
    const ctx = await this.coordinating(caller, id, true);
    if (req.role === ParticipantRole.COORDINATOR) {
      throw new PlanError(PlanErrorCode.COORDINATOR_EXISTS, 'the plan has one coordinator at a time: record a handover (POST /plans/{id}/handovers) instead', 409, [{ name: 'role', code: PlanErrorCode.COORDINATOR_EXISTS, reason: 'a second active coordinator' }]);
    }
    const problem = orgProblem(req.role, req.org);
    if (problem) {
      const code = req.org?.startsWith('CORP:') ? PlanErrorCode.CORPORATION_NOT_PARTICIPANT : PlanErrorCode.INVALID_PARTICIPANT_ORG;
      throw PlanError.invalidField(code, 'org', problem, 422);
    }
    const today = this.clock.today();
    const joinedOn = req.joinedOn ?? today;
    if (joinedOn > today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'joinedOn', `joinedOn lies after today (${today})`, 422);
    if (req.role === ParticipantRole.RESIDENT) {
      if (!req.personId) throw PlanError.invalidField(PlanErrorCode.NOT_A_MEMBER, 'personId', 'a resident takes part as a household member: give personId', 400);
      if (!ctx.members.some((m) => m.personId === req.personId)) throw PlanError.invalidField(PlanErrorCode.NOT_A_MEMBER, 'personId', `person ${req.personId} is not a member of the plan’s household`, 422);
    } else if (req.personId) {
      throw PlanError.invalidField(PlanErrorCode.NOT_A_MEMBER, 'personId', 'only a resident takes part as a household member', 400);
    }
    const dup = ctx.participants.find((p) => p.leftOn === null && p.role === req.role && (req.org ? p.org === req.org && (p.team ?? null) === (req.team ?? null) : req.personId ? p.personId === req.personId : p.label === req.label));
    if (dup) throw new PlanError(PlanErrorCode.PARTICIPANT_EXISTS, `that participant takes part already (${dup.id})`, 409, undefined, { existingId: dup.id });
    const pid = randomUUID();
    await this.repo.insertParticipant({ id: pid, planId: id, role: req.role, org: req.org ?? null, team: req.team ?? null, label: req.label, personId: req.personId ?? null, joinedOn, leftOn: null, createdBy: actorOf(caller) });
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    await this.changed(ctx.plan);
    return participantView(mustExist(await this.repo.participant(id, pid), `participant ${pid}`), [], today, true);
  }

  /** A participant stops taking part: from the day after `leftOn` it reads nothing of the plan. */
  @Transactional()
  async leave(caller: Caller, id: string, participantId: string, req: LeaveRequest): Promise<ParticipantView> {
    const ctx = await this.coordinating(caller, id, true);
    const p = this.activeParticipant(ctx, participantId);
    if (p.role === ParticipantRole.COORDINATOR) throw PlanError.invalidField(PlanErrorCode.COORDINATOR_EXISTS, 'participantId', 'the coordinator leaves by a handover to another organisation', 422);
    const leftOn = req.leftOn ?? ctx.today;
    if (leftOn > ctx.today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'leftOn', `leftOn lies after today (${ctx.today})`, 422);
    if (leftOn < p.joinedOn) throw PlanError.invalidField(PlanErrorCode.LEFT_BEFORE_JOINED, 'leftOn', `leftOn lies before the participant joined (${p.joinedOn})`, 422);
    await this.repo.leave(participantId, leftOn);
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    await this.changed(ctx.plan);
    return participantView(mustExist(await this.repo.participant(id, participantId), `participant ${participantId}`), [], ctx.today, true);
  }

  /** Who takes part: everyone for the coordinator; for a participant with PARTICIPANTS consent, without their consents. */
  async participants(caller: Caller, id: string): Promise<ParticipantView[]> {
    const ctx = await this.context(caller, id);
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.participantViews(ctx);
  }

  participantViews(ctx: PlanContext): ParticipantView[] {
    if (!ctx.viewer.coordinator && !sees(ctx.viewer, PlanSection.PARTICIPANTS)) {
      // Without that consent a participant sees itself and the coordinator only.
      return ctx.participants.filter((p) => ctx.viewer.participantIds.includes(p.id) || (p.role === ParticipantRole.COORDINATOR && p.leftOn === null)).map((p) => participantView(p, [], ctx.today, false));
    }
    return ctx.participants.map((p) => participantView(p, ctx.consents.filter((c) => c.participantId === p.id), ctx.today, ctx.viewer.coordinator));
  }

  // Consent.

  /** Given, widened or narrowed: a new consent in force from `givenOn`, on the resident's instruction. */
  @Transactional()
  async giveConsent(caller: Caller, id: string, participantId: string, req: ConsentRequest): Promise<ConsentView> {
    const ctx = await this.coordinating(caller, id, true);
    const participant = this.activeParticipant(ctx, participantId);
    if (participant.role === ParticipantRole.COORDINATOR || participant.role === ParticipantRole.RESIDENT) {
      throw PlanError.invalidField(PlanErrorCode.CONSENT_NOT_NEEDED, 'participantId', `the ${participant.role.toLowerCase()} sees the whole plan without a consent`, 422);
    }
    this.requireInstructor(ctx, req.instructedBy, 'instructedBy');
    if (req.givenOn > ctx.today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'givenOn', `givenOn lies after today (${ctx.today})`, 422);
    for (const [i, code] of req.domains.entries()) await this.requireDomain(code, `domains[${i}]`);
    const cid = randomUUID();
    await this.repo.insertConsent({ id: cid, planId: id, participantId, sections: [...req.sections].sort(), domains: [...req.domains].sort(), givenOn: req.givenOn, method: req.method, instructedBy: req.instructedBy, recordedBy: actorOf(caller), withdrawnOn: null, withdrawalMethod: null, withdrawalInstructedBy: null });
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    return consentView(mustExist((await this.repo.consentsOf(participantId)).find((c) => c.id === cid), `consent ${cid}`));
  }

  /** Withdrawn from `withdrawnOn` (today unless given): the next read shows nothing more. */
  @Transactional()
  async withdrawConsent(caller: Caller, id: string, participantId: string, q: WithdrawConsentQuery): Promise<ConsentView> {
    const ctx = await this.coordinating(caller, id, true);
    const participant = foundOr404(ctx.participants.find((p) => p.id === participantId), () => new PlanError(PlanErrorCode.PARTICIPANT_NOT_FOUND, `no participant ${participantId} on plan ${id}`, 404));
    this.requireInstructor(ctx, q.instructedBy, 'instructedBy');
    const on = q.withdrawnOn ?? ctx.today;
    if (on > ctx.today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'withdrawnOn', `withdrawnOn lies after today (${ctx.today})`, 422);
    const current = consentOn(ctx.consents.filter((c) => c.participantId === participant.id), on);
    if (!current) throw PlanError.conflict(PlanErrorCode.NO_CONSENT, `participant ${participantId} has no consent in force on ${on}`);
    await this.repo.withdrawConsent(current.id, on, q.method, q.instructedBy);
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    return consentView(mustExist((await this.repo.consentsOf(participantId)).find((c) => c.id === current.id), `consent ${current.id}`));
  }

  /** Every consent the participant was given, oldest first (the coordinator's record). */
  async consentHistory(caller: Caller, id: string, participantId: string): Promise<ConsentView[]> {
    const ctx = await this.coordinating(caller, id);
    foundOr404(ctx.participants.find((p) => p.id === participantId), () => new PlanError(PlanErrorCode.PARTICIPANT_NOT_FOUND, `no participant ${participantId} on plan ${id}`, 404));
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return ctx.consents.filter((c) => c.participantId === participantId).map(consentView);
  }

  // Handovers.

  /** The coordinator (or the plan's municipality) hands coordination to another organisation. */
  @Transactional()
  async handover(caller: Caller, id: string, req: HandoverRequest): Promise<HandoverView> {
    const plan = foundOr404(await this.repo.find(id, true), () => PlanError.missing(id), (p) => isCoordinator(caller, p) || (isMunicipal(caller) && caller.municipalities.includes(p.municipality)));
    if (!isCoordinator(caller, plan) && !(isMunicipal(caller) && hasRole(caller, Role.CARE_PLANS_COORDINATOR))) throw PlanError.notCoordinator();
    if (plan.status !== 'OPEN') throw PlanError.conflict(PlanErrorCode.PLAN_CLOSED, `plan ${id} is closed`);
    if (!mayCoordinate(req.toOrg)) throw PlanError.invalidField(PlanErrorCode.INVALID_COORDINATOR, 'toOrg', 'a municipality (GM0546) or a provider (AGB:12345678) coordinates a plan', 422);
    if (req.toOrg === plan.coordinatorOrg && (req.toTeam ?? null) === plan.coordinatorTeam) throw PlanError.invalidField(PlanErrorCode.SAME_COORDINATOR, 'toOrg', `${req.toOrg} coordinates the plan already`, 422);
    const today = this.clock.today();
    if (req.on > today) throw PlanError.invalidField(PlanErrorCode.DATE_IN_FUTURE, 'on', `on lies after today (${today}); record a handover once it happened`, 422);
    const handovers = await this.repo.handoversOf(id);
    const since = handovers.length ? handovers[handovers.length - 1].on : plan.openedOn;
    if (req.on < since) throw PlanError.invalidField(PlanErrorCode.HANDOVER_BEFORE_LAST, 'on', `on lies before the current coordinator took over (${since})`, 422);
    const participants = await this.repo.participantsOf(id);
    const current = participants.find((p) => p.role === ParticipantRole.COORDINATOR && p.leftOn === null);
    if (current) await this.repo.leave(current.id, req.on);
    await this.repo.insertParticipant({ id: randomUUID(), planId: id, role: ParticipantRole.COORDINATOR, org: req.toOrg, team: req.toTeam ?? null, label: req.toTeam ?? req.toOrg, personId: null, joinedOn: req.on, leftOn: null, createdBy: actorOf(caller) });
    const hid = randomUUID();
    await this.repo.insertHandover({ id: hid, planId: id, fromOrg: plan.coordinatorOrg, fromTeam: plan.coordinatorTeam, toOrg: req.toOrg, toTeam: req.toTeam ?? null, on: req.on, inPerson: req.inPerson, note: req.note ?? null, recordedBy: actorOf(caller) });
    await this.repo.update(id, { coordinatorOrg: req.toOrg, coordinatorTeam: req.toTeam ?? null });
    const event: CoordinatorHandedOverV1 = { planId: id, fromOrg: plan.coordinatorOrg, toOrg: req.toOrg, on: req.on, inPerson: req.inPerson, toTeam: req.toTeam };
    await this.outbox.publish({ type: COORDINATOR_HANDED_OVER_V1, data: event, municipality: plan.municipality });
    await this.logFor(plan, await this.facts.membersOf(plan.householdId), ProcessingAction.UPDATE);
    await this.changed(mustExist(await this.repo.find(id), `plan ${id}`));
    return handoverView(mustExist((await this.repo.handoversOf(id)).find((h) => h.id === hid), `handover ${hid}`));
  }

  /** Visible to every participant; reading them reads the household's plan, so it is logged as the plan's other parts are. */
  async handovers(caller: Caller, id: string): Promise<HandoverView[]> {
    const ctx = await this.context(caller, id);
    await this.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.handoverViews(id);
  }

  async handoverViews(planId: string): Promise<HandoverView[]> {
    return (await this.repo.handoversOf(planId)).map(handoverView);
  }

  // For the other features.

  /** The plan as this caller may use it; 404 when the caller is neither its coordinator nor a participant. */
  async context(caller: Caller, id: string, lock = false): Promise<PlanContext> {
    const plan = await this.repo.find(id, lock);
    if (!plan) throw PlanError.missing(id);
    const today = this.clock.today();
    // A read outside a transaction asks both at once (two pooled connections); inside one they share its connection.
    const [{ participants, consents }, members] = this.txHost.isTransactionActive()
      ? [await this.repo.people(id), await this.facts.membersOf(plan.householdId)]
      : await Promise.all([this.repo.people(id), this.facts.membersOf(plan.householdId)]);
    const byParticipant = new Map<string, ConsentEntity[]>();
    for (const c of consents) byParticipant.set(c.participantId, [...(byParticipant.get(c.participantId) ?? []), c]);
    const viewer = viewerOf(caller, plan, participants, byParticipant, today);
    if (!viewer) throw PlanError.missing(id);
    return { plan, viewer, participants, consents, members, today };
  }

  /** As `context`, for a change only the coordinator may make (403 for a participant, 404 for anyone else). */
  async coordinating(caller: Caller, id: string, lock = false): Promise<PlanContext> {
    const ctx = await this.context(caller, id, lock);
    if (!ctx.viewer.coordinator) throw PlanError.notCoordinator();
    if (ctx.plan.status !== 'OPEN') throw PlanError.conflict(PlanErrorCode.PLAN_CLOSED, `plan ${id} is closed`);
    return ctx;
  }

  async setNextReview(planId: string, nextReviewOn: IsoDate): Promise<void> {
    await this.repo.update(planId, { nextReviewOn });
  }

  /** Open plans in id order, a page at a time. */
  openPlans(after: string | undefined, limit: number): Promise<PlanEntity[]> {
    return this.repo.openPlans(after, limit);
  }

  openForHouseholds(householdIds: string[]): Promise<PlanEntity[]> {
    return this.repo.openForHouseholds(householdIds);
  }

  find(id: string): Promise<PlanEntity | undefined> {
    return this.repo.find(id);
  }

  participantsOfPlans(planIds: string[]): Promise<ParticipantEntity[]> {
    return this.repo.participantsOfPlans(planIds);
  }

  /** A plan's read or change, logged once per household member (AVG art. 30). */
  async logFor(plan: PlanEntity, members: HouseholdMemberEntity[], action: ProcessingAction): Promise<void> {
    const pseudonyms = [...new Set(members.map((m) => m.personPseudonym))];
    await this.log.record(pseudonyms.map((pseudonym) => ({ pseudonym, action, purpose: Purpose.CARE_PLAN, legalBasis: WMO_PROCESSING, resource: 'care-plan', resourceId: plan.id, municipality: plan.municipality })));
  }

  async requireDomain(code: string, field: string): Promise<{ scaleMin: number; scaleMax: number; label: string }> {
    const d = await this.facts.domain(code);
    if (!d || !d.active) throw PlanError.invalidField(PlanErrorCode.UNKNOWN_LIFE_DOMAIN, field, `${code} is not one of the region’s active life domains`, 422);
    return d;
  }

  private async changed(plan: PlanEntity): Promise<void> {
    for (const l of this.listeners) await l(plan);
  }

  private activeParticipant(ctx: PlanContext, participantId: string): ParticipantRow {
    const p = ctx.participants.find((x) => x.id === participantId);
    if (!p) throw new PlanError(PlanErrorCode.PARTICIPANT_NOT_FOUND, `no participant ${participantId} on plan ${ctx.plan.id}`, 404);
    if (p.leftOn !== null && p.leftOn < ctx.today) throw PlanError.invalidField(PlanErrorCode.PARTICIPANT_NOT_FOUND, 'participantId', `participant ${participantId} left the plan on ${p.leftOn}`, 422);
    return p;
  }

  private requireInstructor(ctx: PlanContext, participantId: string, field: string): void {
    const p = ctx.participants.find((x) => x.id === participantId && x.leftOn === null);
    if (!p || !INSTRUCTING_ROLES.includes(p.role)) {
      throw PlanError.invalidField(PlanErrorCode.NOT_RESIDENT, field, 'consent is recorded on the instruction of the resident or their recorded legal representative (a participant of the plan)', 422);
    }
  }
}

function summary(p: PlanEntity): PlanSummaryView {
  return { id: p.id, householdId: p.householdId, municipality: p.municipality, coordinator: { org: p.coordinatorOrg, team: p.coordinatorTeam }, openedOn: p.openedOn, nextReviewOn: p.nextReviewOn, status: p.status, version: p.version };
}

export function consentView(c: ConsentEntity): ConsentView {
  return { id: c.id, sections: c.sections, domains: c.domains, givenOn: c.givenOn, method: c.method, instructedBy: c.instructedBy, recordedBy: c.recordedBy, withdrawnOn: c.withdrawnOn, withdrawalMethod: c.withdrawalMethod, recordedAt: c.recordedAt.toISOString() };
}

function participantView(p: ParticipantRow, consents: ConsentEntity[], today: IsoDate, withConsent: boolean): ParticipantView {
  const base: ParticipantView = { id: p.id, role: p.role, org: p.org, team: p.team, label: p.label, personId: p.personId, joinedOn: p.joinedOn, leftOn: p.leftOn };
  if (!withConsent) return base;
  const c = consentOn(consents, today);
  return { ...base, consent: c ? consentView(c) : null };
}

function handoverView(h: HandoverEntity): HandoverView {
  return { id: h.id, fromOrg: h.fromOrg, fromTeam: h.fromTeam, toOrg: h.toOrg, toTeam: h.toTeam, on: h.on, inPerson: h.inPerson, note: h.note };
}
