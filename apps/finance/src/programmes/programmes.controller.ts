import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import {
  AllocationRequest,
  BookingRequest,
  CreateProgrammeRequest,
  MeasurementRequest,
  NewPlanVersionRequest,
  PlanApprovalRequest,
  PlanVersionParams,
  ReportQuery,
  SubsidyLinkRequest,
} from './programmes.dto';
import { ProgrammesService, ProgrammeView, ReportView } from './programmes.service';

@Controller('v1/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  /** A programme for a regional fund with its first plan (version 1). */
  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateProgrammeRequest, @Res({ passthrough: true }) res: Response): Promise<ProgrammeView> {
    const view = await this.programmes.create(caller, body);
    res.setHeader('ETag', etagOf(view.currentVersion));
    res.setHeader('Location', `/api/finance/v1/programmes/${view.id}`);
    return view;
  }

  /** The programmes of the regional funds your municipalities take part in. */
  @Get()
  list(@CurrentCaller() caller: Caller) {
    return this.programmes.list(caller);
  }

  /** The plan in force with its sums, the fund's allocations, what remains unplanned and the flags. */
  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProgrammeView> {
    const view = await this.programmes.get(caller, id);
    res.setHeader('ETag', etagOf(view.currentVersion));
    return view;
  }

  /** A change of plan: a new version with a reason (If-Match on the programme's ETag). */
  @Post(':id/plans')
  @Roles(Role.FINANCE_CONTROLLER)
  async newVersion(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body() body: NewPlanVersionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgrammeView> {
    const view = await this.programmes.newVersion(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(view.currentVersion));
    return view;
  }

  /** A plan version as it was (the approved one stays readable). */
  @Get(':id/plans/:version')
  plan(@CurrentCaller() caller: Caller, @Param() p: PlanVersionParams): Promise<ProgrammeView> {
    return this.programmes.get(caller, p.id, p.version);
  }

  /** Approval of a plan version by another controller than the one who made it. */
  @Post(':id/plans/:version/approval')
  @Roles(Role.FINANCE_CONTROLLER)
  approve(@CurrentCaller() caller: Caller, @Param() p: PlanVersionParams, @Body() body: PlanApprovalRequest): Promise<ProgrammeView> {
    return this.programmes.approve(caller, p.id, p.version, body);
  }

  /** The fund's amount of a kind in a year and its key: a new version (201), or the same again (200). */
  @Post(':id/allocations')
  @Roles(Role.FINANCE_CONTROLLER)
  async allocate(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Body() body: AllocationRequest, @Res({ passthrough: true }) res: Response) {
    const { created, allocation } = await this.programmes.allocate(caller, id, body);
    res.status(created ? 201 : 200);
    return allocation;
  }

  /** A commitment or payment on an action line and a municipality's allocation. */
  @Post(':id/bookings')
  @Roles(Role.FINANCE_CONTROLLER)
  book(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Body() body: BookingRequest) {
    return this.programmes.book(caller, id, body);
  }

  /** Commit a subsidy granted in procurement on an action line. */
  @Post(':id/subsidy-links')
  @Roles(Role.FINANCE_CONTROLLER)
  linkSubsidy(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Body() body: SubsidyLinkRequest) {
    return this.programmes.linkSubsidy(caller, id, body);
  }

  /** A measurement of an action line's KPI. */
  @Post(':id/action-lines/:lineId/measurements')
  @Roles(Role.FINANCE_CONTROLLER)
  measure(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Param('lineId', UuidPipe) lineId: string, @Body() body: MeasurementRequest) {
    return this.programmes.measure(caller, id, lineId, body);
  }

  /** Spend against plan per municipality, action line, year and kind. JSON, or CSV with `format=csv` or `Accept: text/csv`. */
  @Get(':id/report')
  async report(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Query() q: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportView | string> {
    const report = await this.programmes.report(caller, id, q);
    if (q.format === 'csv' || (q.format === undefined && (accept ?? '').includes('text/csv'))) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="programme-${id}${q.municipality ? `-${q.municipality}` : ''}${q.year ? `-${q.year}` : ''}.csv"`);
      return this.programmes.reportCsv(report);
    }
    return report;
  }
}
