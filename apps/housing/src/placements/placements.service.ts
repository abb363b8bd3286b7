import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { actorOf, Caller, mayRead, narrowToScope, PERSONAL_DATA, ProcessingAction, ProcessingLog, pseudonymize, requireActFor, Tenancy, tenantScopeOf } from '@vangnet/auth';
import { DomainError, FacilityType, IsoDate, PLACEMENT_ENDED_V1, PLACEMENT_STARTED_V1, PlacementDestination, PlacementEndedV1, PlacementStartedV1 } from '@vangnet/contracts';
import { Outbox, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { BackgroundJob, Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { FacilityErrorCode } from '../facilities/facilities.errors';
import { PlaceRow } from '../facilities/facilities.repository';
import { FacilitiesService } from '../facilities/facilities.service';
import { OffersService } from '../offers/offers.service';
import { SettingsService } from '../settings/settings.service';
import { HousingConfig } from '../shared/housing-config';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { WaitlistEntryEntity } from '../waiting-list/waiting-list.entity';
import { WaitingListErrorCode } from '../waiting-list/waiting-list.errors';
import { WaitingListService } from '../waiting-list/waiting-list.service';
import { CreatePlacementRequest, EndPlacementRequest, PlacementListQuery, PlacementView } from './placements.dto';
import { PlacementEntity } from './placements.entity';
import { PlacementError, PlacementErrorCode } from './placements.errors';
import { NewPlacement, PlacementsRepository } from './placements.repository';
import { DIRECT_TYPES, endProblems, lastNightBefore, overstay } from './placements.rules';

@Injectable()
export class PlacementsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: BackgroundJob<number>;

  constructor(
    private readonly repo: PlacementsRepository,
    private readonly facilities: FacilitiesService,
    private readonly offers: OffersService,
    private readonly waitingList: WaitingListService,
    private readonly settings: SettingsService,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly config: HousingConfig,
  ) {
    this.job = new BackgroundJob('placement-ends', () => this.endDue());
  }

  onApplicationBootstrap(): void {
    this.job.every(this.config.jobIntervalMs, 5_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** From an accepted offer, an emergency-shelter entry, or a crisis placement of someone not on a list. */
  @Transactional()
  async start(caller: Caller, req: CreatePlacementRequest): Promise<PlacementView> {
    const today = this.clock.today();
    if (req.startDate > today) throw PlacementError.invalidField(PlacementErrorCode.START_IN_FUTURE, 'startDate', `startDate lies after today (${today}); start a placement once the resident has moved in`, 422);
    if (req.offerId) return this.fromOffer(caller, req.offerId, req);
    if (!req.placeId) throw source('placeId', 'a direct placement names the place (placeId)');
    if (req.entryId) return this.fromDirectEntry(caller, req.entryId, req.placeId, req);
    if (req.personId) return this.walkIn(caller, req.personId, req.placeId, req);
    throw source('offerId', 'give offerId (from an accepted offer), or entryId or personId with placeId (a direct placement)');
  }

  @Transactional()
  async end(caller: Caller, id: string, req: EndPlacementRequest): Promise<PlacementView> {
    const placement = await this.visible(caller, id, true);
    requireActFor(caller, placement.municipality, 'municipality');
    if (placement.endDate) throw PlacementError.conflict(PlacementErrorCode.PLACEMENT_ENDED, `placement ${id} ended on ${placement.endDate}`);
    const problems = endProblems(placement.startDate, req.endDate, this.clock.today());
    if (problems.length) throw new PlacementError(problems[0].code as PlacementErrorCode, problems[0].reason, 422, problems);
    await this.finish(placement, req.endDate, req.destination, req.note ?? null, actorOf(caller));
    await this.record(ProcessingAction.UPDATE, [placement]);
    return this.view(mustExist(await this.repo.find(id), `placement ${id}`));
  }

  async get(caller: Caller, id: string): Promise<PlacementView> {
    const p = await this.visible(caller, id);
    await this.record(ProcessingAction.READ, [p]);
    return this.view(p);
  }

  async list(caller: Caller, q: PlacementListQuery): Promise<Page<PlacementView>> {
    const asked = narrowToScope(tenantScopeOf(caller, PERSONAL_DATA), { municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [], nextCursor: null };
    const limit = q.limit ?? 100;
    const running = q.running === 'true' || q.overstay === 'true' ? true : q.running === 'false' ? false : undefined;
    const stays = await this.settings.referenceStays();
    const today = this.clock.today();
    const overstaying = (p: PlacementEntity) => overstay(p, stays.get(p.facilityType as FacilityType), today).overstay;
    const items: PlacementEntity[] = [];
    let after = decodeCursor<{ id: string }>(q.cursor)?.id;
    // With ?overstay=true the filter is a rule, not a column: read pages until one is full.
    for (;;) {
      const rows = await this.repo.list({ ...asked, facilityId: q.facilityId, personId: q.personId, running, after, limit: limit + 1 });
      for (const r of rows) if (q.overstay !== 'true' || overstaying(r)) items.push(r);
      if (rows.length <= limit || items.length > limit) break;
      after = rows[rows.length - 1].id;
    }
    const page = toPage(items, limit, (last) => ({ id: last.id }));
    await this.record(ProcessingAction.READ, page.items);
    const ends = await this.waitingList.lineageEnds(page.items.map((p) => p.provisionLineageId).filter((l): l is string => l !== null));
    return { items: page.items.map((p) => viewOf(p, stays, today, ends)), nextCursor: page.nextCursor };
  }

  // For nominations and the monitor.

  /** The resident's running placement, if any. */
  runningFor(personId: string): Promise<PlacementEntity | undefined> {
    return this.repo.runningFor(personId);
  }

  find(id: string): Promise<PlacementEntity | undefined> {
    return this.repo.find(id);
  }

  /**
   * A lease in the resident's own name was signed: the stay ends the night before the lease
   * starts (destination independent with support), now if that night has passed, else then.
   */
  async endForLease(placementId: string, leaseStart: IsoDate, by: string): Promise<void> {
    const p = mustExist(await this.repo.find(placementId, true), `placement ${placementId}`);
    if (p.endDate) return;
    const last = lastNightBefore(leaseStart, p.startDate);
    if (last <= this.clock.today()) await this.finish(p, last, PlacementDestination.INDEPENDENT_WITH_SUPPORT, 'lease signed', by);
    else await this.repo.plan(p.id, last, PlacementDestination.INDEPENDENT_WITH_SUPPORT);
  }

  /** Ends the placements whose planned end has come (the job runs it; tests call it). */
  @Transactional()
  async endDue(): Promise<number> {
    const due = await this.repo.due(this.clock.today());
    for (const p of due) await this.finish(p, mustExist(p.plannedEnd, 'planned end'), (p.plannedDestination as PlacementDestination) ?? PlacementDestination.UNKNOWN, 'planned end', 'system');
    return due.length;
  }

  all(): Promise<PlacementEntity[]> {
    return this.repo.all();
  }

  // Internals.

  private async fromOffer(caller: Caller, offerId: string, req: CreatePlacementRequest): Promise<PlacementView> {
    const offer = await this.offers.acceptedOffer(caller, offerId);
    requireActFor(caller, offer.municipality, 'municipality');
    if (req.startDate < offer.offeredOn) throw PlacementError.invalidField(PlacementErrorCode.START_BEFORE_OFFER, 'startDate', `the place was offered on ${offer.offeredOn}`, 422);
    const entry = mustExist(await this.waitingList.entry(offer.entryId, true), `entry ${offer.entryId}`);
    const place = mustExist(await this.facilities.place(offer.placeId, true), `place ${offer.placeId}`);
    const placement = await this.insert(caller, place, entry, { entryId: entry.id, offerId, direct: false, startDate: req.startDate }, ['RESERVED']);
    await this.offers.markPlaced(offerId, req.startDate, caller);
    await this.waitingList.markPlaced(entry, req.startDate);
    return placement;
  }

  private async fromDirectEntry(caller: Caller, entryId: string, placeId: string, req: CreatePlacementRequest): Promise<PlacementView> {
    const entry = await this.waitingList.entry(entryId, true);
    const visible = entry ? await this.waitingList.visibleTo(caller, entry) : false;
    const found = foundOr404(visible ? entry : undefined, () => DomainError.invalidField(WaitingListErrorCode.ENTRY_NOT_FOUND, 'entryId', `no entry ${entryId} among yours`, 404));
    if (found.route !== 'DIRECT_PLACEMENT' || (found.status !== 'WAITING' && found.status !== 'OFFERED')) {
      throw PlacementError.invalidField(PlacementErrorCode.ENTRY_NOT_DIRECT, 'entryId', `entry ${entryId} is not an emergency-shelter entry awaiting placement; a waiting-list entry is placed from an accepted offer`, 422);
    }
    requireActFor(caller, found.municipality, 'municipality');
    const place = await this.crisisPlace(caller, placeId);
    const placement = await this.insert(caller, place, found, { entryId, offerId: null, direct: true, startDate: req.startDate }, ['FREE']);
    await this.waitingList.markPlaced(found, req.startDate);
    return placement;
  }

  private async walkIn(caller: Caller, personId: string, placeId: string, req: CreatePlacementRequest): Promise<PlacementView> {
    if (!req.municipality) throw source('municipality', 'a crisis placement names the municipality that places');
    requireActFor(caller, req.municipality, 'municipality');
    const fromBsn = req.bsn ? pseudonymize(req.bsn) : undefined;
    if (fromBsn && req.personPseudonym && fromBsn !== req.personPseudonym) {
      throw new ValidationFailedError([{ name: 'personPseudonym', code: PlacementErrorCode.PSEUDONYM_MISMATCH, reason: 'the pseudonym is not that of the BSN given' }]);
    }
    const pseudonym = fromBsn ?? req.personPseudonym;
    if (!pseudonym) throw source('bsn', 'a crisis placement names the person by bsn or personPseudonym');
    const place = await this.crisisPlace(caller, placeId);
    const person = {
      personId,
      personPseudonym: pseudonym,
      municipality: req.municipality,
      responsibleMunicipality: req.responsibleMunicipality ?? req.municipality,
      originMunicipality: req.originMunicipality ?? null,
      provisionLineageId: req.provisionLineageId ?? null,
    };
    return this.insert(caller, place, person, { entryId: null, offerId: null, direct: true, startDate: req.startDate }, ['FREE']);
  }

  private async crisisPlace(caller: Caller, placeId: string): Promise<PlaceRow> {
    const place = foundOr404(await this.facilities.place(placeId, true), () => DomainError.invalidField(FacilityErrorCode.PLACE_NOT_FOUND, 'placeId', `no place ${placeId} among yours`, 404), (p) =>
      caller.municipalities.includes(p.facility.municipality),
    );
    requireActFor(caller, place.facility.municipality, 'municipality');
    if (!DIRECT_TYPES.includes(place.facility.type as FacilityType)) {
      throw PlacementError.invalidField(PlacementErrorCode.NOT_A_CRISIS_PLACE, 'placeId', `a ${place.facility.type} place is filled from the waiting list; direct placements go to ${DIRECT_TYPES.join(', ')}`, 422);
    }
    return place;
  }

  private async insert(
    caller: Caller,
    place: PlaceRow,
    person: Pick<WaitlistEntryEntity, 'personId' | 'personPseudonym' | 'municipality' | 'responsibleMunicipality' | 'originMunicipality' | 'provisionLineageId'>,
    how: { entryId: string | null; offerId: string | null; direct: boolean; startDate: IsoDate },
    placeFrom: Array<'FREE' | 'RESERVED'>,
  ): Promise<PlacementView> {
    const running = await this.repo.runningFor(person.personId);
    if (running) throw PlacementError.invalidField(PlacementErrorCode.PERSON_ALREADY_PLACED, how.offerId ? 'offerId' : 'personId', `the person is placed in ${running.facilityType} since ${running.startDate} (placement ${running.id}); end that first`, 409);
    if (!(await this.facilities.move(place.id, placeFrom, 'OCCUPIED'))) {
      throw PlacementError.invalidField(PlacementErrorCode.PLACE_NOT_FREE, 'placeId', `place ${place.id} is ${place.status.toLowerCase()}`, 409);
    }
    const row: NewPlacement = {
      id: randomUUID(),
      placeId: place.id,
      facilityId: place.facilityId,
      facilityType: place.facility.type,
      facilityMunicipality: place.facility.municipality,
      providerAgb: place.facility.providerAgb,
      entryId: how.entryId,
      offerId: how.offerId,
      personId: person.personId,
      personPseudonym: person.personPseudonym,
      municipality: person.municipality,
      responsibleMunicipality: person.responsibleMunicipality,
      originMunicipality: person.originMunicipality,
      provisionLineageId: person.provisionLineageId,
      direct: how.direct,
      startDate: how.startDate,
      createdBy: actorOf(caller),
    };
    const clash = await this.repo.insert(row);
    if (clash) throw PlacementError.invalidField(clash === 'placement_place_running' ? PlacementErrorCode.PLACE_NOT_FREE : PlacementErrorCode.PERSON_ALREADY_PLACED, clash === 'placement_place_running' ? 'placeId' : 'personId', 'another placement was just started', 409);
    const data: PlacementStartedV1 = {
      placementId: row.id,
      personId: row.personId,
      personPseudonym: row.personPseudonym,
      facilityId: row.facilityId,
      facilityType: row.facilityType as FacilityType,
      placeId: row.placeId,
      facilityMunicipality: row.facilityMunicipality,
      responsibleMunicipality: row.responsibleMunicipality,
      startDate: row.startDate,
      ...(row.provisionLineageId ? { provisionLineageId: row.provisionLineageId } : {}),
      ...(row.providerAgb ? { providerAgb: row.providerAgb } : {}),
    };
    await this.outbox.publish({ type: PLACEMENT_STARTED_V1, data, municipality: row.municipality });
    const stored = mustExist(await this.repo.find(row.id), `placement ${row.id}`);
    await this.record(ProcessingAction.CREATE, [stored]);
    return this.view(stored);
  }

  private async finish(p: PlacementEntity, endDate: IsoDate, destination: PlacementDestination, note: string | null, by: string): Promise<void> {
    await this.repo.end(p.id, { endDate, destination, endNote: note, endedBy: by });
    await this.facilities.move(p.placeId, ['OCCUPIED'], 'FREE');
    const data: PlacementEndedV1 = { placementId: p.id, endDate, destination };
    await this.outbox.publish({ type: PLACEMENT_ENDED_V1, data, municipality: p.municipality });
  }

  private async visible(caller: Caller, id: string, lock = false): Promise<PlacementEntity> {
    return foundOr404(await this.repo.find(id, lock), () => PlacementError.missing(id), (p) =>
      mayRead(caller, placementTenancy(p), PERSONAL_DATA),
    );
  }

  private async view(p: PlacementEntity): Promise<PlacementView> {
    const ends = await this.waitingList.lineageEnds(p.provisionLineageId ? [p.provisionLineageId] : []);
    return viewOf(p, await this.settings.referenceStays(), this.clock.today(), ends);
  }

  private async record(action: ProcessingAction, placements: PlacementEntity[]): Promise<void> {
    await this.log.record(
      placements.map((p) => ({ pseudonym: p.personPseudonym, action, purpose: Purpose.PLACEMENT, legalBasis: WMO_PROCESSING, resource: 'placement', resourceId: p.id, municipality: p.municipality })),
    );
  }
}

function source(field: string, reason: string): PlacementError {
  return PlacementError.invalidField(PlacementErrorCode.PLACEMENT_SOURCE, field, reason);
}

/**
 * Whose placement it is (ARCHITECTURE §6; README "Roles and scope"): the municipality that made
 * the entry (or the direct placement), as for the entry itself, and the provider that runs the
 * facility. Not the facility's municipality nor the paying (responsible) municipality: the first
 * sees its places' occupancy and the monitor's aggregates, the second the cost per client from
 * `housing.placement.started`; neither sees who lives where. List and detail use this one rule.
 */
export function placementTenancy(p: Pick<PlacementEntity, 'municipality' | 'providerAgb'>): Tenancy {
  return { municipalities: [p.municipality], providerAgb: p.providerAgb };
}

function viewOf(p: PlacementEntity, stays: Map<FacilityType, number>, today: IsoDate, ends: Map<string, IsoDate>): PlacementView {
  const o = overstay(p, stays.get(p.facilityType as FacilityType), today);
  return {
    id: p.id,
    placeId: p.placeId,
    facilityId: p.facilityId,
    facilityType: p.facilityType as FacilityType,
    facilityMunicipality: p.facilityMunicipality,
    providerAgb: p.providerAgb,
    entryId: p.entryId,
    offerId: p.offerId,
    personId: p.personId,
    personPseudonym: p.personPseudonym,
    municipality: p.municipality,
    responsibleMunicipality: p.responsibleMunicipality,
    originMunicipality: p.originMunicipality,
    provisionLineageId: p.provisionLineageId,
    provisionEndedOn: p.provisionLineageId ? (ends.get(p.provisionLineageId) ?? null) : null,
    direct: p.direct,
    startDate: p.startDate,
    endDate: p.endDate,
    destination: p.destination as PlacementDestination | null,
    plannedEnd: p.plannedEnd,
    ...o,
    version: p.version,
  };
}
