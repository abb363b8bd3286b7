import { parseLines, parseObjectLines } from './declarations.dto';

const good = {
  reference: 'R-1',
  provisionId: '3F1C2A9E-4B7D-4C1E-9A2B-0C1D2E3F4A5B',
  product: { category: '02', code: '02A01' },
  period: { start: '2026-05-01', end: '2026-05-31' },
  volume: 10,
  unit: 'HOUR',
  tariffCents: 6500,
  amountCents: 65_000,
  debitCredit: 'DEBIT',
};

describe(parseLines.name, () => {
  it('should convert valid lines, lower-casing the provision id', () => {
    const { lines, invalid } = parseLines([good], '2026-06-15');
    expect(invalid).toEqual([]);
    expect(lines[0]).toMatchObject({ lineNo: 1, provisionId: good.provisionId.toLowerCase(), category: '02', productCode: '02A01', periodEnd: '2026-05-31' });
  });

  it('should name every bad field with the platform’s codes', () => {
    const { invalid } = parseLines(
      [
        { ...good, amountCents: 1.5, extra: 1 },
        { ...good, period: { start: '2026-04-20', end: '2026-05-10' } },
        { ...good, period: { start: '2026-06-01', end: '2026-06-30' } },
        { ...good, debitCredit: 'CREDIT', provisionId: 'x', unit: 'WEEK', product: { category: '99' } },
        'not an object',
      ],
      '2026-06-15',
    );
    expect(invalid.map((p) => [p.name, p.code])).toEqual([
      ['lines[0].extra', 'UNKNOWN_FIELD'],
      ['lines[0].amountCents', 'INVALID_AMOUNT'],
      ['lines[1].period', 'PERIOD_SPANS_MONTHS'],
      ['lines[2].period.end', 'PERIOD_IN_FUTURE'],
      ['lines[3].provisionId', 'INVALID_UUID'],
      ['lines[3].product.category', 'UNKNOWN_VALUE'],
      ['lines[3].unit', 'UNKNOWN_VALUE'],
      ['lines[3].previousReference', 'REQUIRED'],
      ['lines[4]', 'INVALID_OBJECT'],
    ]);
  });

  // Its speed is measured by the finance bench (declaration assessment), never asserted here.
  it('should validate 100,000 lines', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ ...good, reference: `R${i}` }));
    const { lines, invalid } = parseLines(many, '2026-06-15');
    expect(lines).toHaveLength(100_000);
    expect(invalid).toEqual([]);
  });
});

describe(parseObjectLines.name, () => {
  const byReference = (o: Record<string, unknown> = {}) => JSON.stringify({ ...good, assignmentNumber: 12, personId: '9d1c2a9e-4b7d-4c1e-9a2b-0c1d2e3f4a5b', ...o });

  it('should read NDJSON lines as the HTTP route reads its lines, checking the number and the resident', () => {
    const { lines, invalid } = parseObjectLines(`${byReference()}\n${byReference({ reference: 'R-2' })}\n`, 2, '2026-06-15');
    expect(invalid).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ lineNo: 2, reference: 'R-2', provisionId: good.provisionId.toLowerCase() });
  });

  it('should name what is wrong: the count, a line that is no JSON, the extra fields, the HTTP route’s rules', () => {
    expect(parseObjectLines(byReference(), 2, '2026-06-15').invalid.map((p) => [p.name, p.code])).toEqual([['lineCount', 'LINE_COUNT_MISMATCH']]);
    expect(parseObjectLines('{"reference":', 1, '2026-06-15').invalid.map((p) => [p.name, p.code])).toEqual([['lines[0]', 'INVALID_JSON']]);
    expect(parseObjectLines(byReference({ assignmentNumber: 0, personId: 'x' }), 1, '2026-06-15').invalid.map((p) => [p.name, p.code])).toEqual([
      ['lines[0].assignmentNumber', 'INVALID_ASSIGNMENT_NUMBER'],
      ['lines[0].personId', 'INVALID_UUID'],
    ]);
    expect(parseObjectLines(byReference({ period: { start: '2026-06-01', end: '2026-06-30' } }), 1, '2026-06-15').invalid.map((p) => [p.name, p.code])).toEqual([
      ['lines[0].period.end', 'PERIOD_IN_FUTURE'],
    ]);
  });
});
