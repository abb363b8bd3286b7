import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { CALENDAR_DAY_DECREED_V1, CalendarDayDecreedV1, isoWeekday, isStatutoryHoliday } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, checkIfMatch } from '@vangnet/platform';
import { RegionDataKind } from '../region-data/region-data.entity';
import { RegionDataChanges } from '../region-data/region-data.service';
import { CalendarView, DecreeDayRequest, DecreedDayView } from './calendar.dto';
import { DecreedDayEntity } from './calendar.entity';
import { CalendarError, CalendarErrorCode } from './calendar.errors';
import { CalendarRepository } from './calendar.repository';
import { DeadlinesService } from './deadlines.service';

const ANNOUNCE_BATCH = 100;
const NO_DECREES: ReadonlySet<string> = new Set();

function dayView(d: DecreedDayEntity): DecreedDayView {
  return { date: d.date, decree: d.decree, calendarVersion: d.calendarVersion, addedBy: d.addedBy, addedAt: d.addedAt.toISOString() };
}

/**
 * The days equated with the public holidays by Royal Decree (Algemene termijnenwet art. 3 lid 3):
 * region-wide data, extended only by a region.administrator acting for every municipality of the
 * region. Each addition raises the calendar version, is its own audit record, is announced as
 * access.calendar.day-decreed.v1 (envelope municipality null) and recomputes the open deadlines.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly backfill: BackgroundJob<number>;

  constructor(
    private readonly calendars: CalendarRepository,
    private readonly deadlines: DeadlinesService,
    private readonly outbox: Outbox,
    private readonly changes: RegionDataChanges,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.backfill = BackgroundJob.draining('DecreedDayBackfill', { batch: () => this.announceBatch(), batchSize: ANNOUNCE_BATCH, txHost });
  }

  onApplicationBootstrap(): void {
    this.backfill.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backfill.stop();
  }

  async view(): Promise<CalendarView> {
    const days = await this.calendars.all();
    return { calendarVersion: days.reduce((v, d) => Math.max(v, d.calendarVersion), 0), decreedDays: days.map(dayView) };
  }

  /** Add a decreed day (`If-Match` with the calendar's ETag, its version), then bring every open deadline onto the new calendar. */
  async decree(caller: Caller, req: DecreeDayRequest, ifMatch: string | undefined): Promise<CalendarView> {
    await this.add(caller, req, ifMatch);
    await this.deadlines.recomputeStale();
    return this.view();
  }

  /** Publishes the seeded days that were never announced. */
  announceUnannounced(): Promise<number> {
    return this.backfill.run();
  }

  @Transactional()
  private async add(caller: Caller, req: DecreeDayRequest, ifMatch: string | undefined): Promise<void> {
    // Region-wide data: a region administrator acting for every municipality of the region.
    this.changes.guard(caller, "the region's calendar of decreed days");
    if (isoWeekday(req.date) > 5) {
      throw CalendarError.invalidField(CalendarErrorCode.WEEKEND_DAY, 'date', `${req.date} is a Saturday or Sunday: a term never ends on it anyway (Atw art. 1)`, 422);
    }
    if (isStatutoryHoliday(req.date, NO_DECREES)) {
      throw CalendarError.invalidField(CalendarErrorCode.ALREADY_A_HOLIDAY, 'date', `${req.date} is already a public holiday or Good Friday (Atw art. 3 lid 1 and 2)`, 422);
    }
    await this.calendars.lock();
    const current = await this.calendars.current();
    checkIfMatch(ifMatch, current.version, true);
    if (current.decreedDays.has(req.date)) {
      throw CalendarError.conflict(CalendarErrorCode.ALREADY_DECREED, `${req.date} is already decreed`, [{ name: 'date', code: CalendarErrorCode.ALREADY_DECREED, reason: 'already in the table' }]);
    }
    const calendarVersion = current.version + 1;
    await this.calendars.insert({ date: req.date, decree: req.decree, calendarVersion, addedBy: actorOf(caller) });
    await this.changes.record(caller, { kind: RegionDataKind.DECREED_DAY, key: req.date, version: calendarVersion, before: null, after: { date: req.date, decree: req.decree, calendarVersion } });
    const data: CalendarDayDecreedV1 = { date: req.date, decree: req.decree, calendarVersion };
    await this.outbox.publish({ type: CALENDAR_DAY_DECREED_V1, data, municipality: null });
  }

  private async announceBatch(): Promise<number> {
    const due = await this.calendars.unannounced(ANNOUNCE_BATCH);
    const events = due.map((d) => {
      const data: CalendarDayDecreedV1 = { date: d.date, decree: d.decree, calendarVersion: d.calendarVersion };
      return { type: CALENDAR_DAY_DECREED_V1, data, municipality: null };
    });
    await this.outbox.publishAll(events);
    await this.calendars.markAnnounced(due.map((d) => d.date));
    return due.length;
  }
}
