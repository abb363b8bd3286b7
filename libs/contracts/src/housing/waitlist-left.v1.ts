import { IsEnum, IsUUID } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';

export const WAITLIST_LEFT_V1 = 'housing.waitlist.left.v1';

/** Why an entry left the waiting list. */
export enum WaitlistLeftReason {
  PLACED = 'PLACED',
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  MOVED = 'MOVED',
  DECEASED = 'DECEASED',
  OTHER_REGION = 'OTHER_REGION',
  OTHER = 'OTHER',
}

/** An entry left the waiting list on `leftOn`; the entry is known from waitlist.entered. */
export class WaitlistLeftV1 {
  @IsUUID()
  entryId!: string;

  @IsIsoDate()
  leftOn!: IsoDate;

  @IsEnum(WaitlistLeftReason)
  reason!: WaitlistLeftReason;
}
