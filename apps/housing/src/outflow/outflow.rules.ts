import { IsoDate } from '@vangnet/contracts';

/**
 * Consent counts from the day it was given until the day it is withdrawn (AVG art. 7 lid 3: a
 * withdrawal applies from then on, not to what was shared before).
 */
export function hasConsent(r: { consentGivenOn: IsoDate | null; consentWithdrawnOn: IsoDate | null }, on: IsoDate): boolean {
  if (r.consentGivenOn === null || r.consentGivenOn > on) return false;
  return r.consentWithdrawnOn === null || r.consentWithdrawnOn > on;
}

/** Needs from several sources, once each, in a stable order. */
export function mergeNeeds(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())].sort();
}
