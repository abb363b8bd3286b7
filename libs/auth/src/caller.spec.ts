import { OrgKind, Role, ROLE_ORG_KINDS } from '@vangnet/contracts';
import { callerFromClaims } from './caller';

const ORGS: Record<OrgKind, string> = {
  [OrgKind.MUNICIPALITY]: 'GM0546',
  [OrgKind.PROVIDER]: 'AGB:12345678',
  [OrgKind.CORPORATION]: 'CORP:87654321',
  [OrgKind.PARTNER]: 'ORG:11223344',
};

// ARCHITECTURE §6, the roles table: who may hold each role. Written out here, not derived, so a
// change to the mapping has to change this table too.
const MAY_HOLD: Record<Role, OrgKind[]> = {
  [Role.ACCESS_CASEWORKER]: [OrgKind.MUNICIPALITY, OrgKind.PARTNER],
  [Role.ACCESS_DECISION_MAKER]: [OrgKind.MUNICIPALITY],
  [Role.CARE_PLANS_COORDINATOR]: [OrgKind.MUNICIPALITY, OrgKind.PROVIDER],
  [Role.HOUSING_PLACEMENT_OFFICER]: [OrgKind.MUNICIPALITY],
  [Role.PROCUREMENT_CONTRACT_MANAGER]: [OrgKind.MUNICIPALITY],
  [Role.FINANCE_CONTROLLER]: [OrgKind.MUNICIPALITY],
  [Role.PROVIDER]: [OrgKind.PROVIDER],
  [Role.CORPORATION]: [OrgKind.CORPORATION],
  [Role.REGIONAL_ANALYST]: [OrgKind.MUNICIPALITY, OrgKind.PROVIDER, OrgKind.CORPORATION, OrgKind.PARTNER],
  [Role.AUDITOR]: [OrgKind.MUNICIPALITY],
  [Role.REGION_ADMINISTRATOR]: [OrgKind.MUNICIPALITY],
  [Role.PLATFORM_OPERATOR]: [OrgKind.MUNICIPALITY, OrgKind.PROVIDER, OrgKind.CORPORATION, OrgKind.PARTNER],
};

const cases = (Object.values(Role) as Role[]).flatMap((role) =>
  (Object.values(OrgKind) as OrgKind[]).map((kind) => ({ role, kind, counts: MAY_HOLD[role].includes(kind) })),
);

describe(callerFromClaims.name, () => {
  it('should map every role to the org kinds of ARCHITECTURE §6', () => {
    expect(ROLE_ORG_KINDS).toEqual(MAY_HOLD);
  });

  it.each(cases)('should count $role held by a $kind token: $counts', ({ role, kind, counts }) => {
    const sut = callerFromClaims({ sub: 'x', org: ORGS[kind], roles: [role], municipalities: ['GM0546'] });
    expect(sut.orgKind).toBe(kind);
    expect(sut.roles).toEqual(counts ? [role] : []);
  });

  it('should keep region.administrator for a municipality and drop it for any other org', () => {
    const claims = { sub: 'x', roles: [Role.REGION_ADMINISTRATOR, Role.AUDITOR] };
    expect(callerFromClaims({ ...claims, org: 'GM0547' }).roles).toEqual([Role.REGION_ADMINISTRATOR, Role.AUDITOR]);
    expect(callerFromClaims({ ...claims, org: 'ORG:11223344' }).roles).toEqual([]);
  });

  it('should let a corporation or a provider hold platform.operator but not access.caseworker', () => {
    for (const org of ['CORP:87654321', 'AGB:12345678']) {
      expect(callerFromClaims({ sub: 'x', org, roles: [Role.PLATFORM_OPERATOR, Role.ACCESS_CASEWORKER] }).roles).toEqual([Role.PLATFORM_OPERATOR]);
    }
  });

  it('should ignore unknown roles', () => {
    expect(callerFromClaims({ sub: 'x', org: 'GM0546', roles: ['region.admin', 42] }).roles).toEqual([]);
  });
});
