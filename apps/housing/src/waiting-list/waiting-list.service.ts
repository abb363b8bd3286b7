import { Injectable } from '@nestjs/common';
import { actorOf, Caller, ProcessingAction, ProcessingLog, pseudonymize, requireActFor, requireRead } from '@vangnet/auth';
import {
  addDays,
  EndReason,
  FacilityType,
  HouseholdChangedV1,
  IsoDate,
  maxDate,
  minDate,
  PersonSafetyFlagChangedV1,
  PlaceFeature,
  ProvisionEndedV1,
  ProvisionGrantedV1,
  WAITLIST_ENTERED_V1,
  WAITLIST_LEFT_V1,
  WaitlistEnteredV1,
  WaitlistLeftReason,
  WaitlistLeftV1,
} from '@vangnet/contracts';
import { Outbox, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, Clock, decodeCursor, encodeCursor, foundOr404, mustExist, RegionConfig, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PrioritySchemesService, PublishedScheme } from '../priority-schemes/priority-schemes.service';
import { EntryFacts, explain, FIRST_COME_SCHEME, PriorityFactor, RankedEntry, rankAll, SchemeRules, whatIf as whatIfRules, WhatIfMove } from '../priority-schemes/ranking.rules';
import { SettingsService } from '../settings/settings.service';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import {
  ChangeView,
  CreateEntryRequest,
  DirectListQuery,
  EntryListQuery,
  EntryView,
  ExplanationView,
  LeaveRequest,
  RankedPage,
  SchemeRef,
  UpdateEntryRequest,
  WhatIfOrder,
  WhatIfQuery,
  WhatIfView,
  WhatIfWeightsRequest,
  WhatIfWeightsView,
} from './waiting-list.dto';
import { HouseholdMemberEntity, WaitlistEntryEntity } from './waiting-list.entity';
import { WaitingListError, WaitingListErrorCode } from './waiting-list.errors';
import { EntryChanges, MemberRow, RankRow, WaitingListRepository } from './waiting-list.repository';
import { entryVisible, EntryRoute, EntryStatus, hasChildrenOn, householdSizeOn, isOpen, Membership, reconcile } from './waiting-list.rules';

export type { RankRow } from './waiting-list.repository';

/** The list's order on a date: every open entry of the list ranked within its facility type. */
export interface Ranking {
  on: IsoDate;
  /** The scheme in force; undefined: none yet, ranked first come, first served. */
  scheme: PublishedScheme | undefined;
  rules: SchemeRules;
  entries: Map<string, RankRow>;
  /** Persons with a safety flag. */
  flagged: Set<string>;
  groups: Map<string, RankedEntry[]>;
  byId: Map<string, RankedEntry>;
}

/** Runs inside the transaction that closes an open entry (offers withdraws its open offer). */
export type CloseHook = (entry: WaitlistEntryEntity) => Promise<void>;

@Injectable()
export class WaitingListService {
  private readonly closeHooks: CloseHook[] = [];

  constructor(
    private readonly repo: WaitingListRepository,
    private readonly schemes: PrioritySchemesService,
    private readonly settings: SettingsService,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly region: RegionConfig,
  ) {}

  onClose(hook: CloseHook): void {
    this.closeHooks.push(hook);
  }

  // ---- HTTP -------------------------------------------------------------------------------

  /** A placement officer puts a resident on the list. */
  @Transactional()
  async create(caller: Caller, req: CreateEntryRequest): Promise<EntryView> {
    requireActFor(caller, req.municipality, 'municipality');
    if (!this.region.isMember(req.municipality)) {
      throw WaitingListError.invalidField(WaitingListErrorCode.NOT_IN_REGION, 'municipality', `${req.municipality} is not a member of the region`, 422);
    }
    const pseudonym = this.pseudonymOf(req);
    const today = this.clock.today();
    const waitingSince = req.waitingSince ?? today;
    if (waitingSince > today) throw WaitingListError.invalidField(WaitingListErrorCode.WAITING_SINCE_IN_FUTURE, 'waitingSince', `waitingSince lies after today (${today})`, 422);
    await this.repo.lockPerson(req.personId);
    const existing = await this.repo.openFor(req.personId, req.facilityType);
    if (existing) {
      throw new WaitingListError(WaitingListErrorCode.ENTRY_EXISTS, `the person already waits for ${req.facilityType} (entry ${existing.id})`, 409, undefined, { existingId: existing.id });
    }
    const id = randomUUID();
    await this.repo.insert({
      id,
      route: 'WAITING_LIST',
      status: 'WAITING',
      personId: req.personId,
      personPseudonym: pseudonym,
      municipality: req.municipality,
      responsibleMunicipality: req.responsibleMunicipality ?? req.municipality,
      originMunicipality: req.originMunicipality ?? null,
      facilityType: req.facilityType,
      provisionLineageId: null,
      householdId: req.householdId ?? null,
      waitingSince,
      enteredOn: today,
      urgency: req.urgency ?? 0,
      dischargeFromInstitution: req.dischargeFromInstitution ?? false,
      needs: [...new Set(req.needs ?? [])].sort(),
      interimSupport: req.interimSupport?.description ?? null,
      interimProviderAgb: req.interimSupport?.providerAgb ?? null,
      reassessmentOn: req.reassessmentOn ?? null,
      crisis: false,
      createdBy: actorOf(caller),
    });
    const entry = mustExist(await this.repo.find(id), `entry ${id}`);
    await this.publishEntered(entry);
    await this.record(ProcessingAction.CREATE, [entry]);
    return this.viewOne(entry);
  }

  @Transactional()
  async update(caller: Caller, id: string, req: UpdateEntryRequest, ifMatch?: string): Promise<EntryView> {
    const entry = await this.visibleEntry(caller, id, true);
    requireActFor(caller, entry.municipality, 'municipality');
    checkIfMatch(ifMatch, entry.version);
    if (!isOpen(entry.status)) throw WaitingListError.conflict(WaitingListErrorCode.ENTRY_CLOSED, `entry ${id} left the list on ${entry.leftOn}`);
    const today = this.clock.today();
    if (req.waitingSince !== undefined && req.waitingSince > today) {
      throw WaitingListError.invalidField(WaitingListErrorCode.WAITING_SINCE_IN_FUTURE, 'waitingSince', `waitingSince lies after today (${today})`, 422);
    }
    if (req.facilityType !== undefined && req.facilityType !== entry.facilityType) {
      if (entry.status !== 'WAITING') throw WaitingListError.invalidField(WaitingListErrorCode.ENTRY_NOT_WAITING, 'facilityType', `entry ${id} has an offer; its facility type is fixed until the offer is answered`, 409);
      const other = await this.repo.openFor(entry.personId, req.facilityType);
      if (other) throw new WaitingListError(WaitingListErrorCode.ENTRY_EXISTS, `the person already waits for ${req.facilityType} (entry ${other.id})`, 409, [{ name: 'facilityType', code: WaitingListErrorCode.ENTRY_EXISTS, reason: `entry ${other.id} exists` }], { existingId: other.id });
    }
    const changes: EntryChanges = {};
    if (req.waitingSince !== undefined) changes.waitingSince = req.waitingSince;
    if (req.urgency !== undefined) changes.urgency = req.urgency;
    if (req.dischargeFromInstitution !== undefined) changes.dischargeFromInstitution = req.dischargeFromInstitution;
    if (req.needs !== undefined) changes.needs = [...new Set(req.needs)].sort();
    if (req.interimSupport !== undefined) {
      changes.interimSupport = req.interimSupport?.description ?? null;
      changes.interimProviderAgb = req.interimSupport?.providerAgb ?? null;
    }
    if (req.reassessmentOn !== undefined) changes.reassessmentOn = req.reassessmentOn;
    if (req.originMunicipality !== undefined) changes.originMunicipality = req.originMunicipality;
    if (req.facilityType !== undefined) changes.facilityType = req.facilityType;
    await this.repo.update(id, changes);
    const updated = mustExist(await this.repo.find(id), `entry ${id}`);
    await this.record(ProcessingAction.UPDATE, [updated]);
    return this.viewOne(updated);
  }

  /** The entry leaves the list with a reason (PLACED only through a placement). */
  @Transactional()
  async leave(caller: Caller, id: string, req: LeaveRequest): Promise<EntryView> {
    const entry = await this.visibleEntry(caller, id, true);
    requireActFor(caller, entry.municipality, 'municipality');
    if (!isOpen(entry.status)) throw WaitingListError.conflict(WaitingListErrorCode.ENTRY_CLOSED, `entry ${id} left the list on ${entry.leftOn}`);
    const today = this.clock.today();
    const leftOn = req.leftOn ?? today;
    if (leftOn > today) throw WaitingListError.invalidField(WaitingListErrorCode.LEFT_ON_IN_FUTURE, 'leftOn', `leftOn lies after today (${today})`, 422);
    if (leftOn < entry.enteredOn) throw WaitingListError.invalidField(WaitingListErrorCode.LEFT_BEFORE_ENTERED, 'leftOn', `the entry was made on ${entry.enteredOn}`, 422);
    await this.close(entry, 'LEFT', leftOn, req.reason, req.note ?? null);
    const closed = mustExist(await this.repo.find(id), `entry ${id}`);
    await this.record(ProcessingAction.UPDATE, [closed]);
    return this.viewOne(closed);
  }

  async get(caller: Caller, id: string): Promise<EntryView> {
    const entry = await this.visibleEntry(caller, id);
    await this.record(ProcessingAction.READ, [entry]);
    return this.viewOne(entry);
  }

  /** The list in ranking order (open entries), or closed entries by id; only what the caller may see. */
  async list(caller: Caller, q: EntryListQuery): Promise<RankedPage> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const municipalities = q.municipality ? [q.municipality] : caller.municipalities;
    const limit = q.limit ?? 100;
    const status = q.status ?? 'OPEN';
    if (status === 'PLACED' || status === 'LEFT') {
      const rows = await this.repo.listClosed({ status, municipalities, facilityType: q.facilityType, personId: q.personId, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
      const flagged = await this.repo.flaggedAmong(rows.map((r) => r.personId));
      const page = toPage(
        rows.filter((r) => entryVisible(caller, r, flagged.has(r.personId))),
        limit,
        (last) => ({ id: last.id }),
      );
      await this.record(ProcessingAction.READ, page.items);
      return { items: page.items.map((e) => view(e, undefined)), nextCursor: page.nextCursor, rankedOn: this.clock.today(), scheme: null };
    }
    const ranking = await this.ranking({ facilityType: q.facilityType });
    const after = decodeCursor<{ t: string; p: number }>(q.cursor);
    const selected: Array<{ entry: RankRow; ranked: RankedEntry }> = [];
    for (const group of [...ranking.groups.keys()].sort()) {
      if (after && group < after.t) continue;
      for (const ranked of mustExist(ranking.groups.get(group), `group ${group}`)) {
        if (after && group === after.t && ranked.position <= after.p) continue;
        const entry = mustExist(ranking.entries.get(ranked.id), `entry ${ranked.id}`);
        if (status !== 'OPEN' && entry.status !== status) continue;
        if (q.personId && entry.personId !== q.personId) continue;
        if (!municipalities.includes(entry.municipality) || !entryVisible(caller, entry, ranking.flagged.has(entry.personId))) continue;
        selected.push({ entry, ranked });
        if (selected.length > limit) break;
      }
      if (selected.length > limit) break;
    }
    const items = selected.slice(0, limit);
    const last = items[items.length - 1];
    const full = new Map((await this.repo.findMany(items.map((i) => i.entry.id))).map((e) => [e.id, e]));
    await this.record(
      ProcessingAction.READ,
      items.map((i) => i.entry),
    );
    return {
      items: items.map((i) => view(mustExist(full.get(i.entry.id), `entry ${i.entry.id}`), ranking)),
      nextCursor: selected.length > limit && last ? encodeCursor({ t: last.entry.facilityType, p: last.ranked.position }) : null,
      rankedOn: ranking.on,
      scheme: schemeRef(ranking.scheme),
    };
  }

  /** Why the entry stands where it does, and what would move it (README "Ranking"). */
  async explain(caller: Caller, id: string): Promise<ExplanationView> {
    const entry = await this.visibleEntry(caller, id);
    if (entry.route !== 'WAITING_LIST' || !isOpen(entry.status)) {
      throw WaitingListError.conflict(WaitingListErrorCode.NOT_ON_THE_LIST, `entry ${id} is not on the waiting list (${entry.route === 'DIRECT_PLACEMENT' ? 'a direct placement' : entry.status.toLowerCase()})`);
    }
    const ranking = await this.ranking({ facilityType: entry.facilityType });
    const group = mustExist(ranking.groups.get(entry.facilityType), `group ${entry.facilityType}`);
    const self = mustExist(ranking.byId.get(id), `ranked entry ${id}`);
    const e = explain(ranking.rules, group, self);
    await this.record(ProcessingAction.READ, [entry]);
    return {
      entryId: id,
      facilityType: entry.facilityType as FacilityType,
      rankedOn: ranking.on,
      scheme: { ...(schemeRef(ranking.scheme) ?? FIRST_COME_REF), factors: ranking.rules.factors },
      position: e.position,
      of: group.length,
      score: e.score / 100,
      contributions: e.contributions.map((c) => ({ ...c, points: c.points / 100 })),
      changes: e.changes.map((c) => changeView(c, entry, ranking.rules)),
    };
  }

  /** How a scheme (a draft, usually) would move every entry if it ranked the list today. */
  async whatIf(caller: Caller, schemeId: string, q: WhatIfQuery): Promise<WhatIfView> {
    const candidate = await this.schemes.published(schemeId);
    const current = await this.schemes.inForce(this.clock.today());
    const moved = await this.movesUnder(caller, current, candidate, q);
    return { ...moved, scheme: mustExist(schemeRef(candidate), 'candidate scheme'), current: schemeRef(current) };
  }

  /**
   * The same for weights tried without storing a scheme (the placement officer's what-if form): the
   * factors meet the rules of a new scheme version; the tie-break seed is the scheme in force's
   * unless given, so only the weights move entries.
   */
  async whatIfWeights(caller: Caller, req: WhatIfWeightsRequest): Promise<WhatIfWeightsView> {
    const factors = this.schemes.factorsOf(req.factors);
    const current = await this.schemes.inForce(this.clock.today());
    const weights: SchemeRules = { seed: req.seed ?? current?.seed ?? FIRST_COME_SCHEME.seed, factors };
    const moved = await this.movesUnder(caller, current, weights, req);
    return { ...moved, weights, current: schemeRef(current) };
  }

  /** Every open entry ranked by `current` and by `candidate` today; the moves of those the caller may see, a page of them. */
  private async movesUnder(
    caller: Caller,
    current: SchemeRules | undefined,
    candidate: SchemeRules,
    q: { facilityType?: FacilityType; order?: WhatIfOrder; limit?: number; cursor?: string },
  ): Promise<Omit<WhatIfView, 'scheme' | 'current'>> {
    const on = this.clock.today();
    const entries = await this.repo.openOnList(q.facilityType);
    const facts = factsOf(entries, await this.repo.membersOfOpen(q.facilityType), on);
    const result = whatIfRules(current, candidate, entries.map((e) => ({ id: e.id, group: e.facilityType, facts: mustExist(facts.get(e.id), `facts ${e.id}`) })), on);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const flagged = await this.repo.flaggedPersons();
    const visibleMoves = result.moves.filter((m) => {
      const e = mustExist(byId.get(m.id), `entry ${m.id}`);
      return entryVisible(caller, e, flagged.has(e.personId));
    });
    if (q.order === 'MOVE') visibleMoves.sort(byLargestMove);
    const start = decodeCursor<{ i: number }>(q.cursor)?.i ?? 0;
    const limit = q.limit ?? 1000;
    const page = visibleMoves.slice(start, start + limit);
    await this.record(
      ProcessingAction.READ,
      page.map((m) => mustExist(byId.get(m.id), `entry ${m.id}`)),
    );
    return {
      on,
      summary: result.groups.map((g) => ({ facilityType: g.group, entries: g.entries, up: g.up, down: g.down, same: g.same, largestRise: g.largestRise, largestFall: g.largestFall })),
      items: page.map((m) => {
        const e = mustExist(byId.get(m.id), `entry ${m.id}`);
        return { entryId: m.id, facilityType: m.group, municipality: e.municipality, waitingSince: e.waitingSince, from: m.from, to: m.to };
      }),
      nextCursor: start + limit < visibleMoves.length ? encodeCursor({ i: start + limit }) : null,
    };
  }

  /** Emergency-shelter provisions (category 17) waiting for a direct placement. */
  async direct(caller: Caller, q: DirectListQuery): Promise<{ items: EntryView[]; nextCursor: string | null }> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.directOpen({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const flagged = await this.repo.flaggedAmong(rows.map((r) => r.personId));
    const page = toPage(
      rows.filter((r) => entryVisible(caller, r, flagged.has(r.personId))),
      limit,
      (last) => ({ id: last.id }),
    );
    await this.record(ProcessingAction.READ, page.items);
    return { items: page.items.map((e) => view(e, undefined)), nextCursor: page.nextCursor };
  }

  // ---- Events from access -------------------------------------------------------------------

  /**
   * A granted or changed provision version. The lineage keeps its highest version, so an older
   * or repeated version changes nothing; an ended lineage (whatever came first) creates nothing.
   */
  async applyProvision(data: ProvisionGrantedV1): Promise<void> {
    const lineage = await this.repo.lockLineage(data.lineageId);
    if (lineage.version >= data.version) return;
    await this.repo.updateLineage(data.lineageId, {
      version: data.version,
      provisionId: data.provisionId,
      category: data.product.category,
      productCode: data.product.code ?? null,
      deliveryForm: data.deliveryForm,
      personId: data.personId,
    });
    await this.repo.lockPerson(data.personId);
    const state = { category: data.product.category, productCode: data.product.code ?? null, deliveryForm: data.deliveryForm, endedOn: lineage.endedOn };
    const entry = await this.repo.byLineage(data.lineageId, true);
    const action = reconcile(state, entry ? { route: entry.route, status: entry.status } : undefined);
    const today = this.clock.today();
    switch (action.kind) {
      case 'NONE':
        return;
      case 'CREATE':
        await this.createFromProvision(data, action.route);
        return;
      case 'UPDATE': {
        const current = mustExist(entry, 'entry');
        const facilityType = await this.facilityTypeOf(data);
        await this.repo.update(current.id, {
          responsibleMunicipality: data.responsibleMunicipality,
          originMunicipality: data.originMunicipality ?? current.originMunicipality,
          householdId: data.householdId ?? current.householdId,
          crisis: data.crisis,
          // The type follows the provision while nothing is offered yet.
          ...(current.status === 'WAITING' && !(await this.repo.openFor(current.personId, facilityType)) ? { facilityType } : {}),
        });
        return;
      }
      case 'CLOSE':
        await this.close(mustExist(entry, 'entry'), 'LEFT', maxDate(mustExist(entry, 'entry').enteredOn, today), action.reason, 'the provision is no longer in kind protected housing or shelter');
        return;
      case 'REROUTE':
        await this.close(mustExist(entry, 'entry'), 'LEFT', maxDate(mustExist(entry, 'entry').enteredOn, today), WaitlistLeftReason.NO_LONGER_NEEDED, `the provision now asks for ${action.route === 'DIRECT_PLACEMENT' ? 'a direct placement' : 'the waiting list'}`);
        await this.createFromProvision(data, action.route);
        return;
    }
  }

  /** The whole lineage ended: its open entry leaves the list (a second end changes nothing). */
  async applyProvisionEnd(data: ProvisionEndedV1): Promise<void> {
    const lineage = await this.repo.lockLineage(data.lineageId);
    if (lineage.endedOn !== null) return;
    await this.repo.updateLineage(data.lineageId, { endedOn: data.endDate, endReason: data.reason });
    const entry = await this.repo.byLineage(data.lineageId, true);
    if (!entry) return;
    const state = { category: lineage.category ?? '', productCode: lineage.productCode, deliveryForm: lineage.deliveryForm ?? '', endedOn: data.endDate };
    const action = reconcile(state, { route: entry.route, status: entry.status }, data.reason as EndReason);
    if (action.kind !== 'CLOSE') return;
    const leftOn = maxDate(entry.enteredOn, minDate(data.endDate, this.clock.today()));
    await this.close(entry, 'LEFT', leftOn, action.reason, `the provision ended on ${data.endDate}`);
  }

  /** A household as access published it: only a higher version replaces what is kept. */
  async applyHousehold(data: HouseholdChangedV1): Promise<void> {
    const current = await this.repo.household(data.householdId, true);
    if (current && current.version >= data.version) return;
    await this.repo.replaceHousehold(
      { id: data.householdId, municipality: data.municipality, version: data.version },
      // One row per (person, from): a repeated membership in the event counts once.
      [...new Map(data.members.map((m) => [`${m.personId}|${m.from}`, m])).values()].map((m) => ({
        householdId: data.householdId,
        personId: m.personId,
        validFrom: m.from,
        validTo: m.to ?? null,
        role: m.role,
        minorOn: m.minorOn ?? null,
      })),
    );
  }

  async applySafetyFlag(data: PersonSafetyFlagChangedV1): Promise<void> {
    await this.repo.upsertFlag({ personId: data.personId, safetyFlag: data.safetyFlag, changedAt: data.changedAt });
  }

  // ---- For offers, placements, matching, nominations and the monitor ---------------------------

  /** The list ranked on `on` (today): every open entry, or one facility type's. */
  async ranking(opts: { facilityType?: string; on?: IsoDate } = {}): Promise<Ranking> {
    const on = opts.on ?? this.clock.today();
    const scheme = await this.schemes.inForce(on);
    const rules: SchemeRules = scheme ?? FIRST_COME_SCHEME;
    const rows = await this.repo.openOnList(opts.facilityType);
    const facts = factsOf(rows, await this.repo.membersOfOpen(opts.facilityType), on);
    const groups = rankAll(rules, rows.map((e) => ({ id: e.id, group: e.facilityType, facts: mustExist(facts.get(e.id), `facts ${e.id}`) })), on);
    const byId = new Map<string, RankedEntry>();
    for (const list of groups.values()) for (const r of list) byId.set(r.id, r);
    return { on, scheme, rules, entries: new Map(rows.map((e) => [e.id, e])), flagged: await this.repo.flaggedPersons(), groups, byId };
  }

  entry(id: string, lock = false): Promise<WaitlistEntryEntity | undefined> {
    return this.repo.find(id, lock);
  }

  /** These entries, those the caller may see (offers list them). */
  async visibleEntries(caller: Caller, ids: string[]): Promise<Map<string, WaitlistEntryEntity>> {
    const rows = await this.repo.findMany([...new Set(ids)]);
    const flagged = await this.repo.flaggedAmong(rows.map((r) => r.personId));
    return new Map(rows.filter((r) => entryVisible(caller, r, flagged.has(r.personId))).map((r) => [r.id, r]));
  }

  /** May the caller see this entry (its municipality, and the safety-flag rule)? */
  async visibleTo(caller: Caller, entry: WaitlistEntryEntity): Promise<boolean> {
    const flag = await this.repo.flag(entry.personId);
    return entryVisible(caller, entry, flag?.safetyFlag ?? false);
  }

  /** Entry status moves for offers: false when the entry was not in one of `from`. */
  move(id: string, from: EntryStatus[], to: EntryStatus): Promise<boolean> {
    return this.repo.moveStatus(id, from, to);
  }

  /** A placement started for the entry: it leaves the list as PLACED. */
  async markPlaced(entry: WaitlistEntryEntity, on: IsoDate): Promise<void> {
    await this.close(entry, 'PLACED', maxDate(entry.enteredOn, on), WaitlistLeftReason.PLACED, null, false);
  }

  /** The household's size on `on` (the resident included). */
  async householdSize(personId: string, householdId: string | null, on: IsoDate): Promise<number> {
    const members = await this.repo.membersFor(householdId ? [householdId] : [], [personId]);
    return householdSizeOn(householdMembersOf(members, personId, householdId), on, personId);
  }

  async safetyFlagged(personId: string): Promise<boolean> {
    return (await this.repo.flag(personId))?.safetyFlag ?? false;
  }

  /** Every entry ever on the list, for the monitor's waiting times. */
  allOnList(): Promise<WaitlistEntryEntity[]> {
    return this.repo.allOnList();
  }

  /** When each of these lineages ended (absent: still running or unknown). */
  async lineageEnds(lineageIds: string[]): Promise<Map<string, IsoDate>> {
    const ends = new Map<string, IsoDate>();
    for (const id of [...new Set(lineageIds)]) {
      const l = await this.repo.lineage(id);
      if (l?.endedOn) ends.set(id, l.endedOn);
    }
    return ends;
  }

  // ---- Internals ------------------------------------------------------------------------------

  private pseudonymOf(req: CreateEntryRequest): string {
    const fromBsn = req.bsn ? pseudonymize(req.bsn) : undefined;
    if (fromBsn && req.personPseudonym && fromBsn !== req.personPseudonym) {
      throw new ValidationFailedError([{ name: 'personPseudonym', code: WaitingListErrorCode.PSEUDONYM_MISMATCH, reason: 'the pseudonym is not that of the BSN given' }]);
    }
    return mustExist(fromBsn ?? req.personPseudonym, 'pseudonym');
  }

  private async visibleEntry(caller: Caller, id: string, lock = false): Promise<WaitlistEntryEntity> {
    const entry = await this.repo.find(id, lock);
    const visible = entry ? await this.visibleTo(caller, entry) : false;
    return foundOr404(visible ? entry : undefined, () => WaitingListError.missing(id));
  }

  private async facilityTypeOf(data: ProvisionGrantedV1): Promise<FacilityType> {
    return mustExist(await this.settings.facilityTypeFor(data.product.category, data.product.code), `the facility-type mapping of category ${data.product.category}`);
  }

  private async createFromProvision(data: ProvisionGrantedV1, route: EntryRoute): Promise<void> {
    const facilityType = await this.facilityTypeOf(data);
    // An officer may have put the person on the list before the decision: that entry takes the lineage.
    const manual = await this.repo.openFor(data.personId, facilityType);
    if (manual && route === 'WAITING_LIST' && manual.route === 'WAITING_LIST' && manual.provisionLineageId === null) {
      await this.repo.update(manual.id, {
        provisionLineageId: data.lineageId,
        responsibleMunicipality: data.responsibleMunicipality,
        originMunicipality: data.originMunicipality ?? manual.originMunicipality,
        householdId: data.householdId ?? manual.householdId,
        crisis: data.crisis,
      });
      return;
    }
    if (manual) return; // already waiting for this type under another lineage: one entry per person and type
    const today = this.clock.today();
    const entry: WaitlistEntryEntity = {
      id: randomUUID(),
      route,
      status: 'WAITING',
      personId: data.personId,
      personPseudonym: data.personPseudonym,
      municipality: data.municipality,
      responsibleMunicipality: data.responsibleMunicipality,
      originMunicipality: data.originMunicipality ?? null,
      facilityType,
      provisionLineageId: data.lineageId,
      householdId: data.householdId ?? null,
      // Waiting counts from the provision's start (never after today).
      waitingSince: minDate(data.period.start, today),
      enteredOn: today,
      urgency: 0,
      dischargeFromInstitution: false,
      needs: [],
      interimSupport: null,
      interimProviderAgb: null,
      reassessmentOn: null,
      crisis: data.crisis,
      leftOn: null,
      leftReason: null,
      leftNote: null,
      version: 1,
      createdBy: `event:${data.provisionId}`,
      createdAt: new Date(),
    };
    const { version: _v, createdAt: _c, leftOn: _l, leftReason: _r, leftNote: _n, ...row } = entry;
    await this.repo.insert(row);
    if (route === 'WAITING_LIST') await this.publishEntered(entry);
  }

  private async close(entry: WaitlistEntryEntity, status: 'LEFT' | 'PLACED', leftOn: IsoDate, reason: WaitlistLeftReason, note: string | null, runHooks = true): Promise<void> {
    if (runHooks && entry.status !== 'WAITING') for (const hook of this.closeHooks) await hook(entry);
    await this.repo.update(entry.id, { status, leftOn, leftReason: reason, leftNote: note });
    if (entry.route !== 'WAITING_LIST') return;
    const data: WaitlistLeftV1 = { entryId: entry.id, leftOn, reason };
    await this.outbox.publish({ type: WAITLIST_LEFT_V1, data, municipality: entry.municipality });
  }

  private async publishEntered(e: WaitlistEntryEntity): Promise<void> {
    const data: WaitlistEnteredV1 = {
      entryId: e.id,
      personId: e.personId,
      personPseudonym: e.personPseudonym,
      facilityType: e.facilityType as FacilityType,
      municipality: e.municipality,
      responsibleMunicipality: e.responsibleMunicipality,
      enteredOn: e.enteredOn,
    };
    if (e.provisionLineageId) data.provisionLineageId = e.provisionLineageId;
    await this.outbox.publish({ type: WAITLIST_ENTERED_V1, data, municipality: e.municipality });
  }

  private async viewOne(entry: WaitlistEntryEntity): Promise<EntryView> {
    if (entry.route !== 'WAITING_LIST' || !isOpen(entry.status)) return view(entry, undefined);
    return view(entry, await this.ranking({ facilityType: entry.facilityType }));
  }

  private async record(action: ProcessingAction, entries: Array<Pick<WaitlistEntryEntity, 'id' | 'personPseudonym' | 'municipality'>>): Promise<void> {
    await this.log.record(
      entries.map((e) => ({ pseudonym: e.personPseudonym, action, purpose: Purpose.WAITING_LIST, legalBasis: WMO_PROCESSING, resource: 'waitlist-entry', resourceId: e.id, municipality: e.municipality })),
    );
  }
}

/** What each entry's factors weigh, from its row and its household's memberships on `on`. */
function factsOf(entries: RankRow[], members: MemberRow[], on: IsoDate): Map<string, EntryFacts> {
  const byHousehold = new Map<string, MemberRow[]>();
  const householdsOf = new Map<string, Set<string>>();
  for (const m of members) {
    const list = byHousehold.get(m.householdId);
    if (list) list.push(m);
    else byHousehold.set(m.householdId, [m]);
    householdsOf.set(m.personId, (householdsOf.get(m.personId) ?? new Set()).add(m.householdId));
  }
  const facts = new Map<string, EntryFacts>();
  for (const e of entries) {
    const ids = e.householdId ? [e.householdId] : [...(householdsOf.get(e.personId) ?? [])];
    const household = ids.flatMap((id) => byHousehold.get(id) ?? []);
    facts.set(e.id, {
      waitingSince: e.waitingSince,
      urgency: e.urgency,
      householdWithChildren: household.length > 0 && hasChildrenOn(household, on, e.personId),
      dischargeFromInstitution: e.dischargeFromInstitution,
      originMunicipality: e.originMunicipality,
      interimSupport: e.interimSupport,
    });
  }
  return facts;
}

/** Who moves most first (places risen or fallen; a new entry, with no position before, moves 0), then by facility type and new position. */
function byLargestMove(a: WhatIfMove, b: WhatIfMove): number {
  const size = (m: WhatIfMove) => (m.from === null ? 0 : Math.abs(m.from - m.to));
  return size(b) - size(a) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || a.to - b.to;
}

const FIRST_COME_REF: SchemeRef = { id: '', version: 0, name: 'First come, first served (no scheme in force)', seed: FIRST_COME_SCHEME.seed };

function householdMembersOf(members: HouseholdMemberEntity[], personId: string, householdId: string | null): Membership[] {
  const ids = householdId ? new Set([householdId]) : new Set(members.filter((m) => m.personId === personId).map((m) => m.householdId));
  return members.filter((m) => ids.has(m.householdId));
}

function schemeRef(s: PublishedScheme | undefined): SchemeRef | null {
  return s ? { id: s.id, version: s.version, name: s.name, seed: s.seed } : null;
}

function view(e: WaitlistEntryEntity, ranking: Ranking | undefined): EntryView {
  const ranked = ranking?.byId.get(e.id);
  return {
    id: e.id,
    route: e.route,
    status: e.status,
    personId: e.personId,
    personPseudonym: e.personPseudonym,
    municipality: e.municipality,
    responsibleMunicipality: e.responsibleMunicipality,
    originMunicipality: e.originMunicipality,
    facilityType: e.facilityType as FacilityType,
    provisionLineageId: e.provisionLineageId,
    householdId: e.householdId,
    waitingSince: e.waitingSince,
    enteredOn: e.enteredOn,
    urgency: e.urgency,
    dischargeFromInstitution: e.dischargeFromInstitution,
    needs: e.needs as PlaceFeature[],
    interimSupport: e.interimSupport !== null ? { description: e.interimSupport, providerAgb: e.interimProviderAgb } : null,
    reassessmentOn: e.reassessmentOn,
    crisis: e.crisis,
    leftOn: e.leftOn,
    leftReason: e.leftReason,
    leftNote: e.leftNote,
    version: e.version,
    ranking:
      ranking && ranked
        ? {
            position: ranked.position,
            of: mustExist(ranking.groups.get(ranked.group), `group ${ranked.group}`).length,
            score: ranked.score / 100,
            factors: Object.fromEntries(ranking.rules.factors.map((f, i) => [f.factor, ranked.values[i]])),
          }
        : null,
  };
}

/** A change of one factor as the field of the entry that would carry it. */
function changeView(c: { factor: PriorityFactor; from: number; to: number; position: number }, e: WaitlistEntryEntity, rules: SchemeRules): ChangeView {
  const base = { factor: c.factor, from: c.from, to: c.to, position: c.position };
  switch (c.factor) {
    case PriorityFactor.WAITING_DAYS: {
      const since = addDays(e.waitingSince, -(c.to - c.from));
      return { ...base, change: { field: 'waitingSince', value: since }, description: `waiting since ${since} instead of ${e.waitingSince} (${c.to - c.from} days longer) would give position ${c.position}` };
    }
    case PriorityFactor.URGENCY:
      return { ...base, change: { field: 'urgency', value: c.to }, description: `urgency ${c.to} instead of ${c.from} would give position ${c.position}` };
    case PriorityFactor.DISCHARGE_FROM_INSTITUTION:
      return { ...base, change: { field: 'dischargeFromInstitution', value: c.to === 1 }, description: `${c.to === 1 ? 'a' : 'no'} discharge from an institution would give position ${c.position}` };
    case PriorityFactor.NO_INTERIM_SUPPORT:
      return {
        ...base,
        change: { field: 'interimSupport', value: c.to === 1 ? null : { description: 'interim ambulant support' } },
        description: `${c.to === 1 ? 'no' : 'recorded'} interim support would give position ${c.position}`,
      };
    case PriorityFactor.ORIGIN_MUNICIPALITY: {
      const listed = rules.factors.find((f) => f.factor === PriorityFactor.ORIGIN_MUNICIPALITY)?.municipalities ?? [];
      return {
        ...base,
        change: { field: 'originMunicipality', value: c.to === 1 ? (listed[0] ?? null) : null },
        description: `a municipality of origin ${c.to === 1 ? `among ${listed.join(', ')}` : 'outside those the scheme names'} would give position ${c.position}`,
      };
    }
    case PriorityFactor.HOUSEHOLD_WITH_CHILDREN:
      return { ...base, change: { field: 'household', value: c.to === 1 }, description: `a household ${c.to === 1 ? 'with' : 'without'} children (access records the household) would give position ${c.position}` };
  }
}
