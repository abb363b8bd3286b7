import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';

export const SIGNAL_RAISED_V1 = 'care-plans.signal.raised.v1';

export enum CarePlanSignalKind {
  REVIEW_OVERDUE = 'REVIEW_OVERDUE',
  /** A young person with youth care turns 18 (from access.person.coming-of-age). */
  COMING_OF_AGE = 'COMING_OF_AGE',
  /** More professionals active in one household than the region's norm. */
  FRAGMENTATION = 'FRAGMENTATION',
  OUTFLOW_READY = 'OUTFLOW_READY',
}

/**
 * A signal on a plan, due on `due`: care-plans is the one source of these (its `/signals` is the
 * worklist). Raised once per signal: `signalId` is stable, so a consumer dedupes on it.
 */
export class SignalRaisedV1 {
  @IsUUID()
  signalId!: string;

  @IsUUID()
  planId!: string;

  @IsEnum(CarePlanSignalKind)
  kind!: CarePlanSignalKind;

  /** The household member it is about; absent for a signal on the whole plan (FRAGMENTATION). */
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsIsoDate()
  due!: IsoDate;
}
