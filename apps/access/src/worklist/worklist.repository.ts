import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { AssignmentRequestEntity, WorklistTaskEntity } from './worklist.entity';
import { TaskKind, TaskStatus } from './worklist.rules';

export type NewRequest = Omit<AssignmentRequestEntity, 'outcome' | 'rejectionReason' | 'lineageIds' | 'answeredOn' | 'createdAt'>;
export type NewTask = Omit<WorklistTaskEntity, 'status' | 'assignee' | 'outcome' | 'note' | 'closedOn' | 'version' | 'createdAt'> & { assignee?: string | null };

export interface TaskFilter {
  municipalities: string[];
  kind?: TaskKind;
  status?: TaskStatus;
  assignee?: string;
  personId?: string;
  after?: { dueDate: IsoDate | null; id: string };
  limit: number;
}

@Injectable()
export class WorklistRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tasks(): Repository<WorklistTaskEntity> {
    return this.txHost.tx.getRepository(WorklistTaskEntity);
  }

  private get requests(): Repository<AssignmentRequestEntity> {
    return this.txHost.tx.getRepository(AssignmentRequestEntity);
  }

  /** Stores a request unless it is there already (a replay); returns whether it did. */
  async insertRequest(r: NewRequest): Promise<boolean> {
    const result = await this.requests.createQueryBuilder().insert().values(r).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  /** Adds a task unless one exists for the same source; returns whether it did. */
  async insertTask(t: NewTask): Promise<boolean> {
    const result = await this.tasks.createQueryBuilder().insert().values(t).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  findTask(id: string, forUpdate = false): Promise<WorklistTaskEntity | null> {
    const q = this.tasks.createQueryBuilder('t').where('t.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  findRequest(id: string, forUpdate = false): Promise<AssignmentRequestEntity | null> {
    const q = this.requests.createQueryBuilder('r').where('r.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  requestsOf(ids: string[]): Promise<AssignmentRequestEntity[]> {
    return ids.length ? this.requests.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Tasks in these municipalities by due date (none last), then id; only the filters given apply. */
  list(f: TaskFilter): Promise<WorklistTaskEntity[]> {
    const q = this.tasks.createQueryBuilder('t').where('t.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.kind) q.andWhere('t.kind = :kind', { kind: f.kind });
    if (f.status) q.andWhere('t.status = :status', { status: f.status });
    else q.andWhere('t.status <> :closed', { closed: TaskStatus.CLOSED });
    if (f.assignee) q.andWhere('t.assignee = :assignee', { assignee: f.assignee });
    if (f.personId) q.andWhere('t.personId = :personId', { personId: f.personId });
    // Due date with no date last ('9999-12-31'), as the order below.
    if (f.after) {
      q.andWhere(`(COALESCE(t.dueDate, '9999-12-31'), t.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))`, { afterDue: f.after.dueDate ?? '9999-12-31', afterId: f.after.id });
    }
    return q.orderBy(`COALESCE(t.dueDate, '9999-12-31')`).addOrderBy('t.id').limit(f.limit).getMany();
  }

  async updateTask(id: string, change: Partial<Pick<WorklistTaskEntity, 'status' | 'assignee' | 'outcome' | 'note' | 'closedOn'>>): Promise<void> {
    await this.tasks.update({ id }, { ...change, version: () => 'version + 1' });
  }

  async answerRequest(id: string, change: Pick<AssignmentRequestEntity, 'outcome' | 'rejectionReason' | 'lineageIds' | 'answeredOn'>): Promise<void> {
    await this.requests.update({ id }, change);
  }
}
