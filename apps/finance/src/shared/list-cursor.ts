import { isUUID } from 'class-validator';
import { createHash } from 'crypto';
import { ValidationFailedError } from '@vangnet/messaging';
import { decodeCursor, encodeCursor, Page } from '@vangnet/platform';

// A cursor is honoured only by the list and the query that gave it out (issue 13): the platform's
// codec carries the position, and beside it the list's name and a fingerprint of the query's
// filters. A cursor of another list, of the same list under other filters, or with a position of
// the wrong shape is the platform's own 400 (`cursor`, INVALID_CURSOR), never a first page, a
// position taken on trust, or a PostgreSQL error.

/** The kinds of value a position holds, each checked before it reaches SQL. */
const CHECKS = {
  uuid: (v: unknown) => typeof v === 'string' && isUUID(v),
  count: (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
} as const;

type Kind = keyof typeof CHECKS;
type ValueOf<K extends Kind> = K extends 'count' ? number : string;
export type Position<S extends Record<string, Kind>> = { [F in keyof S]: ValueOf<S[F]> };
/** The filters that choose the rows (not `limit`, not `cursor`). */
export type ListFilters = Record<string, string | number | boolean | null | undefined>;

export class ListCursor<S extends Record<string, Kind>> {
  constructor(
    private readonly list: string,
    private readonly shape: S,
  ) {}

  encode(filters: ListFilters, position: Position<S>): string {
    return encodeCursor({ list: this.list, query: fingerprint(filters), at: position });
  }

  /** A page from `limit + 1` rows (the platform's `toPage`), its next cursor bound to this list and these filters. */
  page<T>(filters: ListFilters, rows: T[], limit: number, positionOf: (last: T) => Position<S>): Page<T> {
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? this.encode(filters, positionOf(items[items.length - 1])) : null };
  }

  /** The position to continue after, or undefined without a cursor; 400 INVALID_CURSOR for one not given out by this list under these filters. */
  decode(filters: ListFilters, cursor: string | undefined): Position<S> | undefined {
    const raw = decodeCursor<{ list?: unknown; query?: unknown; at?: unknown }>(cursor);
    if (raw === undefined) return undefined;
    if (raw.list !== this.list || raw.query !== fingerprint(filters) || !this.fits(raw.at)) throw foreignCursor();
    return raw.at as Position<S>;
  }

  private fits(at: unknown): boolean {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return false;
    const fields = Object.keys(this.shape);
    const given = Object.keys(at);
    return given.length === fields.length && fields.every((f) => CHECKS[this.shape[f]]((at as Record<string, unknown>)[f]));
  }
}

function fingerprint(filters: ListFilters): string {
  const defined = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(defined)).digest('base64url').slice(0, 16);
}

/** The same answer the platform's codec gives for a cursor it cannot read. */
function foreignCursor(): ValidationFailedError {
  return new ValidationFailedError([{ name: 'cursor', code: 'INVALID_CURSOR', reason: 'cursor is not one this list gave out for this query' }], 'the query has invalid parameters');
}
