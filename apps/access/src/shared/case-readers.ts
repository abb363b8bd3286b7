import { Role } from '@vangnet/contracts';

/** Roles that may read case data of their municipalities. */
export const CASE_READERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER, Role.AUDITOR] as const;
