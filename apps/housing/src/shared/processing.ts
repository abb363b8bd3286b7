/**
 * Purposes and legal bases for housing's processing-log records (AVG art. 30): why housing reads
 * or changes a resident's data. Protected housing and shelter are Wmo 2015 tasks (art. 1.1.1
 * "beschermd wonen", "opvang"), so the basis is the Wmo's processing article.
 */
export enum Purpose {
  WAITING_LIST = 'Keep the regional by-name waiting list for protected housing and shelter',
  MATCHING = 'Match a free place to a resident on the waiting list',
  PLACEMENT = 'Place a resident in a facility and follow the stay',
  OUTFLOW = 'Prepare a resident’s move to independent housing',
  NOMINATION = 'Nominate a resident for a home with a housing corporation, with the resident’s consent',
  EVICTION_PREVENTION = 'Follow an eviction-prevention signal to an outcome',
}

/** Wmo 2015 art. 5.1.1: processing (incl. BSN and health data) for the tasks of chapter 2. */
export const WMO_PROCESSING = 'Wmo 2015 art. 5.1.1';

/** What a corporation sees of a nominee rests on the resident's recorded consent. */
export const CONSENT = 'AVG art. 6 lid 1 onder a (recorded consent of the resident) with Wmo 2015 art. 5.1.1';
