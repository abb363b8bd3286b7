import { DomainError } from '@vangnet/contracts';

export enum RoundErrorCode {
  ROUND_NOT_FOUND = 'ROUND_NOT_FOUND',
  ROUND_EXISTS = 'ROUND_EXISTS',
  DUPLICATE_LOT = 'DUPLICATE_LOT',
}

export class RoundError extends DomainError<RoundErrorCode> {
  static missing(id: string): RoundError {
    return new RoundError(RoundErrorCode.ROUND_NOT_FOUND, `round ${id} does not exist`, 404);
  }

  static nameTaken(name: string): RoundError {
    return new RoundError(RoundErrorCode.ROUND_EXISTS, `a round named "${name}" exists`, 409, [{ name: 'name', code: RoundErrorCode.ROUND_EXISTS, reason: 'the name is taken' }]);
  }
}
