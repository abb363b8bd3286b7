import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { HouseholdEntity, HouseholdMemberEntity, PersonFlagEntity, ProvisionLineageEntity, WaitlistEntryEntity } from './waiting-list.entity';
import { EntryStatus, OPEN_STATUSES } from './waiting-list.rules';

/**
 * An open entry as the ranking reads it: the columns a factor, a candidate or a scope check
 * needs, as plain values (no entity hydration: the bench ranks 10,000 of them per request).
 */
export interface RankRow {
  id: string;
  status: EntryStatus;
  facilityType: string;
  personId: string;
  personPseudonym: string;
  municipality: string;
  responsibleMunicipality: string;
  originMunicipality: string | null;
  householdId: string | null;
  waitingSince: string;
  urgency: number;
  dischargeFromInstitution: boolean;
  needs: string[];
  interimSupport: boolean;
}

/** A membership of a household, as the household factors read it. */
export interface MemberRow {
  householdId: string;
  personId: string;
  validFrom: string;
  validTo: string | null;
  minorOn: string | null;
}

export type NewEntry = Omit<WaitlistEntryEntity, 'version' | 'createdAt' | 'leftOn' | 'leftReason' | 'leftNote'>;
export type EntryChanges = Partial<Omit<WaitlistEntryEntity, 'id' | 'version' | 'createdAt' | 'createdBy'>>;

@Injectable()
export class WaitingListRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get entries(): Repository<WaitlistEntryEntity> {
    return this.txHost.tx.getRepository(WaitlistEntryEntity);
  }

  private get lineages(): Repository<ProvisionLineageEntity> {
    return this.txHost.tx.getRepository(ProvisionLineageEntity);
  }

  private get households(): Repository<HouseholdEntity> {
    return this.txHost.tx.getRepository(HouseholdEntity);
  }

  private get members(): Repository<HouseholdMemberEntity> {
    return this.txHost.tx.getRepository(HouseholdMemberEntity);
  }

  private get flags(): Repository<PersonFlagEntity> {
    return this.txHost.tx.getRepository(PersonFlagEntity);
  }

  /** Serialises the work on one person's entries (an event and an officer at once). */
  async lockPerson(personId: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`housing:person:${personId}`]);
  }

  async insert(row: NewEntry): Promise<void> {
    await this.entries.insert(row);
  }

  async find(id: string, lock = false): Promise<WaitlistEntryEntity | undefined> {
    const q = this.entries.createQueryBuilder('e').where('e.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  /** The lineage's entry: the open one, else the latest. */
  async byLineage(lineageId: string, lock = false): Promise<WaitlistEntryEntity | undefined> {
    const q = this.entries
      .createQueryBuilder('e')
      .where('e.provisionLineageId = :id', { id: lineageId })
      .orderBy(`CASE WHEN e.status IN ('WAITING', 'OFFERED', 'ACCEPTED') THEN 0 ELSE 1 END`)
      .addOrderBy('e.createdAt', 'DESC')
      .limit(1);
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async openFor(personId: string, facilityType: string): Promise<WaitlistEntryEntity | undefined> {
    return (await this.entries.findOneBy({ personId, facilityType, status: In([...OPEN_STATUSES]) })) ?? undefined;
  }

  async update(id: string, changes: EntryChanges): Promise<void> {
    await this.entries.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  /** Move an entry between statuses; false when it was not in one of `from`. */
  async moveStatus(id: string, from: EntryStatus[], to: EntryStatus): Promise<boolean> {
    const r = await this.entries.createQueryBuilder().update().set({ status: to, version: () => 'version + 1' }).where('id = :id AND status IN (:...from)', { id, from }).execute();
    return (r.affected ?? 0) > 0;
  }

  /** Every open entry of the waiting list (not direct placements), as the ranking reads it. */
  async openOnList(facilityType?: string): Promise<RankRow[]> {
    const q = this.openQuery(facilityType).select([
      'e.id AS "id"',
      'e.status AS "status"',
      'e.facility_type AS "facilityType"',
      'e.person_id AS "personId"',
      'e.person_pseudonym AS "personPseudonym"',
      'e.municipality AS "municipality"',
      'e.responsible_municipality AS "responsibleMunicipality"',
      'e.origin_municipality AS "originMunicipality"',
      'e.household_id AS "householdId"',
      'e.waiting_since AS "waitingSince"',
      'e.urgency AS "urgency"',
      'e.discharge_from_institution AS "dischargeFromInstitution"',
      'e.needs AS "needs"',
      'e.interim_support IS NOT NULL AS "interimSupport"',
    ]);
    const rows: RankRow[] = await q.getRawMany<RankRow>();
    return rows;
  }

  /**
   * The memberships of every household an open entry of the list belongs to (by the entry's
   * household, or the person's membership), found in the database rather than by shipping ids.
   */
  async membersOfOpen(facilityType?: string): Promise<MemberRow[]> {
    const open = this.openQuery(facilityType);
    const ofEntries = open.clone().select('e.household_id').andWhere('e.household_id IS NOT NULL');
    const ofPersons = this.members.createQueryBuilder('p').select('p.household_id').where(`p.person_id IN (${open.clone().select('e.person_id').getQuery()})`);
    const rows: MemberRow[] = await this.members
      .createQueryBuilder('m')
      .select(['m.household_id AS "householdId"', 'm.person_id AS "personId"', 'm.valid_from AS "validFrom"', 'm.valid_to AS "validTo"', 'm.minor_on AS "minorOn"'])
      .where(`m.household_id IN (${ofEntries.getQuery()} UNION ${ofPersons.getQuery()})`)
      .setParameters(open.getParameters())
      .getRawMany<MemberRow>();
    return rows;
  }

  /** Everyone with a safety flag now (a few among the region's residents). */
  async flaggedPersons(): Promise<Set<string>> {
    const rows = await this.flags.createQueryBuilder('f').select('f.personId', 'personId').where('f.safetyFlag').getRawMany<{ personId: string }>();
    return new Set(rows.map((r) => r.personId));
  }

  async findMany(ids: string[]): Promise<WaitlistEntryEntity[]> {
    return ids.length ? this.entries.findBy({ id: In(ids) }) : [];
  }

  private openQuery(facilityType?: string) {
    const q = this.entries.createQueryBuilder('e').where(`e.route = 'WAITING_LIST'`).andWhere('e.status IN (:...open)', { open: OPEN_STATUSES });
    if (facilityType) q.andWhere('e.facility_type = :type', { type: facilityType });
    return q;
  }

  /** Closed or filtered entries, in id order (not ranked). */
  listClosed(f: { status: EntryStatus; municipalities: string[]; facilityType?: string; personId?: string; after?: string; limit: number }): Promise<WaitlistEntryEntity[]> {
    const q = this.entries
      .createQueryBuilder('e')
      .where(`e.route = 'WAITING_LIST'`)
      .andWhere('e.status = :status', { status: f.status })
      .andWhere('e.municipality = ANY(:m)', { m: f.municipalities });
    if (f.facilityType) q.andWhere('e.facilityType = :type', { type: f.facilityType });
    if (f.personId) q.andWhere('e.personId = :pid', { pid: f.personId });
    if (f.after) q.andWhere('e.id > :after', { after: f.after });
    return q.orderBy('e.id').limit(f.limit).getMany();
  }

  directOpen(f: { municipalities: string[]; after?: string; limit: number }): Promise<WaitlistEntryEntity[]> {
    const q = this.entries
      .createQueryBuilder('e')
      .where(`e.route = 'DIRECT_PLACEMENT'`)
      .andWhere('e.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('e.municipality = ANY(:m)', { m: f.municipalities });
    if (f.after) q.andWhere('e.id > :after', { after: f.after });
    return q.orderBy('e.id').limit(f.limit).getMany();
  }

  /** Every entry of the list (the monitor's waiting times). */
  allOnList(): Promise<WaitlistEntryEntity[]> {
    return this.entries.find({ where: { route: 'WAITING_LIST' } });
  }

  // Provision lineages.

  async lineage(lineageId: string, lock = false): Promise<ProvisionLineageEntity | undefined> {
    const q = this.lineages.createQueryBuilder('l').where('l.lineageId = :id', { id: lineageId });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  /** Insert a lineage row if none exists yet, then lock it (events of one lineage apply one at a time). */
  async lockLineage(lineageId: string): Promise<ProvisionLineageEntity> {
    await this.lineages.createQueryBuilder().insert().values({ lineageId, version: 0 }).orIgnore().execute();
    const row = await this.lineage(lineageId, true);
    if (!row) throw new Error(`invariant broken: lineage ${lineageId} is missing right after its insert`);
    return row;
  }

  async updateLineage(lineageId: string, changes: Partial<Omit<ProvisionLineageEntity, 'lineageId'>>): Promise<void> {
    await this.lineages.update({ lineageId }, { ...changes, updatedAt: new Date() });
  }

  // Households.

  async household(id: string, lock = false): Promise<HouseholdEntity | undefined> {
    const q = this.households.createQueryBuilder('h').where('h.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  /** The whole household as published: replaces its memberships. */
  async replaceHousehold(h: HouseholdEntity, members: Array<Omit<HouseholdMemberEntity, 'household'>>): Promise<void> {
    await this.households.upsert(h, ['id']);
    await this.members.delete({ householdId: h.id });
    if (members.length) await this.members.insert(members);
  }

  /** Memberships of these households and of these persons' households. */
  async membersFor(householdIds: string[], personIds: string[]): Promise<HouseholdMemberEntity[]> {
    if (!householdIds.length && !personIds.length) return [];
    const q = this.members.createQueryBuilder('m');
    const sub = this.members.createQueryBuilder('p').select('p.householdId').where('p.personId = ANY(:persons)');
    q.where(`m.householdId IN (${sub.getQuery()})`, { persons: personIds });
    if (householdIds.length) q.orWhere('m.householdId = ANY(:households)', { households: householdIds });
    return q.getMany();
  }

  // Safety flags.

  async flag(personId: string): Promise<PersonFlagEntity | undefined> {
    return (await this.flags.findOneBy({ personId })) ?? undefined;
  }

  async flaggedAmong(personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows = await this.flags.createQueryBuilder('f').select('f.personId', 'personId').where('f.safetyFlag').andWhere('f.personId = ANY(:ids)', { ids: personIds }).getRawMany<{ personId: string }>();
    return new Set(rows.map((r) => r.personId));
  }

  /** Keep the newest flag; on the same day the later event wins. */
  async upsertFlag(row: PersonFlagEntity): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`housing:flag:${row.personId}`]);
    const current = await this.flags.findOneBy({ personId: row.personId });
    if (current && current.changedAt > row.changedAt) return;
    await this.flags.save(row);
  }
}
