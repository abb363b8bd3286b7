import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, mayRead, requireActFor, requireRead, tenantScopeOf } from '@vangnet/auth';
import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, Clock, foundOr404, mustExist, RegionConfig } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { canonicalKey, distribute, keyHash } from '../funds/funds.rules';
import { SubsidiesService } from '../subsidies/subsidies.service';
import { AllocationRequest, BookingRequest, CreateProgrammeRequest, MeasurementRequest, NewPlanVersionRequest, PlanApprovalRequest, PlanInputBody, ReportQuery, SubsidyLinkRequest } from './programmes.dto';
import { AllocationEntity, BookingEntity, ProgrammeEntity } from './programmes.entity';
import { ProgrammeError, ProgrammeErrorCode } from './programmes.errors';
import { LinePlanRow, ProgrammesRepository } from './programmes.repository';
import {
  AllocationFacts,
  AllocationReportRow,
  BookedFigure,
  BookingType,
  checkKey,
  checkPlan,
  csvOf,
  Flag,
  flagsOf,
  forecastOf,
  FUND_KINDS,
  FundKind,
  LineReportRow,
  percentOfPlan,
  PlanSums,
  programmeReport,
  sumPlan,
  thresholdsReached,
  unplannedOf,
  yearsOf,
} from './programmes.rules';

export interface ActionLineView {
  id: string;
  number: string;
  theme: string;
  title: string;
  owner: string;
  planning: { start: string; end: string };
  result: string | null;
  kpi: { name: string; unit?: string | null; target?: number | null } | null;
  years: Array<{ year: number; costCents: number; incidentalCents: number; structuralCents: number }>;
  totalCents: number;
  measurements: Array<{ measuredOn: string; value: number; note: string | null }>;
}

export interface AllocationView {
  year: number;
  kind: FundKind;
  version: number;
  amountCents: number;
  basis: string | null;
  sumCents: number;
  parts: Array<{ municipality: string; weight: number; partCents: number }>;
  createdBy: string;
  createdAt: Date;
}

export interface ProgrammeView {
  id: string;
  name: string;
  fundName: string;
  ownerMunicipality: string;
  firstYear: number;
  lastYear: number;
  currentVersion: number;
  approvedVersion: number | null;
  plan: {
    version: number;
    reason: string | null;
    createdBy: string;
    createdAt: Date;
    approval: { approvedBy: string; approvedAt: Date; comment: string | null } | null;
    statedTotalCents: number | null;
    statedYearTotals: Array<{ year: number; totalCents: number }>;
    themes: Array<{ code: string; title: string }>;
    lines: ActionLineView[];
  };
  sums: PlanSums;
  allocations: AllocationView[];
  unplanned: ReturnType<typeof unplannedOf>;
  /** Over the programme's years with an allocation: the fund less the lines, per kind. */
  unplannedPerKind: Array<{ kind: FundKind; fundCents: number; plannedCents: number; unplannedCents: number }>;
  /** Sums that do not add up: stated totals against the lines, the lines against the fund. */
  flags: Flag[];
  versions: Array<{ version: number; reason: string | null; createdBy: string; createdAt: Date; approvedBy: string | null; approvedAt: Date | null }>;
}

export interface ReportView {
  programmeId: string;
  planVersion: number;
  asOf: string;
  municipalities: string[];
  allocations: AllocationReportRow[];
  lines: Array<LineReportRow & { alertedThresholds: number[] }>;
}

const REPORT_COLUMNS = ['municipality', 'actionLine', 'title', 'year', 'kind', 'plannedCents', 'committedCents', 'paidCents', 'forecastCents', 'remainingCents', 'percent'] as const;

const missing = (id: string) => ProgrammeError.notFound(ProgrammeErrorCode.PROGRAMME_NOT_FOUND, `no programme ${id}`);

/**
 * The region's programme (issue 17). The programme, its plan, keys and measurements are the
 * region's shared data: changed only by a finance controller acting for every member municipality
 * (ARCHITECTURE §6); plan versions are approved by a second controller. Spend is booked by a
 * controller of the municipality it lands on. Figures are aggregates: any municipal token of a
 * member reads them, a regional analyst too.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly repo: ProgrammesRepository,
    private readonly subsidies: SubsidiesService,
    private readonly region: RegionConfig,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateProgrammeRequest): Promise<ProgrammeView> {
    this.region.requireWholeRegion(caller, "the region's programme");
    if (req.lastYear < req.firstYear) {
      throw new ProgrammeError(ProgrammeErrorCode.PERIOD_ENDS_BEFORE_START, 'the programme ends before it starts', 400, [
        { name: 'lastYear', code: ProgrammeErrorCode.PERIOD_ENDS_BEFORE_START, reason: `${req.lastYear} is before ${req.firstYear}` },
      ]);
    }
    refuse(checkPlan(req, req));
    const id = randomUUID();
    await this.repo.insertProgramme({ id, name: req.name, fundName: req.fundName, ownerMunicipality: this.region.central, firstYear: req.firstYear, lastYear: req.lastYear, createdBy: caller.sub });
    await this.storePlan(id, 1, req, null, caller.sub);
    return this.view(mustExist(await this.repo.get(id), 'programme'));
  }

  /** A change of plan: a new version with a reason, under If-Match on the programme's ETag (its plan version). */
  @Transactional()
  async newVersion(caller: Caller, id: string, req: NewPlanVersionRequest, ifMatch: string | undefined): Promise<ProgrammeView> {
    const p = await this.visible(caller, id, true);
    this.region.requireWholeRegion(caller, "the region's programme");
    checkIfMatch(ifMatch, p.currentVersion);
    refuse(checkPlan(req, p));
    const version = p.currentVersion + 1;
    await this.storePlan(id, version, req, req.reason, caller.sub);
    await this.repo.setVersions(id, { currentVersion: version });
    return this.view(mustExist(await this.repo.get(id), 'programme'));
  }

  /** Approve a plan version: a second controller (four eyes); the approved plan stays readable. */
  @Transactional()
  async approve(caller: Caller, id: string, version: number, req: PlanApprovalRequest): Promise<ProgrammeView> {
    const p = await this.visible(caller, id, true);
    this.region.requireWholeRegion(caller, "the region's programme");
    const plan = foundOr404(await this.repo.plan(id, version), () => ProgrammeError.notFound(ProgrammeErrorCode.PLAN_NOT_FOUND, `programme ${id} has no plan version ${version}`));
    if (plan.createdBy === caller.sub) {
      throw new ProgrammeError(ProgrammeErrorCode.SAME_CONTROLLER, 'four eyes: the controller who made this plan version cannot approve it; a second controller must', 403);
    }
    if (!(await this.repo.insertApproval({ programmeId: id, version, approvedBy: caller.sub, comment: req.comment ?? null }))) {
      throw ProgrammeError.conflict(ProgrammeErrorCode.ALREADY_APPROVED, `plan version ${version} is approved already`);
    }
    if ((p.approvedVersion ?? 0) < version) await this.repo.setVersions(id, { approvedVersion: version });
    return this.view(mustExist(await this.repo.get(id), 'programme'), version);
  }

  @Transactional()
  async get(caller: Caller, id: string, version?: number): Promise<ProgrammeView> {
    const p = await this.visible(caller, id);
    if (version !== undefined && !(await this.repo.plan(id, version))) throw ProgrammeError.notFound(ProgrammeErrorCode.PLAN_NOT_FOUND, `programme ${id} has no plan version ${version}`);
    return this.view(p, version);
  }

  @Transactional()
  async list(caller: Caller): Promise<Array<Pick<ProgrammeView, 'id' | 'name' | 'fundName' | 'ownerMunicipality' | 'firstYear' | 'lastYear' | 'currentVersion' | 'approvedVersion'>>> {
    // The region's programmes: for tokens of a member municipality and regional analysts only.
    const scope = this.readScope(caller);
    if (!scope.regionWide && !scope.municipalities.some((m) => this.region.isMember(m))) return [];
    return (await this.repo.list()).map((p) => ({
      id: p.id,
      name: p.name,
      fundName: p.fundName,
      ownerMunicipality: p.ownerMunicipality,
      firstYear: p.firstYear,
      lastYear: p.lastYear,
      currentVersion: p.currentVersion,
      approvedVersion: p.approvedVersion,
    }));
  }

  /**
   * The fund's amount of one kind in one year, distributed over the members by that kind-year's
   * key (largest remainder, to the cent). A new amount or key is a new version (created); the same
   * amount and key again answer the version in force.
   */
  @Transactional()
  async allocate(caller: Caller, id: string, req: AllocationRequest): Promise<{ created: boolean; allocation: AllocationView }> {
    const p = await this.visible(caller, id, true);
    this.region.requireWholeRegion(caller, "the region's programme");
    const bad = checkKey(req.weights, req.amountCents, this.region.municipalities);
    if (req.year < p.firstYear || req.year > p.lastYear) {
      bad.unshift({ name: 'year', code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${req.year} lies outside the programme's years ${p.firstYear}–${p.lastYear}` });
    }
    refuse(bad);
    const versions = (await this.repo.allocations(id)).filter((a) => a.year === req.year && a.kind === req.kind);
    const latest = versions[versions.length - 1];
    const hash = keyHash(req.weights);
    if (latest && latest.amountCents === req.amountCents && keyHash(latest.weights) === hash && latest.basis === (req.basis ?? null)) return { created: false, allocation: allocationView(latest) };
    const version = (latest?.version ?? 0) + 1;
    await this.repo.insertAllocation({
      programmeId: id,
      year: req.year,
      kind: req.kind,
      version,
      amountCents: req.amountCents,
      weights: canonicalKey(req.weights),
      basis: req.basis ?? null,
      parts: distribute(req.amountCents, req.weights),
      createdBy: caller.sub,
    });
    const stored = mustExist((await this.repo.allocations(id)).find((a) => a.year === req.year && a.kind === req.kind && a.version === version), 'allocation');
    return { created: true, allocation: allocationView(stored) };
  }

  /** A commitment or payment on an action line and a municipality's allocation; alerts the thresholds it reaches. */
  @Transactional()
  async book(caller: Caller, id: string, req: BookingRequest): Promise<{ booking: ReturnType<typeof bookingView>; line: LineFigures }> {
    const p = await this.visible(caller, id);
    requireActFor(caller, req.municipality, 'municipality');
    this.requireMember(req.municipality, 'municipality');
    if (req.year < p.firstYear || req.year > p.lastYear) {
      refuse([{ name: 'year', code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${req.year} lies outside the programme's years ${p.firstYear}–${p.lastYear}` }]);
    }
    const bookedOn = this.notAfterToday(req.bookedOn, 'bookedOn');
    await this.requireLineInPlan(p, req.actionLineId, 'actionLineId');
    const booking = {
      id: randomUUID(),
      programmeId: id,
      actionLineId: req.actionLineId,
      municipality: req.municipality,
      year: req.year,
      kind: req.kind,
      type: req.type,
      amountCents: req.amountCents,
      bookedOn,
      description: req.description,
      subsidyId: null,
      createdBy: caller.sub,
    };
    await this.repo.insertBooking(booking);
    const line = await this.raiseAlerts(p, req.actionLineId, req.year, req.kind);
    return { booking: bookingView(booking), line };
  }

  /** Commit a subsidy granted in procurement on an action line: its amount in its year; its instalments count as paid once a batch pays them. */
  @Transactional()
  async linkSubsidy(caller: Caller, id: string, req: SubsidyLinkRequest): Promise<{ booking: ReturnType<typeof bookingView>; line: LineFigures }> {
    const p = await this.visible(caller, id);
    const subsidy = foundOr404(
      await this.subsidies.find(req.subsidyId),
      () => ProgrammeError.notFound(ProgrammeErrorCode.SUBSIDY_NOT_FOUND, `no subsidy ${req.subsidyId}`),
      (s) => mayRead(caller, { municipalities: [s.municipality] }),
    );
    requireActFor(caller, subsidy.municipality, 'subsidyId');
    this.requireMember(subsidy.municipality, 'subsidyId');
    if (subsidy.year < p.firstYear || subsidy.year > p.lastYear) {
      refuse([{ name: 'subsidyId', code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `the subsidy is for ${subsidy.year}, outside the programme's years ${p.firstYear}–${p.lastYear}` }]);
    }
    await this.requireLineInPlan(p, req.actionLineId, 'actionLineId');
    const existing = await this.repo.bookingOfSubsidy(req.subsidyId);
    if (existing) {
      throw ProgrammeError.conflict(ProgrammeErrorCode.SUBSIDY_ALREADY_LINKED, `subsidy ${req.subsidyId} is committed on action line ${existing.actionLineId} already`, [
        { name: 'subsidyId', code: ProgrammeErrorCode.SUBSIDY_ALREADY_LINKED, reason: `committed on action line ${existing.actionLineId} already` },
      ]);
    }
    const booking = {
      id: randomUUID(),
      programmeId: id,
      actionLineId: req.actionLineId,
      municipality: subsidy.municipality,
      year: subsidy.year,
      kind: req.kind,
      type: BookingType.COMMITMENT,
      amountCents: subsidy.amountCents,
      bookedOn: this.clock.today(),
      description: `subsidy to ${subsidy.organisationAgb}: ${subsidy.purpose}`.slice(0, 500),
      subsidyId: subsidy.subsidyId,
      createdBy: caller.sub,
    };
    await this.repo.insertBooking(booking);
    const line = await this.raiseAlerts(p, req.actionLineId, subsidy.year, req.kind);
    return { booking: bookingView(booking), line };
  }

  @Transactional()
  async measure(caller: Caller, id: string, actionLineId: string, req: MeasurementRequest): Promise<ActionLineView> {
    const p = await this.visible(caller, id);
    this.region.requireWholeRegion(caller, "the region's programme");
    this.notAfterToday(req.measuredOn, 'measuredOn');
    const row = await this.requireLineInPlan(p, actionLineId, 'actionLineId');
    await this.repo.insertMeasurement({ id: randomUUID(), actionLineId, measuredOn: req.measuredOn, value: req.value, note: req.note ?? null, recordedBy: caller.sub });
    return (await this.lineViews([row]))[0];
  }

  /** Spend against plan per municipality, action line, year and kind, as JSON or CSV. */
  @Transactional()
  async report(caller: Caller, id: string, q: ReportQuery): Promise<ReportView> {
    const p = await this.visible(caller, id);
    let municipalities: string[];
    if (q.municipality) {
      requireRead(caller, { municipalities: [q.municipality] }, 'municipality', AGGREGATES);
      this.requireMember(q.municipality, 'municipality');
      municipalities = [q.municipality];
    } else {
      const scope = this.readScope(caller);
      municipalities = this.region.municipalities.filter((m) => scope.regionWide || scope.municipalities.includes(m));
    }
    if (q.year !== undefined && (q.year < p.firstYear || q.year > p.lastYear)) {
      refuse([{ name: 'year', code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${q.year} lies outside the programme's years ${p.firstYear}–${p.lastYear}` }]);
    }
    const lines = await this.repo.linePlans(id, p.currentVersion);
    const booked = (await this.bookedFigures(id, {})).filter((b) => municipalities.includes(b.municipality));
    const report = programmeReport({
      municipalities,
      years: q.year !== undefined ? [q.year] : yearsOf(p),
      lines: lines.map((l) => ({ actionLineId: l.actionLineId, number: l.number, title: l.title, years: l.years })),
      allocations: latestAllocations(await this.repo.allocations(id)).map(factsOf),
      booked,
    });
    const alerts = await this.repo.alertsOf([...new Set(report.lines.map((l) => l.actionLineId))]);
    return {
      programmeId: id,
      planVersion: p.currentVersion,
      asOf: this.clock.today(),
      municipalities,
      allocations: report.allocations,
      lines: report.lines.map((l) => ({
        ...l,
        alertedThresholds: alerts.filter((a) => a.actionLineId === l.actionLineId && a.year === l.year && a.kind === l.kind).map((a) => a.threshold).sort((a, b) => a - b),
      })),
    };
  }

  /** The report's line rows as CSV (amounts in cents, as in the JSON). */
  reportCsv(report: ReportView): string {
    return csvOf(
      REPORT_COLUMNS,
      report.lines.map((l) => ({
        municipality: l.municipality,
        actionLine: l.number,
        title: l.title,
        year: l.year,
        kind: l.kind,
        plannedCents: l.plannedCents,
        committedCents: l.committedCents,
        paidCents: l.paidCents,
        forecastCents: l.forecastCents,
        remainingCents: l.remainingCents,
        percent: l.percent,
      })),
    );
  }

  // --- inside

  private async storePlan(programmeId: string, version: number, req: PlanInputBody, reason: string | null, by: string): Promise<void> {
    await this.repo.insertPlan({
      programmeId,
      version,
      reason,
      themes: req.themes.map((t) => ({ code: t.code, title: t.title })),
      statedTotalCents: req.statedTotalCents ?? null,
      statedYearTotals: (req.statedYearTotals ?? []).map((s) => ({ year: s.year, totalCents: s.totalCents })),
      createdBy: by,
    });
    const ids = await this.repo.lineIds(programmeId, req.lines.map((l) => l.number), randomUUID);
    await this.repo.insertLinePlans(
      req.lines.map((l) => ({
        actionLineId: mustExist(ids.get(l.number), 'action line id'),
        planVersion: version,
        programmeId,
        theme: l.theme,
        title: l.title,
        owner: l.owner,
        startQuarter: l.planning.start,
        endQuarter: l.planning.end,
        result: l.result ?? null,
        kpi: l.kpi ? { name: l.kpi.name, unit: l.kpi.unit ?? null, target: l.kpi.target ?? null } : null,
        years: [...l.years].sort((a, b) => a.year - b.year).map((y) => ({ year: y.year, incidentalCents: y.incidentalCents, structuralCents: y.structuralCents })),
      })),
    );
  }

  private async view(p: ProgrammeEntity, version = p.currentVersion): Promise<ProgrammeView> {
    const plan = mustExist(await this.repo.plan(p.id, version), 'plan');
    const plans = await this.repo.plans(p.id);
    const approvals = await this.repo.approvals(p.id);
    const rows = await this.repo.linePlans(p.id, version);
    const stored = latestAllocations(await this.repo.allocations(p.id));
    const allocations = stored.map(factsOf);
    const years = yearsOf(p);
    const sums = sumPlan(rows, years);
    const unplanned = unplannedOf(sums, allocations);
    const approval = approvals.find((a) => a.version === version);
    return {
      id: p.id,
      name: p.name,
      fundName: p.fundName,
      ownerMunicipality: p.ownerMunicipality,
      firstYear: p.firstYear,
      lastYear: p.lastYear,
      currentVersion: p.currentVersion,
      approvedVersion: p.approvedVersion,
      plan: {
        version,
        reason: plan.reason,
        createdBy: plan.createdBy,
        createdAt: plan.createdAt,
        approval: approval ? { approvedBy: approval.approvedBy, approvedAt: approval.approvedAt, comment: approval.comment } : null,
        statedTotalCents: plan.statedTotalCents,
        statedYearTotals: plan.statedYearTotals,
        themes: plan.themes,
        lines: await this.lineViews(rows),
      },
      sums,
      allocations: stored.map(allocationView),
      unplanned,
      unplannedPerKind: FUND_KINDS.map((kind) => {
        const rows = unplanned.filter((u) => u.kind === kind);
        const fundCents = rows.reduce((a, u) => a + u.fundCents, 0);
        const plannedCents = rows.reduce((a, u) => a + u.plannedCents, 0);
        return { kind, fundCents, plannedCents, unplannedCents: fundCents - plannedCents };
      }),
      flags: flagsOf({ statedTotalCents: plan.statedTotalCents, statedYearTotals: plan.statedYearTotals, lines: rows }, years, allocations),
      versions: plans.map((v) => {
        const a = approvals.find((x) => x.version === v.version);
        return { version: v.version, reason: v.reason, createdBy: v.createdBy, createdAt: v.createdAt, approvedBy: a?.approvedBy ?? null, approvedAt: a?.approvedAt ?? null };
      }),
    };
  }

  private async lineViews(rows: LinePlanRow[]): Promise<ActionLineView[]> {
    const measurements = await this.repo.measurementsOf(rows.map((r) => r.actionLineId));
    return rows.map((r) => ({
      id: r.actionLineId,
      number: r.number,
      theme: r.theme,
      title: r.title,
      owner: r.owner,
      planning: { start: r.startQuarter, end: r.endQuarter },
      result: r.result,
      kpi: r.kpi,
      years: r.years.map((y) => ({ year: y.year, costCents: y.incidentalCents + y.structuralCents, incidentalCents: y.incidentalCents, structuralCents: y.structuralCents })),
      totalCents: r.years.reduce((a, y) => a + y.incidentalCents + y.structuralCents, 0),
      measurements: measurements.filter((m) => m.actionLineId === r.actionLineId).map((m) => ({ measuredOn: m.measuredOn, value: m.value, note: m.note })),
    }));
  }

  /** Commitments and payments per line, municipality, year and kind: bookings, plus linked subsidies' paid instalments. */
  private async bookedFigures(programmeId: string, f: { actionLineId?: string }): Promise<BookedFigure[]> {
    const out = new Map<string, BookedFigure>();
    const at = (actionLineId: string, municipality: string, year: number, kind: string): BookedFigure => {
      const k = `${actionLineId}|${municipality}|${year}|${kind}`;
      let b = out.get(k);
      if (!b) {
        b = { actionLineId, municipality, year, kind: kind as FundKind, committedCents: 0, paidCents: 0 };
        out.set(k, b);
      }
      return b;
    };
    for (const s of await this.repo.bookingSums(programmeId, f)) {
      const b = at(s.actionLineId, s.municipality, s.year, s.kind);
      if (s.type === BookingType.COMMITMENT) b.committedCents += s.cents;
      else b.paidCents += s.cents;
    }
    const linked = await this.repo.subsidyBookings(programmeId, f);
    const paid = await this.subsidies.paid(linked.map((l) => l.subsidyId));
    for (const l of linked) at(l.actionLineId, l.municipality, l.year, l.kind).paidCents += paid.get(l.subsidyId) ?? 0;
    return [...out.values()];
  }

  /** The line's region-wide forecast for a year and kind against its plan; thresholds reached for the first time are recorded. */
  private async raiseAlerts(p: ProgrammeEntity, actionLineId: string, year: number, kind: FundKind): Promise<LineFigures> {
    const plan = (await this.repo.linePlans(p.id, p.currentVersion)).find((l) => l.actionLineId === actionLineId);
    const planYear = plan?.years.find((y) => y.year === year);
    const plannedCents = planYear ? (kind === FundKind.INCIDENTAL ? planYear.incidentalCents : planYear.structuralCents) : 0;
    const booked = (await this.bookedFigures(p.id, { actionLineId })).filter((b) => b.year === year && b.kind === kind);
    const committedCents = booked.reduce((a, b) => a + b.committedCents, 0);
    const paidCents = booked.reduce((a, b) => a + b.paidCents, 0);
    const forecastCents = booked.reduce((a, b) => a + forecastOf(b.committedCents, b.paidCents), 0);
    const percent = percentOfPlan(forecastCents, plannedCents);
    const raised = (await this.repo.alertsOf([actionLineId])).filter((a) => a.year === year && a.kind === kind);
    const reached = thresholdsReached(percent, new Set(raised.map((a) => a.threshold)));
    await this.repo.insertAlerts(reached.map((threshold) => ({ actionLineId, year, kind, threshold, percent: mustExist(percent, 'percent') })));
    return { actionLineId, year, kind, plannedCents, committedCents, paidCents, forecastCents, percent, alertedThresholds: [...raised.map((a) => a.threshold), ...reached].sort((a, b) => a - b) };
  }

  private async requireLineInPlan(p: ProgrammeEntity, actionLineId: string, field: string): Promise<LinePlanRow> {
    const line = await this.repo.actionLine(actionLineId);
    if (!line || line.programmeId !== p.id) {
      throw new ProgrammeError(ProgrammeErrorCode.ACTION_LINE_NOT_FOUND, `programme ${p.id} has no action line ${actionLineId}`, 404, [
        { name: field, code: ProgrammeErrorCode.ACTION_LINE_NOT_FOUND, reason: `no action line ${actionLineId} in this programme` },
      ]);
    }
    const row = (await this.repo.linePlans(p.id, p.currentVersion)).find((l) => l.actionLineId === actionLineId);
    if (!row) {
      throw new ProgrammeError(ProgrammeErrorCode.ACTION_LINE_NOT_IN_PLAN, `action line ${line.number} is not in the plan in force (version ${p.currentVersion})`, 422, [
        { name: field, code: ProgrammeErrorCode.ACTION_LINE_NOT_IN_PLAN, reason: `action line ${line.number} was dropped from the plan` },
      ]);
    }
    return row;
  }

  /** A programme is the region's: visible to tokens of any member municipality and to regional analysts. */
  private async visible(caller: Caller, id: string, forUpdate = false): Promise<ProgrammeEntity> {
    return foundOr404(await this.repo.get(id, forUpdate), () => missing(id), () => mayRead(caller, { municipalities: this.region.municipalities }, AGGREGATES));
  }

  private readScope(caller: Caller) {
    return tenantScopeOf(caller, AGGREGATES);
  }

  /** A booking or a measurement records what happened: dated today (the default) or before. */
  private notAfterToday(date: IsoDate | undefined, field: string): IsoDate {
    const today = this.clock.today();
    if (date === undefined) return today;
    if (date > today) refuse([{ name: field, code: ProgrammeErrorCode.DATE_IN_FUTURE, reason: `${field} ${date} lies after today (${today})` }]);
    return date;
  }

  private requireMember(municipality: string, field: string): void {
    if (this.region.isMember(municipality)) return;
    refuse([{ name: field, code: ProgrammeErrorCode.OUTSIDE_REGION, reason: `${municipality} is not a member of the region (${this.region.municipalities.join(', ')})` }]);
  }
}

/** A line's figures for one year and kind, region-wide, after a booking. */
export interface LineFigures {
  actionLineId: string;
  year: number;
  kind: FundKind;
  plannedCents: number;
  committedCents: number;
  paidCents: number;
  forecastCents: number;
  percent: number | null;
  alertedThresholds: number[];
}

function refuse(bad: InvalidParam[]): void {
  if (bad.length) throw new ProgrammeError(bad[0].code as ProgrammeErrorCode, bad.length === 1 ? bad[0].reason : `${bad.length} fields are not right; the first: ${bad[0].reason}`, 400, bad);
}

/** The version in force of each year and kind. */
function latestAllocations(all: AllocationEntity[]): AllocationEntity[] {
  const latest = new Map<string, AllocationEntity>();
  for (const a of all) {
    const k = `${a.year}|${a.kind}`;
    if ((latest.get(k)?.version ?? 0) < a.version) latest.set(k, a);
  }
  return [...latest.values()];
}

function factsOf(a: AllocationEntity): AllocationFacts {
  return { year: a.year, kind: a.kind as FundKind, version: a.version, amountCents: a.amountCents, weights: a.weights, parts: a.parts };
}

function allocationView(a: AllocationEntity): AllocationView {
  return {
    year: a.year,
    kind: a.kind as FundKind,
    version: a.version,
    amountCents: a.amountCents,
    basis: a.basis,
    sumCents: a.parts.reduce((s, p) => s + p.partCents, 0),
    parts: a.parts,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
  };
}

function bookingView(b: Omit<BookingEntity, 'createdAt' | 'actionLine'>) {
  return {
    id: b.id,
    actionLineId: b.actionLineId,
    municipality: b.municipality,
    year: b.year,
    kind: b.kind,
    type: b.type,
    amountCents: b.amountCents,
    bookedOn: b.bookedOn,
    description: b.description,
    subsidyId: b.subsidyId,
  };
}
