import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, pseudonymize, requireActFor, requireRole } from '@vangnet/auth';
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
import { PersonEntity } from './persons.entity';
import { HouseholdRow, PersonRow, PersonsRepository } from './persons.repository';
import { householdEvent, IDENTITY_CALLERS, IDENTITY_PURPOSES, identityOf } from './persons.rules';

export function toPersonView(p: PersonRow): PersonView {
  return {
    id: p.id,
    bsn: p.bsn,
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    brpMunicipality: p.brpMunicipality,
    originMunicipality: p.originMunicipality,
    residence: p.residence,
    safetyFlag: p.safetyFlag,
    municipalities: p.municipalities,
    households: p.households,
    version: p.version,
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

  @Transactional()
  async create(caller: Caller, req: CreatePersonRequest): Promise<PersonView> {
    requireActFor(caller, req.municipality, 'municipality');
    // A birth date has happened: never after today (today itself is a newborn).
    if (req.birthDate) notAfterToday(req.birthDate, this.clock.today(), 'birthDate');
    const id = randomUUID();
    const municipalities = [...new Set([req.municipality, req.brpMunicipality].filter((m): m is string => !!m))].sort();
    const inserted = await this.persons.insert({
      id,
      bsn: req.bsn,
      givenName: req.givenName ?? null,
      familyName: req.familyName,
      birthDate: req.birthDate ?? null,
      brpMunicipality: req.brpMunicipality ?? null,
      originMunicipality: req.originMunicipality ?? null,
      residence: req.residence ?? null,
      safetyFlag: req.safetyFlag ?? false,
      municipalities,
    });
    if (!inserted) {
      // One person across the region. Say which only to a caller who may see them.
      const existing = await this.persons.findByBsn(req.bsn);
      const visible = existing && mayRead(caller, { municipalities: existing.municipalities });
      throw DomainError.conflict(
        PersonErrorCode.PERSON_ALREADY_EXISTS,
        visible
          ? `a person with this BSN exists: ${existing.id}`
          : 'a person with this BSN exists in the region; register a case for them with personBsn to bring them into your municipality',
        [{ name: 'bsn', code: PersonErrorCode.PERSON_ALREADY_EXISTS, reason: 'one person per BSN across the region' }],
      );
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
    if (req.safetyFlag) await this.publishSafetyFlag(id, req.bsn, true, this.clock.today(), req.municipality);
    return toPersonView(mustExist(await this.persons.findById(id), `person ${id}`));
  }

  /** Find by BSN: at most one, and only within the caller's municipalities. */
  async findByBsn(caller: Caller, bsn: string): Promise<{ items: PersonView[] }> {
    requireRole(caller, ...CASE_READERS);
    const row = await this.persons.findByBsn(bsn);
    if (!row || !mayRead(caller, { municipalities: row.municipalities })) return { items: [] };
    await this.logRead(caller, row);
    return { items: [toPersonView(row)] };
  }

  async get(caller: Caller, id: string): Promise<PersonView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.persons.findById(id), () => PersonError.missing(), (r) => mayRead(caller, { municipalities: r.municipalities }));
    await this.logRead(caller, row);
    return toPersonView(row);
  }

  @Transactional()
  async update(caller: Caller, id: string, req: UpdatePersonRequest, ifMatch: string | undefined): Promise<PersonView> {
    if (req.birthDate) notAfterToday(req.birthDate, this.clock.today(), 'birthDate');
    const row = foundOr404(await this.persons.findById(id, true), () => PersonError.missing(), (r) => mayRead(caller, { municipalities: r.municipalities }));
    checkIfMatch(ifMatch, row.version);
    const tenant = mustExist(caller.municipalities.find((m) => row.municipalities.includes(m)), 'a municipality of the caller and the person');
    const next = {
      givenName: req.givenName ?? row.givenName,
      familyName: req.familyName ?? row.familyName,
      birthDate: req.birthDate ?? row.birthDate,
      brpMunicipality: req.brpMunicipality ?? row.brpMunicipality,
      originMunicipality: req.originMunicipality ?? row.originMunicipality,
      residence: req.residence ?? row.residence,
      safetyFlag: req.safetyFlag ?? row.safetyFlag,
      municipalities: [...new Set([...row.municipalities, req.brpMunicipality].filter((m): m is string => !!m))].sort(),
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => JSON.stringify(next[k]) !== JSON.stringify(row[k]));
    if (!changed) return toPersonView(row);
    await this.persons.update(id, next);
    await this.log.record({
      bsn: row.bsn,
      action: ProcessingAction.UPDATE,
      purpose: next.safetyFlag !== row.safetyFlag ? Purpose.SAFETY : Purpose.IDENTIFY,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: id,
      municipality: tenant,
    });
    if (next.safetyFlag !== row.safetyFlag) {
      await this.publishSafetyFlag(id, row.bsn, next.safetyFlag, req.changedAt ?? this.clock.today(), tenant);
    }
    return toPersonView(mustExist(await this.persons.findById(id), `person ${id}`));
  }

  private async publishSafetyFlag(personId: string, bsn: string, safetyFlag: boolean, changedAt: IsoDate, municipality: string): Promise<void> {
    const data: PersonSafetyFlagChangedV1 = { personId, personPseudonym: pseudonymize(bsn), safetyFlag, changedAt };
    await this.outbox.publish({ type: PERSON_SAFETY_FLAG_CHANGED_V1, data, municipality });
  }

  private async logRead(caller: Caller, row: PersonRow): Promise<void> {
    await this.log.record({
      bsn: row.bsn,
      action: ProcessingAction.READ,
      purpose: Purpose.IDENTIFY,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: row.id,
      municipality: caller.municipalities.find((m) => row.municipalities.includes(m)) ?? null,
    });
  }

  /**
   * The person a case is about: by id within the caller's municipalities, or by BSN anywhere in
   * the region (any municipality may receive a protected-housing or shelter registration).
   */
  async resolve(caller: Caller, ref: { personId?: string; personBsn?: string }, required: boolean): Promise<PersonRow | undefined> {
    if (ref.personId && ref.personBsn) {
      throw DomainError.invalidField(AccessErrorCode.ONE_OF_PERSON_ID_OR_BSN, 'personBsn', 'give personId or personBsn, not both');
    }
    if (ref.personId) {
      return foundOr404(await this.persons.findById(ref.personId), () => PersonError.missing('personId'), (r) => mayRead(caller, { municipalities: r.municipalities }));
    }
    if (ref.personBsn) {
      const row = await this.persons.findByBsn(ref.personBsn);
      if (!row) {
        throw new PersonError(PersonErrorCode.PERSON_NOT_FOUND, 'no person with this BSN; record the person first', 422, [
          { name: 'personBsn', code: PersonErrorCode.PERSON_NOT_FOUND, reason: 'no person with this BSN in the region' },
        ]);
      }
      return row;
    }
    if (required) throw DomainError.invalidField(AccessErrorCode.REQUIRED, 'personId', 'personId (or personBsn) is required');
    return undefined;
  }

  /** Like resolve, for cases that need the person. */
  async require(caller: Caller, ref: { personId?: string; personBsn?: string }): Promise<PersonRow> {
    return mustExist(await this.resolve(caller, ref, true), 'person');
  }

  /** Brings the person into a tenant's scope (inside the caller's transaction). */
  addMunicipalities(personId: string, municipalities: string[]): Promise<void> {
    return this.persons.addMunicipalities(personId, municipalities);
  }

  // For the other features: no scope and no log here; the caller scopes and logs its own read.

  /** The person as stored (another feature already holds the id through its own record). */
  async byId(id: string): Promise<PersonEntity | undefined> {
    return (await this.persons.findMany([id]))[0];
  }

  /** Several persons as stored. */
  byIds(ids: string[]): Promise<PersonEntity[]> {
    return this.persons.findMany([...new Set(ids)]);
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

  // Requests from other services ------------------------------------------------------------

  /**
   * access.person.identity.get: the identity as the municipality asked knows it, only for the
   * exchange and housing (until per-service NATS users exist, by the service named in the request's
   * headers). A person that municipality does not know is PERSON_NOT_FOUND whoever else knows them.
   * Every answer writes a processing-log record with the purpose asked.
   */
  @Transactional()
  async identity(callerService: string | undefined, req: PersonIdentityRequest): Promise<PersonIdentityReply> {
    requireIdentityCaller(callerService, PERSON_IDENTITY_GET);
    const person = foundOr404(await this.persons.findMany([req.personId]).then((r) => r[0]), personNotKnown, (p) => p.municipalities.includes(req.municipality));
    const identity = identityOf(person);
    if (!identity) throw new PersonError(PersonErrorCode.IDENTITY_INCOMPLETE, 'the person is known by BSN only; record their name first', 422);
    const why = IDENTITY_PURPOSES[req.purpose];
    await this.log.record({
      bsn: person.bsn,
      action: ProcessingAction.READ,
      purpose: `${why.purpose} (${callerService})`,
      legalBasis: why.legalBasis,
      resource: 'person',
      resourceId: person.id,
      municipality: req.municipality,
    });
    return identity;
  }

  /**
   * access.person.resolve: the person with this BSN, brought into the municipality's scope, or
   * created for it (known by BSN only). The answer is the same whether the BSN was known elsewhere in
   * the region or not (ARCHITECTURE §6: no "already exists" oracle).
   */
  @Transactional()
  async resolveBsn(callerService: string | undefined, req: PersonResolveRequest): Promise<PersonResolveReply> {
    requireIdentityCaller(callerService, PERSON_RESOLVE);
    const created = await this.persons.insert({
      id: randomUUID(),
      bsn: req.bsn,
      givenName: null,
      familyName: null,
      birthDate: null,
      brpMunicipality: null,
      originMunicipality: null,
      safetyFlag: false,
      municipalities: [req.municipality],
    });
    const person = mustExist(await this.persons.findByBsn(req.bsn), `person with a BSN just inserted or found`);
    if (!created) await this.persons.addMunicipalities(person.id, [req.municipality]);
    await this.log.record({
      bsn: req.bsn,
      action: created ? ProcessingAction.CREATE : ProcessingAction.UPDATE,
      purpose: `${Purpose.IDENTIFY} (a message from ${callerService})`,
      legalBasis: legalBasis(),
      resource: 'person',
      resourceId: person.id,
      municipality: req.municipality,
    });
    return { personId: person.id, personPseudonym: pseudonymize(req.bsn) };
  }

  // Households ---------------------------------------------------------------------------------

  @Transactional()
  async createHousehold(caller: Caller, req: CreateHouseholdRequest): Promise<HouseholdView> {
    requireActFor(caller, req.municipality, 'municipality');
    const members = await this.checkMembers(caller, req.members, 'members');
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
    const [person] = await this.checkMembers(caller, [member], '');
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
    const persons = await this.persons.findMany(household.members.map((m) => m.personId));
    const byId = new Map(persons.map((p) => [p.id, { birthDate: p.birthDate, pseudonym: pseudonymize(p.bsn) }]));
    const data = householdEvent(household, household.members, byId, this.clock.today());
    await this.outbox.publish({ type: HOUSEHOLD_CHANGED_V1, data, municipality: household.municipality });
    await this.persons.markAnnounced(household.id, household.version);
    return household;
  }

  private async checkMembers(caller: Caller, members: HouseholdMemberInput[], path: string): Promise<PersonEntity[]> {
    const name = (i: number) => (path ? `${path}[${i}].personId` : 'personId');
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (seen.has(m.personId)) throw DomainError.invalidField(PersonErrorCode.DUPLICATE_MEMBER, name(i), 'a person can be a member only once');
      seen.add(m.personId);
    });
    const rows = await this.persons.findMany(members.map((m) => m.personId));
    members.forEach((m, i) => {
      foundOr404(rows.find((r) => r.id === m.personId), () => PersonError.missing(name(i)), (r) => mayRead(caller, { municipalities: r.municipalities }));
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
