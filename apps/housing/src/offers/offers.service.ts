import { Injectable, OnModuleInit } from '@nestjs/common';
import { actorOf, Caller, ProcessingAction, ProcessingLog, requireActFor, requireRead } from '@vangnet/auth';
import { DomainError, FacilityType, IsoDate } from '@vangnet/contracts';
import { FacilityErrorCode } from '../facilities/facilities.errors';
import { WaitingListErrorCode } from '../waiting-list/waiting-list.errors';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { FacilitiesService } from '../facilities/facilities.service';
import { fits, misfit } from '../matching/matching.rules';
import { HousingConfig } from '../shared/housing-config';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { WaitlistEntryEntity } from '../waiting-list/waiting-list.entity';
import { WaitingListService } from '../waiting-list/waiting-list.service';
import { AnswerOfferRequest, CreateOfferRequest, OfferListQuery, OfferView } from './offers.dto';
import { OfferEntity } from './offers.entity';
import { OfferError, OfferErrorCode } from './offers.errors';
import { OffersRepository } from './offers.repository';
import { answerDue, isStalled, workingDaysOverdue } from './offers.rules';

/**
 * Offers of a place to an entry. An offer reserves its place until it is declined, withdrawn or
 * followed by the placement; a place is held by one offer at a time (offer_place_held).
 */
@Injectable()
export class OffersService implements OnModuleInit {
  constructor(
    private readonly repo: OffersRepository,
    private readonly facilities: FacilitiesService,
    private readonly waitingList: WaitingListService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly config: HousingConfig,
  ) {}

  onModuleInit(): void {
    // An entry that leaves the list (its provision ended, an officer took it off) gives its place back.
    this.waitingList.onClose((entry) => this.release(entry, 'the entry left the waiting list'));
  }

  @Transactional()
  async create(caller: Caller, req: CreateOfferRequest): Promise<OfferView> {
    const place = foundOr404(await this.facilities.place(req.placeId), () => placeMissing(req.placeId), (p) => caller.municipalities.includes(p.facility.municipality));
    requireActFor(caller, place.facility.municipality, 'municipality');
    const entry = await this.visibleEntry(caller, req.entryId);
    if (entry.route !== 'WAITING_LIST') throw OfferError.invalidField(OfferErrorCode.ENTRY_NOT_WAITING, 'entryId', 'an emergency-shelter entry is placed directly (POST /placements), not offered', 422);
    if (entry.status === 'OFFERED' || entry.status === 'ACCEPTED') throw held(OfferErrorCode.ENTRY_ALREADY_OFFERED, 'entryId', `entry ${entry.id} already has an offer`);
    if (entry.status !== 'WAITING') throw OfferError.invalidField(OfferErrorCode.ENTRY_NOT_WAITING, 'entryId', `entry ${entry.id} is ${entry.status.toLowerCase()}`, 409);
    const target = { id: place.id, facilityType: place.facility.type, features: place.features };
    if (!fits(target, entry)) {
      const why = misfit(target, entry);
      const reason = [why.facilityType ? `the entry waits for ${why.facilityType}, the place is ${place.facility.type}` : '', why.missing.length ? `the place lacks ${why.missing.join(', ')}` : ''].filter(Boolean).join('; ');
      throw new OfferError(OfferErrorCode.PLACE_DOES_NOT_FIT, reason, 422, [{ name: 'placeId', code: OfferErrorCode.PLACE_DOES_NOT_FIT, reason }], why);
    }
    if (place.status !== 'FREE') {
      throw place.status === 'RESERVED' ? held(OfferErrorCode.PLACE_ALREADY_OFFERED, 'placeId', `place ${place.id} is reserved by another offer`) : held(OfferErrorCode.PLACE_NOT_FREE, 'placeId', `place ${place.id} is ${place.status.toLowerCase()}`);
    }
    const today = this.clock.today();
    const id = randomUUID();
    const inserted = await this.repo.insertHeld({
      id,
      placeId: place.id,
      entryId: entry.id,
      municipality: entry.municipality,
      facilityMunicipality: place.facility.municipality,
      facilityType: place.facility.type,
      status: 'OPEN',
      offeredOn: today,
      answerDue: answerDue(today, this.config.offerAnswerWorkingDays),
      createdBy: actorOf(caller),
    });
    if (!inserted) {
      // The unique indexes refused it: another request holds the place (or the entry) since.
      if (await this.repo.heldByPlace(place.id)) throw held(OfferErrorCode.PLACE_ALREADY_OFFERED, 'placeId', `place ${place.id} was just offered to someone else`);
      throw held(OfferErrorCode.ENTRY_ALREADY_OFFERED, 'entryId', `entry ${entry.id} was just offered another place`);
    }
    if (!(await this.facilities.move(place.id, ['FREE'], 'RESERVED'))) throw held(OfferErrorCode.PLACE_NOT_FREE, 'placeId', `place ${place.id} is no longer free`);
    if (!(await this.waitingList.move(entry.id, ['WAITING'], 'OFFERED'))) throw held(OfferErrorCode.ENTRY_NOT_WAITING, 'entryId', `entry ${entry.id} no longer waits`);
    await this.record(ProcessingAction.CREATE, entry, id);
    return this.view(mustExist(await this.repo.find(id), `offer ${id}`));
  }

  /** The resident accepts (the place stays reserved for the placement) or declines with a reason. */
  @Transactional()
  async answer(caller: Caller, id: string, req: AnswerOfferRequest): Promise<OfferView> {
    const offer = await this.visibleOffer(caller, id, true);
    requireActFor(caller, offer.municipality, 'municipality');
    if (offer.status !== 'OPEN') throw OfferError.conflict(OfferErrorCode.OFFER_NOT_OPEN, `offer ${id} is ${offer.status.toLowerCase()}`);
    const today = this.clock.today();
    const answeredOn = req.answeredOn ?? today;
    if (answeredOn > today) throw OfferError.invalidField(OfferErrorCode.ANSWERED_IN_FUTURE, 'answeredOn', `answeredOn lies after today (${today})`, 422);
    if (answeredOn < offer.offeredOn) throw OfferError.invalidField(OfferErrorCode.ANSWERED_BEFORE_OFFERED, 'answeredOn', `the offer was made on ${offer.offeredOn}`, 422);
    const entry = mustExist(await this.waitingList.entry(offer.entryId, true), `entry ${offer.entryId}`);
    if (req.accepted) {
      await this.repo.answer(id, { status: 'ACCEPTED', answeredOn, reason: req.reason ?? null, answeredBy: actorOf(caller) });
      await this.waitingList.move(entry.id, ['OFFERED'], 'ACCEPTED');
    } else {
      await this.repo.answer(id, { status: 'DECLINED', answeredOn, reason: mustExist(req.reason, 'reason'), answeredBy: actorOf(caller) });
      await this.waitingList.move(entry.id, ['OFFERED'], 'WAITING');
      await this.facilities.move(offer.placeId, ['RESERVED'], 'FREE');
    }
    await this.record(ProcessingAction.UPDATE, entry, id);
    return this.view(mustExist(await this.repo.find(id), `offer ${id}`));
  }

  /** The officer takes an open or accepted offer back: the place is free again, the entry waits. */
  @Transactional()
  async withdraw(caller: Caller, id: string, reason: string): Promise<OfferView> {
    const offer = await this.visibleOffer(caller, id, true);
    requireActFor(caller, offer.municipality, 'municipality');
    if (offer.status !== 'OPEN' && offer.status !== 'ACCEPTED') throw OfferError.conflict(OfferErrorCode.OFFER_NOT_OPEN, `offer ${id} is ${offer.status.toLowerCase()}`);
    await this.repo.answer(id, { status: 'WITHDRAWN', answeredOn: this.clock.today(), reason, answeredBy: actorOf(caller) });
    await this.waitingList.move(offer.entryId, ['OFFERED', 'ACCEPTED'], 'WAITING');
    await this.facilities.move(offer.placeId, ['RESERVED'], 'FREE');
    return this.view(mustExist(await this.repo.find(id), `offer ${id}`));
  }

  async get(caller: Caller, id: string): Promise<OfferView> {
    const offer = await this.visibleOffer(caller, id);
    await this.record(ProcessingAction.READ, mustExist(await this.waitingList.entry(offer.entryId), `entry ${offer.entryId}`), offer.id);
    return this.view(offer);
  }

  async list(caller: Caller, q: OfferListQuery): Promise<Page<OfferView>> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({
      municipalities: q.municipality ? [q.municipality] : caller.municipalities,
      status: q.status,
      stalledOn: q.stalled === 'true' ? this.clock.today() : undefined,
      entryId: q.entryId,
      after: decodeCursor<{ id: string }>(q.cursor)?.id,
      limit: limit + 1,
    });
    // Offers of entries the caller may not see (a safety flag) are left out; the page may run short.
    const entries = await this.waitingList.visibleEntries(caller, rows.map((o) => o.entryId));
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    const items = page.items.filter((o) => entries.has(o.entryId));
    for (const o of items) await this.record(ProcessingAction.READ, mustExist(entries.get(o.entryId), 'entry'), o.id);
    return { items: items.map((o) => this.view(o)), nextCursor: page.nextCursor };
  }

  // For placements.

  /** The accepted offer a placement starts from (locked). */
  async acceptedOffer(caller: Caller, id: string): Promise<OfferEntity> {
    const offer = await this.visibleOffer(caller, id, true);
    if (offer.status !== 'ACCEPTED') throw OfferError.invalidField(OfferErrorCode.OFFER_NOT_OPEN, 'offerId', `offer ${id} is ${offer.status.toLowerCase()}: a placement starts from an accepted offer`, 409);
    return offer;
  }

  async markPlaced(id: string, on: IsoDate, caller: Caller): Promise<void> {
    const offer = mustExist(await this.repo.find(id), `offer ${id}`);
    await this.repo.answer(id, { status: 'PLACED', answeredOn: offer.answeredOn ?? on, reason: offer.reason, answeredBy: actorOf(caller) });
  }

  private async release(entry: WaitlistEntryEntity, reason: string): Promise<void> {
    const offer = await this.repo.heldByEntry(entry.id);
    if (!offer) return;
    await this.repo.answer(offer.id, { status: 'WITHDRAWN', answeredOn: this.clock.today(), reason, answeredBy: null });
    await this.facilities.move(offer.placeId, ['RESERVED'], 'FREE');
  }

  private async visibleEntry(caller: Caller, id: string): Promise<WaitlistEntryEntity> {
    const entry = await this.waitingList.entry(id, true);
    const visible = entry ? await this.waitingList.visibleTo(caller, entry) : false;
    return foundOr404(visible ? entry : undefined, () => DomainError.invalidField(WaitingListErrorCode.ENTRY_NOT_FOUND, 'entryId', `no waiting-list entry ${id} among yours`, 404));
  }

  private async visibleOffer(caller: Caller, id: string, lock = false): Promise<OfferEntity> {
    const offer = await this.repo.find(id, lock);
    if (!offer) throw OfferError.missing(id);
    const entry = await this.waitingList.entry(offer.entryId);
    const visible = entry ? await this.waitingList.visibleTo(caller, entry) : false;
    return foundOr404(visible ? offer : undefined, () => OfferError.missing(id));
  }

  private async record(action: ProcessingAction, entry: WaitlistEntryEntity, offerId: string): Promise<void> {
    await this.log.record({ pseudonym: entry.personPseudonym, action, purpose: Purpose.MATCHING, legalBasis: WMO_PROCESSING, resource: 'offer', resourceId: offerId, municipality: entry.municipality });
  }

  private view(o: OfferEntity): OfferView {
    const today = this.clock.today();
    return {
      id: o.id,
      placeId: o.placeId,
      entryId: o.entryId,
      municipality: o.municipality,
      facilityMunicipality: o.facilityMunicipality,
      facilityType: o.facilityType as FacilityType,
      status: o.status,
      offeredOn: o.offeredOn,
      answerDue: o.answerDue,
      stalled: isStalled(o, today),
      workingDaysOverdue: o.status === 'OPEN' ? workingDaysOverdue(o.answerDue, today) : 0,
      answeredOn: o.answeredOn,
      reason: o.reason,
      version: o.version,
    };
  }
}

function held(code: OfferErrorCode, field: string, reason: string): OfferError {
  return new OfferError(code, reason, 409, [{ name: field, code, reason }]);
}

function placeMissing(id: string): DomainError {
  return DomainError.invalidField(FacilityErrorCode.PLACE_NOT_FOUND, 'placeId', `no place ${id} among yours`, 404);
}
