import { Injectable } from '@nestjs/common';
import { actorOf, AuthError, Caller, hasRole, ProcessingAction, ProcessingLog, requireActFor, requireRead } from '@vangnet/auth';
import {
  EVICTION_SIGNAL_CLOSED_V1,
  EVICTION_SIGNAL_REPORTED_V1,
  EvictionSignalClosedV1,
  EvictionSignalKind,
  EvictionSignalOutcome,
  EvictionSignalReportedV1,
  OrgKind,
  Role,
} from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { NominationsService } from '../nominations/nominations.service';
import { PlacementsService } from '../placements/placements.service';
import { HousingConfig } from '../shared/housing-config';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { CloseSignalRequest, ReporterSignalView, ReportSignalRequest, SignalListQuery, SignalView } from './eviction-signals.dto';
import { EvictionSignalEntity } from './eviction-signals.entity';
import { EvictionSignalError, EvictionSignalErrorCode } from './eviction-signals.errors';
import { EvictionSignalsRepository } from './eviction-signals.repository';
import { isOverdue, signalDue } from './eviction-signals.rules';

@Injectable()
export class EvictionSignalsService {
  constructor(
    private readonly repo: EvictionSignalsRepository,
    private readonly nominations: NominationsService,
    private readonly placements: PlacementsService,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly config: HousingConfig,
  ) {}

  /** A corporation reports about its tenant (by nomination), a provider about its resident (by placement). */
  @Transactional()
  async report(caller: Caller, req: ReportSignalRequest): Promise<ReporterSignalView> {
    const today = this.clock.today();
    let subject: Pick<EvictionSignalEntity, 'corporation' | 'providerAgb' | 'municipality' | 'personId' | 'personPseudonym' | 'nominationId' | 'placementId'>;
    if (caller.orgKind === OrgKind.CORPORATION && hasRole(caller, Role.CORPORATION)) {
      if (!req.nominationId || req.placementId) throw subjectError('nominationId', 'a corporation names its tenancy by nominationId');
      const n = await this.nominations.ownTenancy(caller, req.nominationId);
      if (n.status !== 'LEASE_SIGNED') throw EvictionSignalError.invalidField(EvictionSignalErrorCode.NOT_A_TENANCY, 'nominationId', `nomination ${n.id} has no signed lease: no tenancy through the region`, 422);
      subject = { corporation: n.corporation, providerAgb: null, municipality: n.placementMunicipality, personId: n.personId, personPseudonym: n.personPseudonym, nominationId: n.id, placementId: null };
    } else if (caller.orgKind === OrgKind.PROVIDER && hasRole(caller, Role.PROVIDER)) {
      if (!req.placementId || req.nominationId) throw subjectError('placementId', 'a provider names its resident by placementId');
      const p = foundOr404(await this.placements.find(req.placementId), () => subjectError('placementId', `no placement ${req.placementId} in your facilities`, 404), (x) => x.providerAgb === caller.orgId);
      if (p.endDate) throw EvictionSignalError.invalidField(EvictionSignalErrorCode.PLACEMENT_ENDED, 'placementId', `placement ${p.id} ended on ${p.endDate}`, 422);
      subject = { corporation: null, providerAgb: caller.orgId, municipality: p.municipality, personId: p.personId, personPseudonym: p.personPseudonym, nominationId: null, placementId: p.id };
    } else {
      throw AuthError.forbidden('a corporation or a care provider reports an eviction risk');
    }
    const id = randomUUID();
    await this.repo.insert({
      id,
      ...subject,
      kind: req.kind,
      description: req.description ?? null,
      reportedOn: today,
      dueOn: signalDue(today, this.config.evictionTermWorkingDays),
      status: 'OPEN',
      outcome: null,
      closedOn: null,
      closeNote: null,
      reportedBy: actorOf(caller),
      closedBy: null,
    });
    const data: EvictionSignalReportedV1 = {
      signalId: id,
      municipality: subject.municipality,
      personId: subject.personId,
      personPseudonym: subject.personPseudonym,
      kind: req.kind,
      reportedOn: today,
      ...(subject.corporation ? { corporation: subject.corporation } : {}),
      ...(subject.providerAgb ? { providerAgb: subject.providerAgb } : {}),
    };
    await this.outbox.publish({ type: EVICTION_SIGNAL_REPORTED_V1, data, municipality: subject.municipality });
    const row = mustExist(await this.repo.find(id), `signal ${id}`);
    await this.record(ProcessingAction.CREATE, [row]);
    return this.reporterView(row, caller.orgKind);
  }

  /** A placement officer records the outcome. */
  @Transactional()
  async close(caller: Caller, id: string, req: CloseSignalRequest): Promise<SignalView> {
    const s = foundOr404(await this.repo.find(id, true), () => EvictionSignalError.missing(id), (x) => caller.municipalities.includes(x.municipality));
    requireActFor(caller, s.municipality, 'municipality');
    if (s.status === 'CLOSED') throw EvictionSignalError.conflict(EvictionSignalErrorCode.SIGNAL_CLOSED, `signal ${id} was closed on ${s.closedOn} (${s.outcome})`);
    const today = this.clock.today();
    await this.repo.close(id, { outcome: req.outcome, closedOn: today, closeNote: req.note ?? null, closedBy: actorOf(caller) });
    const data: EvictionSignalClosedV1 = {
      signalId: id,
      outcome: req.outcome,
      closedOn: today,
      municipality: s.municipality,
      ...(s.corporation ? { corporation: s.corporation } : {}),
      ...(s.providerAgb ? { providerAgb: s.providerAgb } : {}),
    };
    await this.outbox.publish({ type: EVICTION_SIGNAL_CLOSED_V1, data, municipality: s.municipality });
    const row = mustExist(await this.repo.find(id), `signal ${id}`);
    await this.record(ProcessingAction.UPDATE, [row]);
    return this.view(row);
  }

  async get(caller: Caller, id: string): Promise<SignalView | ReporterSignalView> {
    const s = foundOr404(await this.repo.find(id), () => EvictionSignalError.missing(id), (x) => visible(caller, x));
    await this.record(ProcessingAction.READ, [s]);
    return isReporter(caller) ? this.reporterView(s, caller.orgKind) : this.view(s);
  }

  async list(caller: Caller, q: SignalListQuery): Promise<Page<SignalView | ReporterSignalView>> {
    const limit = q.limit ?? 100;
    const base = { status: q.status, overdueOn: q.overdue === 'true' ? this.clock.today() : undefined, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 };
    let rows: EvictionSignalEntity[];
    if (caller.orgKind === OrgKind.CORPORATION) rows = await this.repo.list({ ...base, corporation: caller.orgId, municipalities: q.municipality ? [q.municipality] : undefined });
    else if (caller.orgKind === OrgKind.PROVIDER) rows = await this.repo.list({ ...base, providerAgb: caller.orgId, municipalities: q.municipality ? [q.municipality] : undefined });
    else {
      if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
      rows = await this.repo.list({ ...base, municipalities: q.municipality ? [q.municipality] : caller.municipalities });
    }
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    await this.record(ProcessingAction.READ, page.items);
    return { items: page.items.map((s) => (isReporter(caller) ? this.reporterView(s, caller.orgKind) : this.view(s))), nextCursor: page.nextCursor };
  }

  private async record(action: ProcessingAction, rows: EvictionSignalEntity[]): Promise<void> {
    await this.log.record(rows.map((s) => ({ pseudonym: s.personPseudonym, action, purpose: Purpose.EVICTION_PREVENTION, legalBasis: WMO_PROCESSING, resource: 'eviction-signal', resourceId: s.id, municipality: s.municipality })));
  }

  private reporterView(s: EvictionSignalEntity, reporter?: OrgKind): ReporterSignalView {
    return {
      id: s.id,
      kind: s.kind as EvictionSignalKind,
      description: s.description,
      // A corporation knows its tenant by the nomination, a provider its resident by the placement.
      ...(reporter !== OrgKind.PROVIDER ? { nominationId: s.nominationId } : {}),
      ...(reporter !== OrgKind.CORPORATION ? { placementId: s.placementId } : {}),
      reportedOn: s.reportedOn,
      dueOn: s.dueOn,
      overdue: isOverdue(s, this.clock.today()),
      status: s.status,
      outcome: s.outcome as EvictionSignalOutcome | null,
      closedOn: s.closedOn,
      version: s.version,
    };
  }

  private view(s: EvictionSignalEntity): SignalView {
    return { ...this.reporterView(s), nominationId: s.nominationId, placementId: s.placementId, corporation: s.corporation, providerAgb: s.providerAgb, municipality: s.municipality, personId: s.personId, personPseudonym: s.personPseudonym, closeNote: s.closeNote };
  }
}

function isReporter(caller: Caller): boolean {
  return caller.orgKind === OrgKind.CORPORATION || caller.orgKind === OrgKind.PROVIDER;
}

function visible(caller: Caller, s: EvictionSignalEntity): boolean {
  if (caller.orgKind === OrgKind.CORPORATION) return s.corporation === caller.orgId;
  if (caller.orgKind === OrgKind.PROVIDER) return s.providerAgb === caller.orgId;
  return caller.municipalities.includes(s.municipality);
}

function subjectError(field: string, reason: string, status = 400): EvictionSignalError {
  return EvictionSignalError.invalidField(EvictionSignalErrorCode.SIGNAL_SUBJECT, field, reason, status);
}
