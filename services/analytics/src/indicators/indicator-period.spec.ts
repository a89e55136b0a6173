import { parsePeriod, PeriodError, WHOLE_HISTORY } from './indicator-period';

describe('parsePeriod', () => {
  it('reads a year, a quarter, a month and a range, inclusive', () => {
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    // Q1 = January–March; Q4 = October–December
    expect(parsePeriod('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    // 2028 is a leap year: February has 29 days
    expect(parsePeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2026-01-15..2026-03-14')).toEqual({ from: '2026-01-15', to: '2026-03-14' });
  });

  it('is the whole history when absent', () => {
    expect(parsePeriod(undefined)).toBe(WHOLE_HISTORY);
  });

  it.each(['26', '2026-Q5', '2026-13', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', '2026-01-01', 'last year'])('rejects %s', (p) => {
    expect(() => parsePeriod(p)).toThrow(PeriodError);
  });
});
