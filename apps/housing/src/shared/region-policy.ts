import { AGGREGATES, Caller, ScopeError, tenantScopeOf } from '@vangnet/auth';
import { RegionConfig } from '@vangnet/platform';

/**
 * The region's shared housing policy (priority schemes, the facility-type mapping, reference
 * stays, the distribution key) is changed only by a caller acting for every member municipality
 * (ARCHITECTURE §6 "region-wide data"): 403 OUT_OF_SCOPE naming `municipalities` otherwise.
 */
export function requireWholeRegion(caller: Caller, region: RegionConfig): void {
  if (region.coveredBy(caller.municipalities)) return;
  const missing = region.municipalities.filter((m) => !caller.municipalities.includes(m));
  throw ScopeError.of('municipalities', `the region's housing policy is changed only by a token acting for every member municipality; this one does not grant ${missing.join(', ')}`);
}

/**
 * Who reads the region's housing policy (schemes, settings): any municipal token and the regional
 * analyst (ARCHITECTURE §6: a municipal token reads its municipalities' non-personal data, the
 * analyst the region's aggregates; README "Roles and scope"). A provider, a corporation or a
 * partner without the analyst role reads none of it: 403 FORBIDDEN.
 */
export function requirePolicyReader(caller: Caller): void {
  tenantScopeOf(caller, AGGREGATES);
}
