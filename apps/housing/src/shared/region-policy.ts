import { AGGREGATES, Caller, tenantScopeOf } from '@vangnet/auth';

/** The region's shared housing policy (priority schemes, the facility-type mapping, reference stays, the distribution key): changed only by a caller acting for every member municipality (`RegionConfig.requireWholeRegion`). */
export const HOUSING_POLICY = "the region's housing policy";

/**
 * Who reads the region's housing policy (schemes, settings): any municipal token and the regional
 * analyst (ARCHITECTURE §6: a municipal token reads its municipalities' non-personal data, the
 * analyst the region's aggregates; README "Roles and scope"). A provider, a corporation or a
 * partner without the analyst role reads none of it: 403 FORBIDDEN.
 */
export function requirePolicyReader(caller: Caller): void {
  tenantScopeOf(caller, AGGREGATES);
}
