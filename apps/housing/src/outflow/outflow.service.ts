import { Injectable } from '@nestjs/common';
import { actorOf, Caller, ProcessingAction, ProcessingLog, requireActFor, requireRead } from '@vangnet/auth';
import { IsoDate, OutflowReadyV1, PlaceFeature } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PlacementsService } from '../placements/placements.service';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { CreateReadinessRequest, ReadinessListQuery, ReadinessView } from './outflow.dto';
import { OutflowReadinessEntity, ReadinessStatus } from './outflow.entity';
import { OutflowError, OutflowErrorCode } from './outflow.errors';
import { OutflowRepository } from './outflow.repository';
import { hasConsent, mergeNeeds } from './outflow.rules';

/** Residents ready to move on to a home of their own, and their consent to share what a corporation needs. */
@Injectable()
export class OutflowService {
  constructor(
    private readonly repo: OutflowRepository,
    private readonly placements: PlacementsService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
  ) {}

  /** A placement officer marks a placed resident ready. */
  @Transactional()
  async create(caller: Caller, req: CreateReadinessRequest): Promise<ReadinessView> {
    const placement = await this.placements.find(req.placementId);
    if (!placement || !caller.municipalities.includes(placement.municipality)) {
      throw OutflowError.invalidField(OutflowErrorCode.NO_RUNNING_PLACEMENT, 'placementId', `no placement ${req.placementId} among yours`, 404);
    }
    requireActFor(caller, placement.municipality, 'municipality');
    if (placement.endDate) throw OutflowError.invalidField(OutflowErrorCode.NO_RUNNING_PLACEMENT, 'placementId', `placement ${placement.id} ended on ${placement.endDate}`, 422);
    await this.repo.lockPerson(placement.personId);
    const open = await this.repo.openFor(placement.personId);
    if (open) throw new OutflowError(OutflowErrorCode.READINESS_EXISTS, `the resident is marked ready already (${open.id})`, 409, undefined, { existingId: open.id });
    const id = randomUUID();
    await this.repo.insert({
      id,
      personId: placement.personId,
      personPseudonym: placement.personPseudonym,
      municipality: placement.municipality,
      readyFrom: req.readyFrom,
      needs: mergeNeeds(req.needs ?? []),
      source: 'OFFICER',
      planId: null,
      consentGivenOn: null,
      consentRecordedBy: null,
      consentWithdrawnOn: null,
      status: 'READY',
      note: null,
    });
    const row = mustExist(await this.repo.find(id), `readiness ${id}`);
    await this.record(ProcessingAction.CREATE, [row]);
    return this.view(row);
  }

  /** The care plan says the resident is ready: mark them (or update the open readiness), once per fact. */
  async applyReady(data: OutflowReadyV1): Promise<void> {
    await this.repo.lockPerson(data.personId);
    const open = await this.repo.openFor(data.personId);
    if (open) {
      await this.repo.update(open.id, { readyFrom: data.readyFrom, needs: mergeNeeds(data.needs), planId: data.planId });
      return;
    }
    await this.repo.insert({
      id: randomUUID(),
      personId: data.personId,
      personPseudonym: data.personPseudonym,
      municipality: data.municipality,
      readyFrom: data.readyFrom,
      needs: mergeNeeds(data.needs),
      source: 'CARE_PLAN',
      planId: data.planId,
      consentGivenOn: null,
      consentRecordedBy: null,
      consentWithdrawnOn: null,
      status: 'READY',
      note: null,
    });
  }

  @Transactional()
  async recordConsent(caller: Caller, id: string, givenOn: IsoDate): Promise<ReadinessView> {
    const r = await this.visible(caller, id, true);
    requireActFor(caller, r.municipality, 'municipality');
    const today = this.clock.today();
    if (givenOn > today) throw OutflowError.invalidField(OutflowErrorCode.CONSENT_IN_FUTURE, 'givenOn', `givenOn lies after today (${today})`, 422);
    if (r.status !== 'READY' && r.status !== 'NOMINATED') throw OutflowError.conflict(OutflowErrorCode.READINESS_CLOSED, `readiness ${id} is ${r.status.toLowerCase()}`);
    await this.repo.update(id, { consentGivenOn: givenOn, consentRecordedBy: actorOf(caller), consentWithdrawnOn: null });
    const row = mustExist(await this.repo.find(id), `readiness ${id}`);
    await this.record(ProcessingAction.UPDATE, [row]);
    return this.view(row);
  }

  /** From the withdrawal on, no new nomination and no corporation read of the name. */
  @Transactional()
  async withdrawConsent(caller: Caller, id: string, withdrawnOn?: IsoDate): Promise<ReadinessView> {
    const r = await this.visible(caller, id, true);
    requireActFor(caller, r.municipality, 'municipality');
    const today = this.clock.today();
    const on = withdrawnOn ?? today;
    if (on > today) throw OutflowError.invalidField(OutflowErrorCode.CONSENT_IN_FUTURE, 'withdrawnOn', `withdrawnOn lies after today (${today})`, 422);
    if (!r.consentGivenOn) throw OutflowError.conflict(OutflowErrorCode.NO_CONSENT, `readiness ${id} has no consent to withdraw`);
    await this.repo.update(id, { consentWithdrawnOn: on });
    const row = mustExist(await this.repo.find(id), `readiness ${id}`);
    await this.record(ProcessingAction.UPDATE, [row]);
    return this.view(row);
  }

  @Transactional()
  async withdraw(caller: Caller, id: string, reason: string): Promise<ReadinessView> {
    const r = await this.visible(caller, id, true);
    requireActFor(caller, r.municipality, 'municipality');
    if (r.status !== 'READY') throw OutflowError.conflict(OutflowErrorCode.READINESS_CLOSED, `readiness ${id} is ${r.status.toLowerCase()}`);
    await this.repo.update(id, { status: 'WITHDRAWN', note: reason });
    return this.view(mustExist(await this.repo.find(id), `readiness ${id}`));
  }

  async get(caller: Caller, id: string): Promise<ReadinessView> {
    const r = await this.visible(caller, id);
    await this.record(ProcessingAction.READ, [r]);
    return this.view(r);
  }

  async list(caller: Caller, q: ReadinessListQuery): Promise<Page<ReadinessView>> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, status: q.status, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    await this.record(ProcessingAction.READ, page.items);
    return { items: page.items.map((r) => this.view(r)), nextCursor: page.nextCursor };
  }

  // For nominations.

  async readiness(caller: Caller, id: string, lock = false): Promise<OutflowReadinessEntity> {
    return this.visible(caller, id, lock);
  }

  find(id: string): Promise<OutflowReadinessEntity | undefined> {
    return this.repo.find(id);
  }

  consented(r: OutflowReadinessEntity, on: IsoDate = this.clock.today()): boolean {
    return hasConsent(r, on);
  }

  async move(id: string, status: ReadinessStatus): Promise<void> {
    await this.repo.update(id, { status });
  }

  private async visible(caller: Caller, id: string, lock = false): Promise<OutflowReadinessEntity> {
    return foundOr404(await this.repo.find(id, lock), () => OutflowError.missing(id), (r) => caller.municipalities.includes(r.municipality));
  }

  private async record(action: ProcessingAction, rows: OutflowReadinessEntity[]): Promise<void> {
    await this.log.record(rows.map((r) => ({ pseudonym: r.personPseudonym, action, purpose: Purpose.OUTFLOW, legalBasis: WMO_PROCESSING, resource: 'outflow-readiness', resourceId: r.id, municipality: r.municipality })));
  }

  private view(r: OutflowReadinessEntity): ReadinessView {
    return {
      id: r.id,
      personId: r.personId,
      personPseudonym: r.personPseudonym,
      municipality: r.municipality,
      readyFrom: r.readyFrom,
      needs: r.needs as PlaceFeature[],
      source: r.source,
      planId: r.planId,
      consent: r.consentGivenOn ? { givenOn: r.consentGivenOn, withdrawnOn: r.consentWithdrawnOn, valid: hasConsent(r, this.clock.today()) } : null,
      status: r.status,
      version: r.version,
    };
  }
}
