import { unnest } from './unnest';

describe(unnest.name, () => {
  const rows = [
    { id: 'a', cents: 100, note: null },
    { id: 'b', cents: 250, note: 'x' },
  ];

  it('should give the column list, the typed unnest and one array per column from the first parameter on', () => {
    const sut = unnest(rows, { id: ['uuid', (r) => r.id], delta_cents: ['bigint', (r) => r.cents], note: ['text', (r) => r.note] }, 3);
    expect(sut).toEqual({
      columns: 'id, delta_cents, note',
      from: 'unnest($3::uuid[], $4::bigint[], $5::text[]) AS u(id, delta_cents, note)',
      params: [['a', 'b'], [100, 250], [null, 'x']],
    });
  });

  it('should refuse a column name that is not a plain identifier', () => {
    expect(() => unnest(rows, { 'id; DROP TABLE x': ['uuid', (r) => r.id] })).toThrow(/not a column name/);
  });
});
