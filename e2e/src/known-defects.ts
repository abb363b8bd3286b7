// Defects the hostile-input replay (hardening.e2e-spec.ts) finds inside services, by route and
// probe family: `'<METHOD> <path> <family>'` (or `'<METHOD> <path> *'`) → who fixes it and why.
// An explicit allow-list for the service owners to empty, not a skip: the replay prints every
// entry still seen and every entry no longer seen.
export const KNOWN_DEFECTS: Record<string, string> = {
  // housing: region settings and priority schemes answer any valid token, also a corporation's
  // with no role at all (ARCHITECTURE §6: roles name who may read; non-personal data is for
  // municipal tokens). Owner: housing.
  'GET /api/housing/v1/settings token:roleless-corporation': 'housing: settings readable without a role',
  'GET /api/housing/v1/priority-schemes token:roleless-corporation': 'housing: priority schemes readable without a role',
  // housing: a token acting for GM0638 alone (all municipal roles) lists waiting-list entries and
  // placements whose municipality is GM0546, with personId/pseudonym (ARCHITECTURE §6: every
  // query scoped to the caller's municipalities). Owner: housing, to scope the lists or to record
  // in an ADR why a facility's municipality sees another municipality's residents.
  'GET /api/housing/v1/waitlist scope:foreign-personal-data': 'housing: waiting list shows residents of other municipalities',
  'GET /api/housing/v1/placements scope:foreign-personal-data': 'housing: placements show residents of other municipalities',
};
