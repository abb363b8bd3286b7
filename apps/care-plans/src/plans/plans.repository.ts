import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ConsentEntity, HandoverEntity, ParticipantEntity, PlanEntity } from './plans.entity';
import { PlanStatus } from './plans.rules';

export type NewPlan = Omit<PlanEntity, 'createdAt' | 'version'>;
export type PlanChanges = Partial<Pick<PlanEntity, 'coordinatorOrg' | 'coordinatorTeam' | 'priorities' | 'reviewIntervalMonths' | 'nextReviewOn' | 'status'>>;

export type ParticipantRow = Omit<ParticipantEntity, 'createdAt' | 'createdBy'>;
type ConsentJson = Omit<ConsentEntity, 'recordedAt'> & { recordedAt: string };

// Who takes part and their consents in one round trip: every plan read needs both (ADR 0007).
const PEOPLE_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_object('id', p.id, 'planId', p.plan_id, 'role', p.role, 'org', p.org, 'team', p.team, 'label', p.label,
      'personId', p.person_id, 'joinedOn', p.joined_on, 'leftOn', p.left_on) ORDER BY p.joined_on, p.created_at, p.id), '[]') FROM participant p WHERE p.plan_id = $1) AS participants,
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'planId', c.plan_id, 'participantId', c.participant_id, 'sections', c.sections, 'domains', c.domains,
      'givenOn', c.given_on, 'method', c.method, 'instructedBy', c.instructed_by, 'recordedBy', c.recorded_by, 'withdrawnOn', c.withdrawn_on,
      'withdrawalMethod', c.withdrawal_method, 'withdrawalInstructedBy', c.withdrawal_instructed_by, 'recordedAt', c.recorded_at) ORDER BY c.recorded_at, c.id), '[]') FROM consent c WHERE c.plan_id = $1) AS consents`;

@Injectable()
export class PlansRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get plans(): Repository<PlanEntity> {
    return this.txHost.tx.getRepository(PlanEntity);
  }

  private get participants(): Repository<ParticipantEntity> {
    return this.txHost.tx.getRepository(ParticipantEntity);
  }

  private get consents(): Repository<ConsentEntity> {
    return this.txHost.tx.getRepository(ConsentEntity);
  }

  private get handovers(): Repository<HandoverEntity> {
    return this.txHost.tx.getRepository(HandoverEntity);
  }

  async lockHousehold(householdId: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`care-plans:plan-of:${householdId}`]);
  }

  async insertPlan(p: NewPlan): Promise<void> {
    await this.plans.insert(p);
  }

  async find(id: string, lock = false): Promise<PlanEntity | undefined> {
    const q = this.plans.createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async forHousehold(householdId: string): Promise<PlanEntity | undefined> {
    return (await this.plans.findOneBy({ householdId })) ?? undefined;
  }

  /** Open plans of these households. */
  async openForHouseholds(householdIds: string[]): Promise<PlanEntity[]> {
    if (!householdIds.length) return [];
    return this.plans.createQueryBuilder('p').where('p.householdId = ANY(:ids)', { ids: householdIds }).andWhere(`p.status = 'OPEN'`).getMany();
  }

  openPlans(after: string | undefined, limit: number): Promise<PlanEntity[]> {
    const q = this.plans.createQueryBuilder('p').where(`p.status = 'OPEN'`);
    if (after) q.andWhere('p.id > :after', { after });
    return q.orderBy('p.id').limit(limit).getMany();
  }

  async update(id: string, changes: PlanChanges): Promise<void> {
    await this.plans.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  /**
   * Plans a caller sees in a list: those its organisation coordinates or takes part in, and for a
   * municipality every plan of its municipalities (a summary: who coordinates, no care data).
   */
  list(f: { org: string; ownMunicipalities?: string[]; municipalities?: string[]; householdId?: string; status?: PlanStatus; after?: string; limit: number }): Promise<PlanEntity[]> {
    const q = this.plans
      .createQueryBuilder('p')
      .where(`(p.coordinatorOrg = :org OR p.municipality = ANY(:own) OR EXISTS (SELECT 1 FROM participant x WHERE x.plan_id = p.id AND x.org = :org AND x.left_on IS NULL))`, { org: f.org, own: f.ownMunicipalities ?? [] });
    if (f.municipalities) q.andWhere('p.municipality = ANY(:m)', { m: f.municipalities });
    if (f.householdId) q.andWhere('p.householdId = :h', { h: f.householdId });
    if (f.status) q.andWhere('p.status = :s', { s: f.status });
    if (f.after) q.andWhere('p.id > :after', { after: f.after });
    return q.orderBy('p.id').limit(f.limit).getMany();
  }

  /** The plan's participants and every consent they were given. */
  async people(planId: string): Promise<{ participants: ParticipantRow[]; consents: ConsentEntity[] }> {
    const rows: Array<{ participants: ParticipantRow[]; consents: ConsentJson[] }> = await this.txHost.tx.query(PEOPLE_SQL, [planId]);
    return { participants: rows[0].participants, consents: rows[0].consents.map((c) => ({ ...c, recordedAt: new Date(c.recordedAt) })) };
  }

  // Participants.

  async insertParticipant(p: Omit<ParticipantEntity, 'createdAt'>): Promise<void> {
    await this.participants.insert(p);
  }

  participantsOf(planId: string): Promise<ParticipantEntity[]> {
    return this.participants.find({ where: { planId }, order: { joinedOn: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  participantsOfPlans(planIds: string[]): Promise<ParticipantEntity[]> {
    if (!planIds.length) return Promise.resolve([]);
    return this.participants.createQueryBuilder('p').where('p.planId = ANY(:ids)', { ids: planIds }).getMany();
  }

  async participant(planId: string, id: string): Promise<ParticipantEntity | undefined> {
    return (await this.participants.findOneBy({ planId, id })) ?? undefined;
  }

  async leave(id: string, leftOn: string): Promise<void> {
    await this.participants.update({ id }, { leftOn });
  }

  // Consent.

  async insertConsent(c: Omit<ConsentEntity, 'recordedAt'>): Promise<void> {
    await this.consents.insert(c);
  }

  consentsOf(participantId: string): Promise<ConsentEntity[]> {
    return this.consents.find({ where: { participantId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  async withdrawConsent(id: string, withdrawnOn: string, method: string, instructedBy: string): Promise<void> {
    await this.consents.update({ id }, { withdrawnOn, withdrawalMethod: method, withdrawalInstructedBy: instructedBy });
  }

  // Handovers.

  async insertHandover(h: Omit<HandoverEntity, 'createdAt'>): Promise<void> {
    await this.handovers.insert(h);
  }

  handoversOf(planId: string): Promise<HandoverEntity[]> {
    return this.handovers.find({ where: { planId }, order: { on: 'ASC', createdAt: 'ASC' } });
  }
}
