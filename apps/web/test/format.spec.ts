import { axisFormatter, formatCents, formatCentsWhole, formatDecimalInput, formatNumber, monthsOf, parseDecimal, tooltipFormatter } from '../src/format';

// Intl puts a no-break space between the euro sign and the amount.
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('Dutch notation on the charts', () => {
  it('should group thousands with points and write decimals with a comma, never ECharts’ 50,000,000', () => {
    expect(axisFormatter('number')(50_000_000)).toBe('50.000.000');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(tooltipFormatter('number')(12_345)).toBe('12.345');
  });

  it('should show amounts in eurocents as euros: whole on an axis, with cents in a tooltip', () => {
    expect(plain(axisFormatter('cents')(5_000_000_000))).toBe('€ 50.000.000');
    expect(plain(formatCentsWhole(123_456))).toBe('€ 1.235');
    expect(plain(tooltipFormatter('cents')(123_456))).toBe('€ 1.234,56');
    expect(plain(formatCents(-5))).toBe('€ -0,05');
    expect(tooltipFormatter('cents')(undefined)).toBe('—');
  });
});

describe(parseDecimal.name, () => {
  it.each([
    ['0,1', 0.1],
    ['0.1', 0.1],
    ['30', 30],
    [' -2,5 ', -2.5],
    ['1.000', 1000],
    ['1.000,25', 1000.25],
    ['0.125', 0.125],
  ])('should read %j as a Dutch user means it', (text, n) => {
    expect(parseDecimal(text)).toBe(n);
  });

  it.each(['', 'veel', '1,2,3', '1e3', '--1'])('should leave %j to the API to refuse', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('should write a weight back as a Dutch reader types it', () => {
    expect(formatDecimalInput(0.1)).toBe('0,1');
    expect(formatDecimalInput(10_000)).toBe('10000');
    expect(parseDecimal(formatDecimalInput(12.25))).toBe(12.25);
  });
});

describe('the months of a period', () => {
  it('should list every month from the first to the last, across a year', () => {
    expect(monthsOf('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsOf('2026-05', '2026-04')).toEqual([]);
    expect(monthsOf('', '2026-04')).toEqual([]);
  });
});
