// Defects the hostile-input replay (hardening.e2e-spec.ts) finds inside services, by route and
// probe family: `'<METHOD> <path> <family>'` (or `'<METHOD> <path> *'`) → who fixes it and why.
// An explicit allow-list for the service owners to empty, not a skip: the replay prints every
// entry still seen and every entry no longer seen.
export const KNOWN_DEFECTS: Record<string, string> = {};
