import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { Calendar } from './deadline.rules';
import { DecreedDayEntity } from './calendar.entity';

// One lock for every change of the table: versions rise one at a time.
const CALENDAR_LOCK = 'access.decreed_day';

@Injectable()
export class CalendarRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get days(): Repository<DecreedDayEntity> {
    return this.txHost.tx.getRepository(DecreedDayEntity);
  }

  all(): Promise<DecreedDayEntity[]> {
    return this.days.find({ order: { date: 'ASC' } });
  }

  async current(): Promise<Calendar> {
    const rows: Array<{ date: IsoDate; calendar_version: number }> = await this.txHost.tx.query(`SELECT date::text AS date, calendar_version FROM decreed_day`);
    return { version: rows.reduce((v, r) => Math.max(v, r.calendar_version), 0), decreedDays: new Set(rows.map((r) => r.date)) };
  }

  /** Inside the caller's transaction: waits for any other change of the table. */
  async lock(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [CALENDAR_LOCK]);
  }

  async insert(row: Omit<DecreedDayEntity, 'addedAt' | 'announced'>): Promise<void> {
    await this.days.insert({ ...row, announced: true });
  }

  /** Days never announced (the seeded ones), locked, skipping rows another replica holds. */
  unannounced(limit: number): Promise<DecreedDayEntity[]> {
    return this.days.createQueryBuilder('d').where('d.announced = false').orderBy('d.date').limit(limit).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
  }

  async markAnnounced(dates: IsoDate[]): Promise<void> {
    if (dates.length) await this.txHost.tx.query(`UPDATE decreed_day SET announced = true WHERE date = ANY($1::date[])`, [dates]);
  }
}
