import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingEntry, ProcessingLog, pseudonymize, requireActFor, requireRole } from '@vangnet/auth';
import {
  DomainError,
  HOUSEHOLD_CHANGED_V1,
  IsoDate,
  PERSON_IDENTITY_GET,
  PERSON_RESOLVE,
  PERSON_SAFETY_FLAG_CHANGED_V1,
  PersonIdentityReply,
  PersonIdentityRequest,
  PersonRequestErrorCode,
  PersonResolveReply,
  PersonResolveRequest,
  PersonSafetyFlagChangedV1,
} from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, checkIfMatch, Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { notAfterToday } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CreateHouseholdRequest, CreatePersonRequest, HouseholdMemberChange, HouseholdMemberInput, HouseholdView, PersonView, UpdatePersonRequest } from './persons.dto';
import { PersonError, PersonErrorCode } from './persons.errors';
import { PersonEntity, PersonRecordEntity } from './persons.entity';
import { HouseholdRow, NO_FACTS, PersonFacts, PersonRow, PersonsRepository } from './persons.repository';
import { householdEvent, IDENTITY_CALLERS, IDENTITY_PURPOSES, identityOf } from './persons.rules';

/** The person as the record's municipality knows them (ADR 0051): never which other municipalities know them, nor their flags. */
export function toPersonView(p: PersonRow): PersonView {
  const r = p.record;
  return {
    id: p.id,
    bsn: p.bsn,
    municipality: r.municipality,
    ...factsOf(r),
    outboundBlocked: p.outboundBlocked,
    households: p.households,
    version: r.version,
  };
}

/**
 * The person a case names: by id, with `knownBy` the caller's municipality whose record it is (a
 * case in another of the caller's municipalities starts from those facts); by BSN, the identity only.
 */
export interface ResolvedPerson {
  id: string;
  bsn: string;
  knownBy?: string;
}

/** What one municipality knows of a person, for another feature's rules (no scope and no log: the feature does both). */
export type PersonInMunicipality = PersonFacts & { id: string; bsn: string };

function factsOf(r: PersonRecordEntity): PersonFacts {
  return {
    givenName: r.givenName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    brpMunicipality: r.brpMunicipality,
    originMunicipality: r.originMunicipality,
    residence: r.residence,
    safetyFlag: r.safetyFlag,
  };
}

// Households announced per transaction by the backfill.
const HOUSEHOLD_BATCH = 100;

@Injectable()
export class PersonsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly backfill: BackgroundJob<number>;

  constructor(
    private readonly persons: PersonsRepository,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.backfill = BackgroundJob.draining('HouseholdBackfill', { batch: () => this.announceBatch(), batchSize: HOUSEHOLD_BATCH, txHost });
  }

  onApplicationBootstrap(): void {
    // Once at start: households that exist from before access.household.changed.v1, or whose announcement was missed.
    this.backfill.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backfill.stop();
  }

  /**
   * Records the person for a municipality of the caller. A BSN already known elsewhere in the region
   * is linked silently and answered as a new person would be (ARCHITECTURE §6: no "already exists"
   * oracle); 409 only when this municipality already recorded them.
   */
  @Transactional()
  async create(caller: Caller, req: CreatePersonRequest): Promise<PersonView> {
    requireActFor(caller, req.municipality, 'municipality');
    // A birth date has happened: never after today (today itself is a newborn).
    if (req.birthDate) notAfterToday(req.birthDate, this.clock.today(), 'birthDate');
    const { id } = await this.persons.identify(req.bsn);
    const blockedBefore = req.safetyFlag ? await this.persons.outboundBlocked(id) : false;
    const inserted = await this.persons.insertRecord(id, req.municipality, {
      givenName: req.givenName ?? null,
      familyName: req.familyName,
      birthDate: req.birthDate ?? null,
      brpMunicipality: req.brpMunicipality ?? null,
      originMunicipality: req.originMunicipality ?? null,
      residence: req.residence ?? null,
      safetyFlag: req.safetyFlag ?? false,
    });
    if (!inserted) {
      // The caller's own duplicate: its municipality already recorded this BSN, so naming the person reveals nothing.
      throw DomainError.conflict(PersonErrorCode.PERSON_ALREADY_EXISTS, `${req.municipality} already recorded a person with this BSN: ${id}`, [
        { name: 'bsn', code: PersonErrorCode.PERSON_ALREADY_EXISTS, reason: `already recorded for ${req.municipality}` },
      ]);
    }
    await this.log.record({
      bsn: req.bsn,
      action: ProcessingAction.CREATE,
      purpose: Purpose.IDENTIFY,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: id,
      municipality: req.municipality,
    });
    if (req.safetyFlag && !blockedBefore) await this.publishOutboundBlocked(id, req.bsn, true, this.clock.today(), req.municipality);
    return toPersonView(mustExist(await this.callersRow(caller, { id }, req.municipality), 'the record just made'));
  }

  /** Find by BSN: at most one, as the caller's own municipality knows them; nothing when none of them does, whoever else might. */
  async findByBsn(caller: Caller, bsn: string, municipality?: string): Promise<{ items: PersonView[] }> {
    requireRole(caller, ...CASE_READERS);
    const row = await this.callersRow(caller, { bsn }, municipality);
    if (!row) return { items: [] };
    await this.logRead(row);
    return { items: [toPersonView(row)] };
  }

  async get(caller: Caller, id: string, municipality?: string): Promise<PersonView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.callersRow(caller, { id }, municipality), () => PersonError.missing());
    await this.logRead(row);
    return toPersonView(row);
  }

  /** Changes the caller's own municipality's record; `If-Match` with its ETag. */
  @Transactional()
  async update(caller: Caller, id: string, req: UpdatePersonRequest, ifMatch: string | undefined): Promise<PersonView> {
    if (req.birthDate) notAfterToday(req.birthDate, this.clock.today(), 'birthDate');
    const row = foundOr404(await this.callersRow(caller, { id }, req.municipality, true), () => PersonError.missing());
    const record = row.record;
    const tenant = record.municipality;
    requireActFor(caller, tenant, 'municipality');
    checkIfMatch(ifMatch, record.version);
    const next: PersonFacts = {
      givenName: req.givenName ?? record.givenName,
      familyName: req.familyName ?? record.familyName,
      birthDate: req.birthDate ?? record.birthDate,
      brpMunicipality: req.brpMunicipality ?? record.brpMunicipality,
      originMunicipality: req.originMunicipality ?? record.originMunicipality,
      residence: req.residence ?? record.residence,
      safetyFlag: req.safetyFlag ?? record.safetyFlag,
    };
    const changed = (Object.keys(next) as Array<keyof PersonFacts>).some((k) => JSON.stringify(next[k]) !== JSON.stringify(record[k]));
    if (!changed) {
      // Nothing to change, but the answer shows the record: a read.
      await this.logRead(row);
      return toPersonView(row);
    }
    await this.persons.updateRecord(id, tenant, next);
    await this.log.record({
      bsn: row.bsn,
      action: ProcessingAction.UPDATE,
      purpose: next.safetyFlag !== record.safetyFlag ? Purpose.SAFETY : Purpose.IDENTIFY,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: id,
      municipality: tenant,
    });
    if (next.safetyFlag !== record.safetyFlag) {
      // Other services learn whether outbound messages are blocked, not whose flag it is: only a change of that is announced.
      const blocked = await this.persons.outboundBlocked(id);
      if (blocked !== row.outboundBlocked) await this.publishOutboundBlocked(id, row.bsn, blocked, req.changedAt ?? this.clock.today(), tenant);
    }
    return toPersonView(mustExist(await this.callersRow(caller, { id }, tenant), `record ${id}/${tenant}`));
  }

  private async publishOutboundBlocked(personId: string, bsn: string, safetyFlag: boolean, changedAt: IsoDate, municipality: string): Promise<void> {
    const data: PersonSafetyFlagChangedV1 = { personId, personPseudonym: pseudonymize(bsn), safetyFlag, changedAt };
    await this.outbox.publish({ type: PERSON_SAFETY_FLAG_CHANGED_V1, data, municipality });
  }

  /**
   * The person as one of the caller's municipalities knows them: the one asked for, else the
   * caller's own organisation, else the first that recorded them. Undefined when none of the
   * caller's municipalities knows the person. `forUpdate` first locks all of the person's records.
   */
  private async callersRow(caller: Caller, person: { id: string } | { bsn: string }, wanted?: string, forUpdate = false): Promise<PersonRow | undefined> {
    if (forUpdate && 'id' in person) await this.persons.lockRecords(person.id);
    const readable = caller.municipalities.filter((m) => mayRead(caller, { municipalities: [m] }));
    return this.persons.callersView(person, readable, caller.org, wanted);
  }

  /** Every read is logged under the municipality whose record was read (the caller's own). */
  private async logRead(row: PersonRow): Promise<void> {
    await this.log.record({
      bsn: row.bsn,
      action: ProcessingAction.READ,
      purpose: Purpose.IDENTIFY,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: row.id,
      municipality: row.record.municipality,
    });
  }

  /**
   * The person a case is about: by id among those the caller's municipalities know, or by BSN.
   * A BSN is taken as given, known in the region or not (the identity is made if need be): the
   * answer never says whether another municipality knows it. The case's municipality then gets its
   * own record (known by BSN only until it records more).
   */
  async resolve(caller: Caller, ref: { personId?: string; personBsn?: string }, required: boolean): Promise<ResolvedPerson | undefined> {
    if (ref.personId && ref.personBsn) {
      throw DomainError.invalidField(AccessErrorCode.ONE_OF_PERSON_ID_OR_BSN, 'personBsn', 'give personId or personBsn, not both');
    }
    if (ref.personId) {
      const person = await this.persons.findById(ref.personId);
      const mine = person ? (await this.persons.recordsOf(person.id, caller.municipalities)).filter((r) => mayRead(caller, { municipalities: [r.municipality] })) : [];
      const knownBy = (mine.find((r) => r.municipality === caller.org) ?? mine[0])?.municipality;
      return foundOr404(person && knownBy ? { id: person.id, bsn: person.bsn, knownBy } : undefined, () => PersonError.missing('personId'));
    }
    if (ref.personBsn) {
      const { id } = await this.persons.identify(ref.personBsn);
      return { id, bsn: ref.personBsn };
    }
    if (required) throw DomainError.invalidField(AccessErrorCode.REQUIRED, 'personId', 'personId (or personBsn) is required');
    return undefined;
  }

  /** Like resolve, for cases that need the person. */
  async require(caller: Caller, ref: { personId?: string; personBsn?: string }): Promise<ResolvedPerson> {
    return mustExist(await this.resolve(caller, ref, true), 'person');
  }

  /**
   * Brings the person into municipalities' scope (inside the caller's transaction): each gets its
   * own record. With `from` (the municipality whose case brings them, e.g. the deciding one for
   * the paying one), that record's facts are shared, but not its safety flag; otherwise the new
   * record knows the BSN only.
   */
  async addMunicipalities(personId: string, municipalities: string[], from?: string): Promise<void> {
    const wanted = [...new Set(municipalities.filter(Boolean))].filter((m) => m !== from);
    if (!wanted.length) return;
    const source = from ? (await this.persons.recordsOf(personId, [from]))[0] : undefined;
    const facts: PersonFacts = source ? { ...factsOf(source), safetyFlag: false } : NO_FACTS;
    for (const m of wanted) await this.persons.insertRecord(personId, m, facts);
  }

  // For the other features: no scope and no log here; the caller scopes and logs its own read.

  /** The person's identity (another feature already holds the id through its own record). */
  async byId(id: string): Promise<PersonEntity | undefined> {
    return (await this.persons.findById(id)) ?? undefined;
  }

  /** What one municipality knows of the person (nothing but the BSN when it has no record). */
  async inMunicipality(id: string, municipality: string): Promise<PersonInMunicipality | undefined> {
    const person = await this.persons.findById(id);
    if (!person) return undefined;
    const record = (await this.persons.recordsOf(id, [municipality]))[0];
    return { id, bsn: person.bsn, ...(record ? factsOf(record) : NO_FACTS) };
  }

  /** The BSN of a person, for the processing log of a read or change of their case. */
  async bsnOf(id: string): Promise<string | undefined> {
    return (await this.byId(id))?.bsn;
  }

  /** The BSNs of several persons, by id. */
  async bsnsOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.persons.findMany([...new Set(ids)]);
    return new Map(rows.map((p) => [p.id, p.bsn]));
  }

  /**
   * One processing-log record per row that names a known person (their BSNs looked up at once):
   * each listed task, term or case of a resident is a read of their data (ARCHITECTURE §6), so
   * their access log (AVG art. 15) shows it. A row that names no person yet has no one to log for.
   */
  async logEach<T extends { personId?: string | null }>(rows: T[], entry: (row: T) => Omit<ProcessingEntry, 'bsn' | 'pseudonym'>): Promise<void> {
    const bsns = await this.bsnsOf(rows.flatMap((r) => (r.personId ? [r.personId] : [])));
    await this.log.record(
      rows.flatMap((r) => {
        const bsn = r.personId ? bsns.get(r.personId) : undefined;
        return bsn ? [{ bsn, ...entry(r) }] : [];
      }),
    );
  }

  // Requests from other services ------------------------------------------------------------

  /**
   * access.person.identity.get: the identity as the municipality asked knows it, only for the
   * exchange and housing (until per-service NATS users exist, by the service named in the request's
   * headers). A person that municipality does not know is PERSON_NOT_FOUND whoever else knows them.
   * `safetyFlag` says whether outbound messages are blocked (any municipality's flag), not whose.
   * Every answer writes a processing-log record with the purpose asked.
   */
  @Transactional()
  async identity(callerService: string | undefined, req: PersonIdentityRequest): Promise<PersonIdentityReply> {
    requireIdentityCaller(callerService, PERSON_IDENTITY_GET);
    const person = await this.persons.findById(req.personId);
    const record = person ? (await this.persons.recordsOf(person.id, [req.municipality]))[0] : undefined;
    const known = foundOr404(person && record ? { person, record } : undefined, personNotKnown);
    const identity = identityOf({ bsn: known.person.bsn, ...factsOf(known.record), safetyFlag: await this.persons.outboundBlocked(known.person.id) });
    if (!identity) throw new PersonError(PersonErrorCode.IDENTITY_INCOMPLETE, 'the person is known by BSN only; record their name first', 422);
    const why = IDENTITY_PURPOSES[req.purpose];
    await this.log.record({
      bsn: known.person.bsn,
      action: ProcessingAction.READ,
      purpose: `${why.purpose} (${callerService})`,
      legalBasis: why.legalBasis,
      resource: 'person',
      resourceId: known.person.id,
      municipality: req.municipality,
    });
    return identity;
  }

  /**
   * access.person.resolve: the person with this BSN, brought into the municipality's scope (a
   * record of its own, BSN only), or created for it. The answer is the same whether the BSN was
   * known elsewhere in the region or not (ARCHITECTURE §6: no "already exists" oracle).
   */
  @Transactional()
  async resolveBsn(callerService: string | undefined, req: PersonResolveRequest): Promise<PersonResolveReply> {
    requireIdentityCaller(callerService, PERSON_RESOLVE);
    const { id } = await this.persons.identify(req.bsn);
    const linked = await this.persons.insertRecord(id, req.municipality, NO_FACTS);
    await this.log.record({
      bsn: req.bsn,
      action: linked ? ProcessingAction.CREATE : ProcessingAction.UPDATE,
      purpose: `${Purpose.IDENTIFY} (a message from ${callerService})`,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: id,
      municipality: req.municipality,
    });
    return { personId: id, personPseudonym: pseudonymize(req.bsn) };
  }

  // Households ---------------------------------------------------------------------------------

  @Transactional()
  async createHousehold(caller: Caller, req: CreateHouseholdRequest): Promise<HouseholdView> {
    requireActFor(caller, req.municipality, 'municipality');
    const members = await this.checkMembers(caller, req.members, 'members', req.municipality);
    const id = randomUUID();
    const today = this.clock.today();
    await this.persons.insertHousehold(id, req.municipality, req.members.map((m) => ({ personId: m.personId, role: m.role, from: m.from ?? today })));
    await this.logHousehold(members, id, req.municipality, ProcessingAction.CREATE);
    return this.householdView(await this.announce(id));
  }

  @Transactional()
  async addMember(caller: Caller, householdId: string, member: HouseholdMemberInput): Promise<HouseholdView> {
    const household = foundOr404(await this.persons.findHousehold(householdId, true), householdMissing, (h) => mayRead(caller, { municipalities: [h.municipality] }));
    requireActFor(caller, household.municipality, 'municipality');
    if (household.members.some((m) => m.personId === member.personId)) {
      throw DomainError.conflict(PersonErrorCode.ALREADY_A_MEMBER, 'the person is already a member', [
        { name: 'personId', code: PersonErrorCode.ALREADY_A_MEMBER, reason: 'already a member of this household' },
      ]);
    }
    const [person] = await this.checkMembers(caller, [member], '', household.municipality);
    await this.persons.addMembers(householdId, [{ personId: member.personId, role: member.role, from: member.from ?? this.clock.today() }]);
    await this.logHousehold([person], householdId, household.municipality, ProcessingAction.UPDATE);
    return this.householdView(await this.announce(householdId));
  }

  /** Another role, or the last day of a membership; `If-Match` with the household's ETag when given. */
  @Transactional()
  async changeMember(caller: Caller, householdId: string, personId: string, change: HouseholdMemberChange, ifMatch?: string): Promise<HouseholdView> {
    const household = foundOr404(await this.persons.findHousehold(householdId, true), householdMissing, (h) => mayRead(caller, { municipalities: [h.municipality] }));
    requireActFor(caller, household.municipality, 'municipality');
    if (ifMatch !== undefined) checkIfMatch(ifMatch, household.version);
    const member = household.members.find((m) => m.personId === personId);
    if (!member) throw new PersonError(PersonErrorCode.NOT_A_MEMBER, 'the person is not a member of this household', 404);
    if (change.to !== undefined && change.to < member.from) {
      throw DomainError.invalidField(AccessErrorCode.END_BEFORE_START, 'to', `to lies before the membership's start (${member.from})`);
    }
    const next = { role: change.role ?? member.role, to: change.to ?? member.to };
    if (next.role === member.role && next.to === member.to) throw DomainError.invalidField(PersonErrorCode.NOTHING_TO_CHANGE, 'role', 'the change changes nothing', 422);
    await this.persons.updateMember(householdId, personId, next);
    const persons = await this.persons.findMany([personId]);
    await this.logHousehold(persons, householdId, household.municipality, ProcessingAction.UPDATE);
    return this.householdView(await this.announce(householdId));
  }

  async getHousehold(caller: Caller, id: string): Promise<HouseholdView> {
    requireRole(caller, ...CASE_READERS);
    const household = foundOr404(await this.persons.findHousehold(id), householdMissing, (h) => mayRead(caller, { municipalities: [h.municipality] }));
    const persons = await this.persons.findMany(household.members.map((m) => m.personId));
    await this.logHousehold(persons, id, household.municipality, ProcessingAction.READ);
    return this.householdView(household);
  }

  /** A household in the caller's municipalities (no log: the caller already holds its id). */
  async householdInScope(caller: Caller, id: string): Promise<HouseholdView | undefined> {
    const household = await this.persons.findHousehold(id);
    return household && mayRead(caller, { municipalities: [household.municipality] }) ? this.householdView(household) : undefined;
  }

  /**
   * The backfill of the first deployment (and a safety net after it): every household whose
   * latest version was never announced is published once, in batches, each batch in its own
   * transaction with its outbox rows. Runs at start; idempotent, and replicas skip each other's rows.
   */
  announceUnannounced(): Promise<number> {
    return this.backfill.run();
  }

  private async announceBatch(): Promise<number> {
    const due = await this.persons.unannounced(HOUSEHOLD_BATCH);
    for (const h of due) await this.announce(h.id);
    return due.length;
  }

  /** Publishes the household as it now is (in the caller's transaction) and records the version announced. */
  private async announce(householdId: string): Promise<HouseholdRow> {
    const household = mustExist(await this.persons.findHousehold(householdId), `household ${householdId}`);
    const ids = household.members.map((m) => m.personId);
    const [persons, records] = await Promise.all([this.persons.findMany(ids), this.persons.recordsIn(ids, household.municipality)]);
    // The birth date as the household's municipality recorded it.
    const byId = new Map(persons.map((p) => [p.id, { birthDate: records.get(p.id)?.birthDate ?? null, pseudonym: pseudonymize(p.bsn) }]));
    const data = householdEvent(household, household.members, byId, this.clock.today());
    await this.outbox.publish({ type: HOUSEHOLD_CHANGED_V1, data, municipality: household.municipality });
    await this.persons.markAnnounced(household.id, household.version);
    return household;
  }

  /** Every member must be known to the household's municipality (its own record of them). */
  private async checkMembers(caller: Caller, members: HouseholdMemberInput[], path: string, municipality: string): Promise<PersonEntity[]> {
    const name = (i: number) => (path ? `${path}[${i}].personId` : 'personId');
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (seen.has(m.personId)) throw DomainError.invalidField(PersonErrorCode.DUPLICATE_MEMBER, name(i), 'a person can be a member only once');
      seen.add(m.personId);
    });
    const ids = members.map((m) => m.personId);
    const [rows, records] = await Promise.all([this.persons.findMany(ids), this.persons.recordsIn(ids, municipality)]);
    members.forEach((m, i) => {
      foundOr404(rows.find((r) => r.id === m.personId && records.has(r.id)), () => PersonError.missing(name(i)), () => mayRead(caller, { municipalities: [municipality] }));
    });
    return rows;
  }

  private async logHousehold(persons: PersonEntity[], householdId: string, municipality: string, action: ProcessingAction): Promise<void> {
    await this.log.record(
      persons.map((p) => ({ bsn: p.bsn, action, purpose: Purpose.HOUSEHOLD, legalBasis: legalBasis(), resource: 'household', resourceId: householdId, municipality })),
    );
  }

  private householdView(h: HouseholdRow): HouseholdView {
    return { id: h.id, municipality: h.municipality, members: h.members.map((m) => ({ personId: m.personId, role: m.role, from: m.from, to: m.to })), version: h.version };
  }
}

/** Only the exchange and housing ask for persons (ARCHITECTURE §2): any other caller gets a coded refusal, never a timeout. */
function requireIdentityCaller(callerService: string | undefined, subject: string): void {
  if (!callerService || !IDENTITY_CALLERS.includes(callerService)) {
    throw new DomainError(PersonRequestErrorCode.CALLER_NOT_ALLOWED, `${subject} is answered only to ${IDENTITY_CALLERS.join(' and ')}, not to ${callerService ?? 'a caller without a service identity'}`, 403);
  }
}

const personNotKnown = () => new DomainError(PersonRequestErrorCode.PERSON_NOT_FOUND, 'no such person known to this municipality', 404);

const householdMissing = () => DomainError.notFound(PersonErrorCode.HOUSEHOLD_NOT_FOUND, 'no such household in your municipalities');
