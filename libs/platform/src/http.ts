import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommonErrorCode, DomainError } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';

/** Lists are cursor-paginated: `?limit=&cursor=`; extend this in a route's query class. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error();
    return value as T;
  } catch {
    throw new ValidationFailedError([{ name: 'cursor', code: 'INVALID_CURSOR', reason: 'cursor is not one this API gave out' }], 'the query has invalid parameters');
  }
}

/** Build a page from `limit + 1` rows: the extra row only says there is a next page. */
export function toPage<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, unknown>): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(positionOf(items[items.length - 1])) : null };
}

/** Weak ETag of a row version. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * Check an If-Match header against the current version: a stale one is 412. Missing is allowed
 * unless `required`.
 */
export function checkIfMatch(header: string | undefined, currentVersion: number, required = false): void {
  if (!header) {
    if (required) throw new DomainError('PRECONDITION_REQUIRED', 'this update needs an If-Match header with the ETag', 428);
    return;
  }
  const tags = header.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.includes(etagOf(currentVersion)) || tags.includes(`"${currentVersion}"`)) return;
  throw new DomainError(CommonErrorCode.PRECONDITION_FAILED, `the resource changed (now ${etagOf(currentVersion)}); read it again`, 412);
}
