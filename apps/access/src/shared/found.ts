/** A row this request just wrote or locked must be there; if not, that is a bug, not bad input. */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} vanished within its own request`);
  return value;
}
