import { DomainError } from '@vangnet/contracts';

export enum PlacementErrorCode {
  PLACEMENT_NOT_FOUND = 'PLACEMENT_NOT_FOUND',
  PLACEMENT_SOURCE = 'PLACEMENT_SOURCE',
  START_IN_FUTURE = 'START_IN_FUTURE',
  START_BEFORE_OFFER = 'START_BEFORE_OFFER',
  END_BEFORE_START = 'END_BEFORE_START',
  END_IN_FUTURE = 'END_IN_FUTURE',
  PLACEMENT_ENDED = 'PLACEMENT_ENDED',
  PLACE_NOT_FREE = 'PLACE_NOT_FREE',
  PERSON_ALREADY_PLACED = 'PERSON_ALREADY_PLACED',
  NOT_A_CRISIS_PLACE = 'NOT_A_CRISIS_PLACE',
  ENTRY_NOT_DIRECT = 'ENTRY_NOT_DIRECT',
  PSEUDONYM_MISMATCH = 'PSEUDONYM_MISMATCH',
}

export class PlacementError extends DomainError<PlacementErrorCode> {
  static missing(id: string): PlacementError {
    return new PlacementError(PlacementErrorCode.PLACEMENT_NOT_FOUND, `no placement ${id} among yours`, 404);
  }
}
