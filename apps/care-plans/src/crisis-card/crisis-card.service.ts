import { Injectable } from '@nestjs/common';
import { actorOf, Caller, ProcessingAction } from '@vangnet/auth';
import { Transactional } from '@vangnet/persistence';
import { mustExist } from '@vangnet/platform';
import { INSTRUCTING_ROLES, ParticipantRole } from '../plans/plans.rules';
import { PlanContext, PlansService } from '../plans/plans.service';
import { ResidentPartRequest, ResidentPartView } from './crisis-card.dto';
import { ResidentPartEntity } from './crisis-card.entity';
import { CrisisCardError, CrisisCardErrorCode } from './crisis-card.errors';
import { CrisisCardRepository } from './crisis-card.repository';
import { visibleResidentPart } from './crisis-card.rules';

/** The resident's own part: own input, crisis card and WRAP, seen only by whom the resident allows. */
@Injectable()
export class CrisisCardService {
  constructor(
    private readonly repo: CrisisCardRepository,
    private readonly plans: PlansService,
  ) {}

  /** Recorded by the coordinator in the resident's words, on the resident's (or representative's) instruction. */
  @Transactional()
  async save(caller: Caller, planId: string, req: ResidentPartRequest): Promise<ResidentPartView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    const instructor = ctx.participants.find((p) => p.id === req.instructedBy && p.leftOn === null);
    if (!instructor || !INSTRUCTING_ROLES.includes(instructor.role)) {
      throw CrisisCardError.invalidField(CrisisCardErrorCode.NOT_RESIDENT, 'instructedBy', 'the resident’s own part is recorded on the instruction of the resident or their recorded legal representative', 422);
    }
    const personId = req.personId ?? (instructor.role === ParticipantRole.RESIDENT ? instructor.personId : null);
    if (!personId) throw CrisisCardError.invalidField(CrisisCardErrorCode.NOT_A_MEMBER, 'personId', 'name the resident (personId) whose part this is', 400);
    if (!ctx.participants.some((p) => p.role === ParticipantRole.RESIDENT && p.personId === personId && p.leftOn === null)) {
      throw CrisisCardError.invalidField(CrisisCardErrorCode.NOT_A_MEMBER, 'personId', `person ${personId} takes no part in this plan as a resident`, 422);
    }
    const current = await this.repo.find(planId, personId);
    await this.repo.save({
      planId,
      personId,
      contacts: req.contacts.map((c) => ({ name: c.name, phone: c.phone, ...(c.relation ? { relation: c.relation } : {}) })),
      whatHelps: req.whatHelps,
      whatDoesNotHelp: req.whatDoesNotHelp,
      wrap: req.wrap ? { ...req.wrap } : null,
      ownInput: req.ownInput ?? null,
      instructedBy: req.instructedBy,
      method: req.method,
      recordedOn: ctx.today,
      recordedBy: actorOf(caller),
      version: (current?.version ?? 0) + 1,
    });
    await this.plans.logFor(ctx.plan, ctx.members, current ? ProcessingAction.UPDATE : ProcessingAction.CREATE);
    return mustExist(viewOf(ctx, mustExist(await this.repo.find(planId, personId), 'resident part')), 'resident part view');
  }

  /** The parts the caller may see; 404 when it may see none (as if there were none). */
  async get(caller: Caller, planId: string): Promise<ResidentPartView[]> {
    const ctx = await this.plans.context(caller, planId);
    const views = this.views(ctx, await this.repo.ofPlan(planId));
    if (!views.length) throw new CrisisCardError(CrisisCardErrorCode.CRISIS_CARD_NOT_FOUND, `no crisis card on plan ${planId} that you may see`, 404);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return views;
  }

  views(ctx: PlanContext, rows: ResidentPartEntity[]): ResidentPartView[] {
    return rows.map((r) => viewOf(ctx, r)).filter((v): v is ResidentPartView => v !== undefined);
  }

  ofPlan(planId: string): Promise<ResidentPartEntity[]> {
    return this.repo.ofPlan(planId);
  }
}

function viewOf(ctx: PlanContext, r: ResidentPartEntity): ResidentPartView | undefined {
  const visible = visibleResidentPart(ctx.viewer, { crisisCard: { contacts: r.contacts, whatHelps: r.whatHelps, whatDoesNotHelp: r.whatDoesNotHelp }, wrap: r.wrap, ownInput: r.ownInput });
  if (!visible) return undefined;
  return { personId: r.personId, ...visible, recordedOn: r.recordedOn, version: r.version };
}
