/** The organisations a token can speak for (claim `org`). Compare ids without the prefix. */
export enum OrgKind {
  MUNICIPALITY = 'MUNICIPALITY', // GM0546
  PROVIDER = 'PROVIDER', // AGB:12345678
  CORPORATION = 'CORPORATION', // CORP:<KvK>
  PARTNER = 'PARTNER', // ORG:<KvK>
}

export enum Role {
  ACCESS_CASEWORKER = 'access.caseworker',
  ACCESS_DECISION_MAKER = 'access.decision-maker',
  CARE_PLANS_COORDINATOR = 'care-plans.coordinator',
  HOUSING_PLACEMENT_OFFICER = 'housing.placement-officer',
  PROCUREMENT_CONTRACT_MANAGER = 'procurement.contract-manager',
  FINANCE_CONTROLLER = 'finance.controller',
  PROVIDER = 'provider',
  CORPORATION = 'corporation',
  REGIONAL_ANALYST = 'regional.analyst',
  AUDITOR = 'auditor',
  /**
   * The region's shared master data: life domains, decreed days, responsibility rule sets,
   * mandates, the partner registry. Changes need a token acting for every member municipality.
   */
  REGION_ADMINISTRATOR = 'region.administrator',
  /** Platform engineers: dead letters and other operational routes, no personal data. */
  PLATFORM_OPERATOR = 'platform.operator',
}

const ANY_ORG: readonly OrgKind[] = [OrgKind.MUNICIPALITY, OrgKind.PROVIDER, OrgKind.CORPORATION, OrgKind.PARTNER];

/** Which organisations may hold a role (ARCHITECTURE §6); a role held by any other org counts for nothing. */
export const ROLE_ORG_KINDS: Readonly<Record<Role, readonly OrgKind[]>> = {
  // A partner team (ORG:) only where the municipality registered it as its access team (the
  // partner registry, checked by access); never a provider or a corporation.
  [Role.ACCESS_CASEWORKER]: [OrgKind.MUNICIPALITY, OrgKind.PARTNER],
  [Role.ACCESS_DECISION_MAKER]: [OrgKind.MUNICIPALITY],
  [Role.CARE_PLANS_COORDINATOR]: [OrgKind.MUNICIPALITY, OrgKind.PROVIDER],
  [Role.HOUSING_PLACEMENT_OFFICER]: [OrgKind.MUNICIPALITY],
  [Role.PROCUREMENT_CONTRACT_MANAGER]: [OrgKind.MUNICIPALITY],
  [Role.FINANCE_CONTROLLER]: [OrgKind.MUNICIPALITY],
  [Role.PROVIDER]: [OrgKind.PROVIDER],
  [Role.CORPORATION]: [OrgKind.CORPORATION],
  [Role.REGIONAL_ANALYST]: ANY_ORG,
  [Role.AUDITOR]: [OrgKind.MUNICIPALITY],
  [Role.REGION_ADMINISTRATOR]: [OrgKind.MUNICIPALITY],
  [Role.PLATFORM_OPERATOR]: ANY_ORG,
};

/** An organisation's id after its prefix: a KvK number, an AGB code, or another registered id. */
export const ORG_ID_PATTERN = /^[0-9A-Za-z-]{1,32}$/;

/** Parse the `org` claim: `GM0546`, `AGB:12345678`, `CORP:12345678`, `ORG:12345678`. */
export function parseOrg(org: string): { kind: OrgKind; id: string } | undefined {
  if (/^GM\d{4}$/.test(org)) return { kind: OrgKind.MUNICIPALITY, id: org };
  const m = /^(AGB|CORP|ORG):([0-9A-Za-z-]{1,32})$/.exec(org);
  if (!m) return undefined;
  if (m[1] === 'AGB' && !/^\d{8}$/.test(m[2])) return undefined;
  return { kind: m[1] === 'AGB' ? OrgKind.PROVIDER : m[1] === 'CORP' ? OrgKind.CORPORATION : OrgKind.PARTNER, id: m[2] };
}
