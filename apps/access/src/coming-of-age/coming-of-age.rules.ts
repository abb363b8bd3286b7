import { addMonths, IsoDate } from '@vangnet/contracts';

/**
 * When a young person's coming of age is announced (ARCHITECTURE §2): at the later of 6 months
 * before the 18th birthday and the start of their first running Jeugdwet provision, so care plans
 * can arrange Wmo support in time (Jeugdwet support ends at 18, art. 1.1 "jeugdige"). None when the
 * youth care started only after the 18th birthday (extended youth care, verlengde jeugdhulp).
 */
export function comingOfAgeNoticeOn(eighteenOn: IsoDate, firstYouthStart: IsoDate): IsoDate | null {
  if (firstYouthStart >= eighteenOn) return null;
  const sixMonthsBefore = addMonths(eighteenOn, -6);
  return sixMonthsBefore > firstYouthStart ? sixMonthsBefore : firstYouthStart;
}
