import { InvalidParam } from '@vangnet/contracts';
import { RoundErrorCode } from './rounds.errors';

/** A lot code may appear once in a round: the first repeat, named by its field. */
export function duplicateLot(lots: ReadonlyArray<{ code: string }>): InvalidParam | undefined {
  const codes = lots.map((l) => l.code);
  const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  return dup < 0 ? undefined : { name: `lots[${dup}].code`, code: RoundErrorCode.DUPLICATE_LOT, reason: `lot ${codes[dup]} appears twice` };
}

/**
 * Who sees a round: a provider every round (it bids in them); municipal staff a round held for
 * at least one of their municipalities (ARCHITECTURE §6, non-personal data).
 */
export function roundVisible(scope: { municipalities: readonly string[]; providerAgb?: string }, round: { municipalities: readonly string[] }): boolean {
  return scope.providerAgb !== undefined || round.municipalities.some((m) => scope.municipalities.includes(m));
}
