import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import {
  ActionLineEntity,
  ActionLinePlanEntity,
  AllocationEntity,
  BookingEntity,
  MeasurementEntity,
  PlanApprovalEntity,
  ProgrammeAlertEntity,
  ProgrammeEntity,
  ProgrammePlanEntity,
} from './programmes.entity';

export type NewProgramme = Omit<ProgrammeEntity, 'createdAt' | 'currentVersion' | 'approvedVersion'>;
export type NewPlan = Omit<ProgrammePlanEntity, 'createdAt'>;
export type NewLinePlan = Omit<ActionLinePlanEntity, 'actionLine'>;
export type NewAllocation = Omit<AllocationEntity, 'createdAt'>;
export type NewBooking = Omit<BookingEntity, 'createdAt' | 'actionLine'>;
export type NewMeasurement = Omit<MeasurementEntity, 'recordedAt' | 'actionLine'>;

/** An action line as one plan version has it, with its number. */
export interface LinePlanRow extends NewLinePlan {
  number: string;
}

/** Booked cents per action line, municipality, year, kind and type. */
export interface BookingSum {
  actionLineId: string;
  municipality: string;
  year: number;
  kind: string;
  type: string;
  cents: number;
}

/** A subsidy committed on an action line. */
export interface SubsidyBooking {
  subsidyId: string;
  actionLineId: string;
  municipality: string;
  year: number;
  kind: string;
}

@Injectable()
export class ProgrammesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private repo<E extends object>(entity: new () => E): Repository<E> {
    return this.txHost.tx.getRepository(entity);
  }

  async insertProgramme(p: NewProgramme): Promise<void> {
    await this.repo(ProgrammeEntity).insert(p);
  }

  async get(id: string, forUpdate = false): Promise<ProgrammeEntity | undefined> {
    return (await this.repo(ProgrammeEntity).findOne({ where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) })) ?? undefined;
  }

  list(): Promise<ProgrammeEntity[]> {
    return this.repo(ProgrammeEntity).find({ order: { firstYear: 'DESC', name: 'ASC', id: 'ASC' }, take: 500 });
  }

  async setVersions(id: string, v: { currentVersion?: number; approvedVersion?: number }): Promise<void> {
    await this.repo(ProgrammeEntity).update({ id }, v);
  }

  async insertPlan(p: NewPlan): Promise<void> {
    await this.repo(ProgrammePlanEntity).insert(p);
  }

  async plan(programmeId: string, version: number): Promise<ProgrammePlanEntity | undefined> {
    return (await this.repo(ProgrammePlanEntity).findOneBy({ programmeId, version })) ?? undefined;
  }

  plans(programmeId: string): Promise<ProgrammePlanEntity[]> {
    return this.repo(ProgrammePlanEntity).find({ where: { programmeId }, order: { version: 'ASC' } });
  }

  /** The ids of these line numbers in the programme, creating the ones not seen before. */
  async lineIds(programmeId: string, numbers: string[], newId: () => string): Promise<Map<string, string>> {
    if (numbers.length) {
      await this.repo(ActionLineEntity)
        .createQueryBuilder()
        .insert()
        .values(numbers.map((number) => ({ id: newId(), programmeId, number })))
        .orIgnore()
        .execute();
    }
    const rows = numbers.length ? await this.repo(ActionLineEntity).find({ where: { programmeId, number: In(numbers) } }) : [];
    return new Map(rows.map((r) => [r.number, r.id]));
  }

  async actionLine(id: string): Promise<ActionLineEntity | undefined> {
    return (await this.repo(ActionLineEntity).findOneBy({ id })) ?? undefined;
  }

  async insertLinePlans(rows: NewLinePlan[]): Promise<void> {
    if (rows.length) await this.repo(ActionLinePlanEntity).insert(rows);
  }

  async linePlans(programmeId: string, version: number): Promise<LinePlanRow[]> {
    const rows = await this.repo(ActionLinePlanEntity)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.actionLine', 'l')
      .where('p.programmeId = :programmeId AND p.planVersion = :version', { programmeId, version })
      .getMany();
    return rows
      .map(({ actionLine, ...p }) => ({ ...p, number: actionLine?.number ?? '' }))
      .sort((a, b) => a.number.localeCompare(b.number, 'nl', { numeric: true }));
  }

  async insertApproval(a: Omit<PlanApprovalEntity, 'approvedAt'>): Promise<boolean> {
    const result = await this.repo(PlanApprovalEntity).createQueryBuilder().insert().values(a).orIgnore().returning('version').execute();
    const inserted: unknown[] = result.raw;
    return inserted.length > 0;
  }

  approvals(programmeId: string): Promise<PlanApprovalEntity[]> {
    return this.repo(PlanApprovalEntity).find({ where: { programmeId }, order: { version: 'ASC' } });
  }

  /** Every allocation version of the programme, oldest first. */
  allocations(programmeId: string): Promise<AllocationEntity[]> {
    return this.repo(AllocationEntity).find({ where: { programmeId }, order: { year: 'ASC', kind: 'ASC', version: 'ASC' } });
  }

  async insertAllocation(a: NewAllocation): Promise<void> {
    await this.repo(AllocationEntity).insert(a);
  }

  async insertMeasurement(m: NewMeasurement): Promise<void> {
    await this.repo(MeasurementEntity).insert(m);
  }

  measurementsOf(actionLineIds: string[]): Promise<MeasurementEntity[]> {
    if (!actionLineIds.length) return Promise.resolve([]);
    return this.repo(MeasurementEntity).find({ where: { actionLineId: In(actionLineIds) }, order: { measuredOn: 'ASC', recordedAt: 'ASC' } });
  }

  async insertBooking(b: NewBooking): Promise<void> {
    await this.repo(BookingEntity).insert(b);
  }

  async bookingOfSubsidy(subsidyId: string): Promise<BookingEntity | undefined> {
    return (await this.repo(BookingEntity).findOneBy({ subsidyId })) ?? undefined;
  }

  /** Booked cents per line, municipality, year, kind and type (optionally one municipality, one line). */
  async bookingSums(programmeId: string, f: { municipality?: string; actionLineId?: string } = {}): Promise<BookingSum[]> {
    const q = this.repo(BookingEntity)
      .createQueryBuilder('b')
      .select('b.actionLineId', 'actionLineId')
      .addSelect('b.municipality', 'municipality')
      .addSelect('b.year', 'year')
      .addSelect('b.kind', 'kind')
      .addSelect('b.type', 'type')
      .addSelect('sum(b.amountCents)::bigint', 'cents')
      .where('b.programmeId = :programmeId', { programmeId });
    if (f.municipality !== undefined) q.andWhere('b.municipality = :municipality', { municipality: f.municipality });
    if (f.actionLineId !== undefined) q.andWhere('b.actionLineId = :actionLineId', { actionLineId: f.actionLineId });
    const rows = await q.groupBy('b.actionLineId').addGroupBy('b.municipality').addGroupBy('b.year').addGroupBy('b.kind').addGroupBy('b.type').getRawMany<BookingSum>();
    return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
  }

  /** The subsidies committed on the programme's lines. */
  async subsidyBookings(programmeId: string, f: { municipality?: string; actionLineId?: string } = {}): Promise<SubsidyBooking[]> {
    const q = this.repo(BookingEntity).createQueryBuilder('b').where('b.programmeId = :programmeId AND b.subsidyId IS NOT NULL', { programmeId });
    if (f.municipality !== undefined) q.andWhere('b.municipality = :municipality', { municipality: f.municipality });
    if (f.actionLineId !== undefined) q.andWhere('b.actionLineId = :actionLineId', { actionLineId: f.actionLineId });
    const rows = await q.getMany();
    return rows.map((b) => ({ subsidyId: b.subsidyId as string, actionLineId: b.actionLineId, municipality: b.municipality, year: b.year, kind: b.kind }));
  }

  alertsOf(actionLineIds: string[]): Promise<ProgrammeAlertEntity[]> {
    if (!actionLineIds.length) return Promise.resolve([]);
    return this.repo(ProgrammeAlertEntity).find({ where: { actionLineId: In(actionLineIds) }, order: { raisedAt: 'ASC', threshold: 'ASC' } });
  }

  async insertAlerts(rows: Array<Omit<ProgrammeAlertEntity, 'raisedAt'>>): Promise<void> {
    if (rows.length) await this.repo(ProgrammeAlertEntity).createQueryBuilder().insert().values(rows).orIgnore().execute();
  }
}
