/** A column of an `unnest` bulk statement: its PostgreSQL type and how to read it from a row. */
export type UnnestColumn<T> = readonly [pgType: string, value: (row: T) => unknown];

export interface Unnested {
  /** `col_a, col_b` for an INSERT's column list. */
  columns: string;
  /** `unnest($1::uuid[], $2::int[]) AS u(col_a, col_b)`, to select from or join. */
  from: string;
  /** One array per column, in order: the statement's parameters from `$first` on. */
  params: unknown[][];
}

/**
 * Many rows in one statement, as PostgreSQL arrays per column (one round trip, one plan, and no
 * parameter limit): `INSERT INTO t (${u.columns}) SELECT * FROM ${u.from}`. The column names are
 * written by the code, never taken from input.
 *
 *   const u = unnest(list, { lineage_id: ['uuid', (m) => m.lineageId], delta_cents: ['bigint', (m) => m.deltaCents] });
 */
export function unnest<T>(rows: readonly T[], columns: Readonly<Record<string, UnnestColumn<T>>>, first = 1, alias = 'u'): Unnested {
  const entries = Object.entries(columns);
  for (const [name] of entries) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unnest: "${name}" is not a column name`);
  return {
    columns: entries.map(([name]) => name).join(', '),
    from: `unnest(${entries.map(([, [type]], i) => `$${first + i}::${type}[]`).join(', ')}) AS ${alias}(${entries.map(([name]) => name).join(', ')})`,
    params: entries.map(([, [, value]]) => rows.map(value)),
  };
}
