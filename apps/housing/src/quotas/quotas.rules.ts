import { InvalidParam } from '@vangnet/contracts';
import { QuotaErrorCode } from './quotas.errors';

/** A quota cannot go below the homes its nominations already hold. */
export function quotaProblems(homes: number, used: number): InvalidParam[] {
  return homes < used ? [{ name: 'homes', code: QuotaErrorCode.QUOTA_BELOW_USED, reason: `${used} nominations already count against this quota` }] : [];
}

export function remaining(q: { homes: number; used: number }): number {
  return Math.max(0, q.homes - q.used);
}
