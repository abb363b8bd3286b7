import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { PLAN_READERS } from '../plans/plans.controller';
import { ActionView, CreateActionRequest, CreateGoalRequest, CreateReviewRequest, GoalView, LinkGoalsRequest, ProvisionsView, ProvisionView, ReviewView, UpdateActionRequest } from './goals.dto';
import { GoalsService } from './goals.service';

/** Goals per life domain, actions, reviews, and the household's provisions on the plan. */
@Controller('v1/plans/:id')
export class GoalsController {
  constructor(private readonly service: GoalsService) {}

  /** Add a goal for a life domain. */
  @Post('goals')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  createGoal(@Param('id', UuidPipe) id: string, @Body() body: CreateGoalRequest, @CurrentCaller() caller: Caller): Promise<GoalView> {
    return this.service.createGoal(caller, id, body);
  }

  /** The plan's goals the caller may see (consent applied). */
  @Get('goals')
  @Roles(...PLAN_READERS)
  goals(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<GoalView[]> {
    return this.service.goals(caller, id);
  }

  /** Add an action towards the plan's goals. */
  @Post('actions')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  createAction(@Param('id', UuidPipe) id: string, @Body() body: CreateActionRequest, @CurrentCaller() caller: Caller): Promise<ActionView> {
    return this.service.createAction(caller, id, body);
  }

  /** The plan's actions the caller may see (consent applied). */
  @Get('actions')
  @Roles(...PLAN_READERS)
  actions(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ActionView[]> {
    return this.service.actions(caller, id);
  }

  /** The coordinator, or the participant who does it, marks an action done or cancelled. */
  @Patch('actions/:actionId')
  @Roles(...PLAN_READERS)
  updateAction(@Param('id', UuidPipe) id: string, @Param('actionId', UuidPipe) actionId: string, @Body() body: UpdateActionRequest, @CurrentCaller() caller: Caller): Promise<ActionView> {
    return this.service.updateAction(caller, id, actionId, body);
  }

  /** Record a review of the plan. */
  @Post('reviews')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  createReview(@Param('id', UuidPipe) id: string, @Body() body: CreateReviewRequest, @CurrentCaller() caller: Caller): Promise<ReviewView> {
    return this.service.createReview(caller, id, body);
  }

  /** The plan's reviews. */
  @Get('reviews')
  @Roles(...PLAN_READERS)
  reviews(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ReviewView[]> {
    return this.service.reviews(caller, id);
  }

  /** The household's provisions (from access, by themselves) and who pays what. */
  @Get('provisions')
  @Roles(...PLAN_READERS)
  provisions(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ProvisionsView> {
    return this.service.provisions(caller, id);
  }

  /** Link a provision (lineage or any version's id) to the goals it serves. */
  @Put('provisions/:lineageId/goals')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  linkGoals(@Param('id', UuidPipe) id: string, @Param('lineageId', UuidPipe) lineageId: string, @Body() body: LinkGoalsRequest, @CurrentCaller() caller: Caller): Promise<ProvisionView> {
    return this.service.linkGoals(caller, id, lineageId, body.goalIds);
  }
}
