import { IsoDate } from '@vangnet/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A day equated with the public holidays by Royal Decree (Algemene termijnenwet art. 3 lid 3).
 * Insert-only: the row is its own audit record (who added it, when, under which decree). The
 * table's version is the highest `calendarVersion`; each addition raises it by one.
 */
@Entity('decreed_day')
@Check('decreed_day_calendar_version_check', 'calendar_version >= 1')
export class DecreedDayEntity {
  @PrimaryColumn({ type: 'date' }) date!: IsoDate;
  @Column({ type: 'text' }) decree!: string;
  @Column({ type: 'integer' }) calendarVersion!: number;
  /** `org/sub` of the region administrator ("migration" for the seeded days). */
  @Column({ type: 'text' }) addedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) addedAt!: Date;
  /** Whether access.calendar.day-decreed.v1 went out (the seeded days are announced at first start). */
  @Column({ type: 'boolean', default: false }) announced!: boolean;
}
