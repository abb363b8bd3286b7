/**
 * The record, when there is one and the caller may see it; otherwise the feature's 404. One answer
 * for both, so a record of another municipality (or provider) is as absent as one that never was:
 *
 *   const row = foundOr404(await this.repo.find(id), () => ObjectionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
 */
export function foundOr404<T>(value: T | null | undefined, notFound: () => Error, visible: (value: T) => boolean = () => true): T {
  if (value === null || value === undefined || !visible(value)) throw notFound();
  return value;
}

/**
 * A value the code above guarantees (a row this request just wrote or locked, a key it just set).
 * Missing means a bug, not bad input: a plain error, which the filter answers as a 500.
 */
export function mustExist<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`invariant broken: ${what} is missing`);
  return value;
}
