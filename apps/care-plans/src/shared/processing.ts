/**
 * Purposes and legal bases for care plans' processing-log records (AVG art. 30). The plan is the
 * Wmo's ondersteuningsplan (Wmo 2015 art. 2.3.2 lid 8) and the Jeugdwet's hulpverleningsplan
 * (Jeugdwet art. 7.3.3 lid 1); health data in it rest on art. 5.1.1 Wmo 2015 / art. 7.4.0 Jeugdwet.
 */
export enum Purpose {
  CARE_PLAN = 'Coordinate the support of a household in one plan with its participants',
  SIGNALS = 'Follow up a care-plan signal (overdue review, coming of age, fragmentation, outflow)',
}

/** Wmo 2015 art. 5.1.1 (processing for the tasks of chapter 2) with art. 2.3.2 lid 8 (the plan). */
export const WMO_PROCESSING = 'Wmo 2015 art. 5.1.1 with art. 2.3.2 lid 8';

/** What a participant sees rests on the resident's recorded consent. */
export const CONSENT = 'AVG art. 6 lid 1 onder a and art. 9 lid 2 onder a (the resident’s recorded consent) with Wmo 2015 art. 5.1.1';
