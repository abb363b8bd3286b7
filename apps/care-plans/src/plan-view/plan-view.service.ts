import { Injectable } from '@nestjs/common';
import { Caller, ProcessingAction } from '@vangnet/auth';
import { AccessFactsService } from '../access-facts/access-facts.service';
import { CrisisCardService } from '../crisis-card/crisis-card.service';
import { GoalsService } from '../goals/goals.service';
import { PlanSection, sees } from '../plans/plans.rules';
import { PlansService } from '../plans/plans.service';
import { PlanView } from './plan-view.dto';

/**
 * The whole plan in one read, consent applied per section and life domain. Every read writes a
 * processing-log record per household member; a withdrawn consent counts from the next read.
 */
@Injectable()
export class PlanViewService {
  constructor(
    private readonly plans: PlansService,
    private readonly goals: GoalsService,
    private readonly residentParts: CrisisCardService,
    private readonly facts: AccessFactsService,
  ) {}

  async get(caller: Caller, id: string): Promise<PlanView> {
    const ctx = await this.plans.context(caller, id);
    const { plan, viewer } = ctx;
    // Not in a transaction: the independent reads go out at once, each on a pooled connection.
    const [{ goals, actions, reviews, scores, links }, householdProvisions, handovers, parts, domains] = await Promise.all([
      this.goals.content(id),
      this.facts.provisionsOfHousehold(plan.householdId),
      this.plans.handoverViews(id),
      this.residentParts.ofPlan(id),
      this.facts.domains(),
    ]);
    const provisions = this.goals.provisionsView(caller, ctx, householdProvisions, links);
    const full = viewer.coordinator;
    const view: PlanView = {
      id: plan.id,
      householdId: plan.householdId,
      municipality: plan.municipality,
      status: plan.status,
      openedOn: plan.openedOn,
      coordinator: { org: plan.coordinatorOrg, team: plan.coordinatorTeam },
      priorities: plan.priorities,
      reviewIntervalMonths: plan.reviewIntervalMonths,
      nextReviewOn: plan.nextReviewOn,
      version: plan.version,
      viewer: { coordinator: full, participantIds: viewer.participantIds, sections: [...viewer.sections].sort(), domains: viewer.domains === 'ALL' ? 'ALL' : [...viewer.domains].sort() },
      handovers,
      participants: this.plans.participantViews(ctx),
      actions: this.goals.actionViews(ctx, actions, goals),
      provisions: provisions.provisions,
    };
    if (full || sees(viewer, PlanSection.PARTICIPANTS)) view.members = ctx.members.map((m) => ({ personId: m.personId, role: m.role, from: m.validFrom, to: m.validTo }));
    if (full || sees(viewer, PlanSection.GOALS)) view.goals = this.goals.goalViews(ctx, goals, scores);
    if (full || sees(viewer, PlanSection.REVIEWS)) {
      view.reviews = this.goals.reviewViews(ctx, reviews, scores);
      view.scoreHistory = this.goals.historyViews(ctx, scores, domains);
    }
    if (full || sees(viewer, PlanSection.PROVISIONS)) view.whoPays = provisions.whoPays;
    const visibleParts = this.residentParts.views(ctx, parts);
    if (visibleParts.length) view.residentParts = visibleParts;
    await this.plans.logFor(plan, ctx.members, ProcessingAction.READ);
    return view;
  }
}
