import { AuthError, Caller, canActFor, hasRole, isMunicipal, providerAgbOf } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { IsUUID } from 'class-validator';

// Who may see what (ARCHITECTURE §6): controllers act for their municipalities, a provider sees
// its own declarations, a regional analyst reads aggregates without persons, and any municipal
// token reads the non-personal figures (budgets) of its own municipalities.

export function requireActFor(caller: Caller, municipality: string): void {
  if (!canActFor(caller, municipality)) throw AuthError.forbidden(`you do not act for ${municipality}`);
}

/** Aggregates without persons: analysts everywhere, municipal tokens for their own municipalities. */
export function canReadAggregates(caller: Caller, municipality: string): boolean {
  return hasRole(caller, Role.REGIONAL_ANALYST) || (isMunicipal(caller) && canActFor(caller, municipality));
}

export function requireAggregates(caller: Caller, municipality: string): void {
  if (!canReadAggregates(caller, municipality)) throw AuthError.forbidden(`you may not read the figures of ${municipality}`);
}

/** Personal data of a municipality's residents: its controllers and auditors. */
export function canReadPersonal(caller: Caller, municipality: string): boolean {
  return hasRole(caller, Role.FINANCE_CONTROLLER, Role.AUDITOR) && canActFor(caller, municipality);
}

export function requireProviderAgb(caller: Caller): string {
  const agb = providerAgbOf(caller);
  if (!agb || !hasRole(caller, Role.PROVIDER)) throw AuthError.forbidden('only a care provider may do this');
  return agb;
}

/** Route parameter `:id` as a UUID, named in the 400 when it is not one. */
export class IdParam {
  @IsUUID()
  id!: string;
}
