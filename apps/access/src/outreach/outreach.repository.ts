import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { OutreachContactEntity, OutreachTaskEntity, RegistrationEntity } from '../registrations/registrations.entity';

export interface OutreachFilter {
  municipalities: string[];
  status?: string;
  after?: { due: IsoDate; id: string };
  limit: number;
}

/** An outreach task with its registration's person. */
export type OutreachRow = OutreachTaskEntity & { personId: string | null };

@Injectable()
export class OutreachRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tasks(): Repository<OutreachTaskEntity> {
    return this.txHost.tx.getRepository(OutreachTaskEntity);
  }

  private get contacts(): Repository<OutreachContactEntity> {
    return this.txHost.tx.getRepository(OutreachContactEntity);
  }

  async find(id: string, forUpdate = false): Promise<OutreachRow | null> {
    const q = this.tasks.createQueryBuilder('t').where('t.id = :id', { id });
    const task = await (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
    if (!task) return null;
    const reg = await this.txHost.tx.getRepository(RegistrationEntity).findOneBy({ id: task.registrationId });
    return { ...task, personId: reg?.personId ?? null };
  }

  /** By first-contact due date, oldest first; the open ones unless a status is asked. */
  async list(f: OutreachFilter): Promise<OutreachRow[]> {
    const q = this.tasks
      .createQueryBuilder('t')
      .innerJoin(RegistrationEntity, 'r', 'r.id = t.registrationId')
      .addSelect('r.personId', 'person_id')
      .where('t.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.status) q.andWhere('t.status = :status', { status: f.status });
    else q.andWhere("t.status <> 'CLOSED'");
    if (f.after) q.andWhere('(t.firstContactDue, t.id) > (CAST(:due AS date), CAST(:id AS uuid))', { due: f.after.due, id: f.after.id });
    const { entities, raw } = await q.orderBy('t.firstContactDue').addOrderBy('t.id').limit(f.limit).getRawAndEntities();
    return entities.map((t, i) => ({ ...t, personId: (raw[i] as { person_id: string | null }).person_id }));
  }

  contactsOf(taskIds: string[]): Promise<OutreachContactEntity[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return this.contacts.find({ where: { taskId: In(taskIds) }, order: { contactedOn: 'ASC', createdAt: 'ASC' } });
  }

  async update(id: string, change: Partial<Pick<OutreachTaskEntity, 'status' | 'assignee' | 'firstContactOn' | 'outcome' | 'closedOn' | 'note'>>): Promise<void> {
    await this.tasks.update({ id }, { ...change, version: () => 'version + 1' });
  }

  async insertContact(c: Omit<OutreachContactEntity, 'createdAt'>): Promise<void> {
    await this.contacts.insert(c);
  }
}
