import { DomainError } from '@vangnet/contracts';

export enum CatalogueErrorCode {
  /** The entry's period has started (or starts today): it cannot be added, changed or removed any more. */
  CATALOGUE_PERIOD_STARTED = 'CATALOGUE_PERIOD_STARTED',
  CATALOGUE_VERSION_OVERLAP = 'CATALOGUE_VERSION_OVERLAP',
  ENTRY_OUTSIDE_YEAR = 'ENTRY_OUTSIDE_YEAR',
  DUPLICATE_ENTRY = 'DUPLICATE_ENTRY',
  CATALOGUE_ENTRY_NOT_FOUND = 'CATALOGUE_ENTRY_NOT_FOUND',
}

export class CatalogueError extends DomainError<CatalogueErrorCode> {}
