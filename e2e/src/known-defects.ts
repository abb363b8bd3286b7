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
};
