import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { Direction, MessageEntity, MessageStatus } from './archive.entity';

export interface MessageFilter {
  municipalities?: string[];
  providerAgb?: string;
  direction?: Direction;
  messageType?: string;
  status?: MessageStatus;
  from?: string;
  to?: string;
  assignmentNumber?: number;
  overdueOn?: string;
  before?: { receivedAt: string; id: string };
  limit: number;
}

/** Everything but the XML: lists never carry the file (nor the personal data in it). */
const LIST_COLUMNS = [
  'id', 'direction', 'standard', 'messageType', 'sender', 'receiver', 'identification', 'dagtekening', 'providerAgb', 'municipality', 'status',
  'sizeBytes', 'inReplyTo', 'awaiting', 'dueOn', 'settledBy', 'settledAt', 'assignmentNumbers', 'transport', 'receivedAt', 'collectedAt',
] as const;

@Injectable()
export class ArchiveRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<MessageEntity> {
    return this.txHost.tx.getRepository(MessageEntity);
  }

  async insert(row: MessageEntity): Promise<void> {
    await this.rows.insert(row);
  }

  find(id: string): Promise<MessageEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /** A message without its file (what a 25 MB declaration's answer needs when no line was rejected). */
  findWithoutFile(id: string): Promise<MessageEntity | null> {
    return this.rows.createQueryBuilder('m').select([...LIST_COLUMNS, 'findings'].map((c) => `m.${c}`)).where('m.id = :id', { id }).getOne();
  }

  findInbound(sender: string, identification: string): Promise<MessageEntity | null> {
    return this.rows.findOneBy({ direction: 'IN', sender, identification });
  }

  /** Our message with this BerichtIdentificatie sent to this receiver (what a received retour answers). */
  findOutbound(receiver: string, identification: string, messageType: string): Promise<MessageEntity | null> {
    return this.rows.findOneBy({ direction: 'OUT', receiver, identification, messageType });
  }

  /** The replies to a message (its retour, its answer). */
  repliesTo(id: string): Promise<MessageEntity[]> {
    return this.rows.createQueryBuilder('m').select(LIST_COLUMNS.map((c) => `m.${c}`)).where('m.inReplyTo = :id', { id }).orderBy('m.receivedAt').getMany();
  }

  async settle(id: string, by: string): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ settledBy: by, settledAt: () => 'clock_timestamp()' }).where('id = :id AND settled_by IS NULL', { id }).execute();
  }

  async linkReply(id: string, inReplyTo: string): Promise<void> {
    await this.rows.update({ id }, { inReplyTo });
  }

  /** Earlier messages of one provider and municipality, of these types (the cross-message history), with their XML. */
  history(providerAgb: string, municipality: string, types: string[], statuses: MessageStatus[]): Promise<MessageEntity[]> {
    return this.rows
      .createQueryBuilder('m')
      .where('m.providerAgb = :providerAgb AND m.municipality = :municipality', { providerAgb, municipality })
      .andWhere('m.messageType = ANY(:types) AND m.status = ANY(:statuses)', { types, statuses })
      .orderBy('m.receivedAt')
      .getMany();
  }

  list(f: MessageFilter): Promise<MessageEntity[]> {
    const q = this.rows.createQueryBuilder('m').select(LIST_COLUMNS.map((c) => `m.${c}`));
    if (f.municipalities) q.andWhere('m.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.providerAgb) q.andWhere('m.providerAgb = :providerAgb', { providerAgb: f.providerAgb });
    if (f.direction) q.andWhere('m.direction = :direction', { direction: f.direction });
    if (f.messageType) q.andWhere('m.messageType = :messageType', { messageType: f.messageType });
    if (f.status) q.andWhere('m.status = :status', { status: f.status });
    if (f.from) q.andWhere(`m.receivedAt >= (:from::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'`, { from: f.from });
    if (f.to) q.andWhere(`m.receivedAt < ((:to::date) + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'`, { to: f.to });
    if (f.assignmentNumber !== undefined) q.andWhere(':n = ANY(m.assignmentNumbers)', { n: f.assignmentNumber });
    if (f.overdueOn) q.andWhere('m.awaiting IS NOT NULL AND m.settledBy IS NULL AND m.dueOn < :today', { today: f.overdueOn });
    if (f.before) q.andWhere('(m.receivedAt, m.id) < (:at, :id)', { at: f.before.receivedAt, id: f.before.id });
    return q.orderBy('m.receivedAt', 'DESC').addOrderBy('m.id', 'DESC').limit(f.limit).getMany();
  }

  /** What waits in a provider's mailbox, oldest first. */
  waiting(providerAgb: string, limit: number, after?: { receivedAt: string; id: string }): Promise<MessageEntity[]> {
    const q = this.rows
      .createQueryBuilder('m')
      .select(LIST_COLUMNS.map((c) => `m.${c}`))
      .where(`m.providerAgb = :providerAgb AND m.status = 'WAITING'`, { providerAgb });
    if (after) q.andWhere('(m.receivedAt, m.id) > (:at, :id)', { at: after.receivedAt, id: after.id });
    return q.orderBy('m.receivedAt').addOrderBy('m.id').limit(limit).getMany();
  }

  async markCollected(id: string): Promise<boolean> {
    const r = await this.rows
      .createQueryBuilder()
      .update()
      .set({ status: 'COLLECTED', collectedAt: () => 'clock_timestamp()' })
      .where(`id = :id AND status = 'WAITING'`, { id })
      .execute();
    return (r.affected ?? 0) > 0;
  }
}
