import { Problem } from '@meic/service-kit';
import { bucketStart, trendWindow } from './trend-window';

const problemOf = (f: () => unknown): Problem => {
  try {
    f();
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a problem');
};

describe('trendWindow', () => {
  it('ends at asOf and starts with the bucket 24 months earlier when neither bound is given', () => {
    // 2026-09-30 − 24 months = 2024-09-30, in the month starting 2024-09-01: Sep 2024 … Sep 2026 = 25 months
    const w = trendWindow({}, 'month', '2026-09-30');
    expect(w.from).toBe('2024-09-01');
    expect(w.to).toBe('2026-09-30');
    expect(w.buckets).toHaveLength(25);
    expect(w.buckets[0]).toBe('2024-09-01');
    expect(w.buckets[24]).toBe('2026-09-01');
  });

  it('anchors the default start on `to` when it is before asOf', () => {
    // 2025-05-15 − 24 months = 2023-05-15 → quarter starting 2023-04-01; quarters 2023-Q2 … 2025-Q2 = 9
    const w = trendWindow({ to: '2025-05-15' }, 'quarter', '2026-09-30');
    expect(w.from).toBe('2023-04-01');
    expect(w.buckets).toEqual(['2023-04-01', '2023-07-01', '2023-10-01', '2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-04-01']);
  });

  it('keeps an explicit period, every bucket of it', () => {
    const w = trendWindow({ from: '2025-01-10', to: '2025-03-31' }, 'month', '2026-09-30');
    expect(w).toEqual({ from: '2025-01-10', to: '2025-03-31', buckets: ['2025-01-01', '2025-02-01', '2025-03-01'] });
  });

  it('refuses more than 120 buckets with a 422 naming interval', () => {
    // 2010-01 … 2020-01 = 121 months
    const p = problemOf(() => trendWindow({ from: '2010-01-01', to: '2020-01-01' }, 'month', '2026-09-30'));
    expect(p.body.status).toBe(422);
    expect(p.body.errors?.[0]?.path).toBe('/interval');
    // the same period by year is 11 buckets
    expect(trendWindow({ from: '2010-01-01', to: '2020-01-01' }, 'year', '2026-09-30').buckets).toHaveLength(11);
    // exactly 120 months (2010-01 … 2019-12) is allowed
    expect(trendWindow({ from: '2010-01-01', to: '2019-12-31' }, 'month', '2026-09-30').buckets).toHaveLength(120);
  });

  it('refuses a start after the end, naming from', () => {
    const p = problemOf(() => trendWindow({ from: '2025-05-01', to: '2025-04-01' }, 'month', '2026-09-30'));
    expect(p.body.status).toBe(422);
    expect(p.body.errors?.[0]?.path).toBe('/from');
  });
});

describe('bucketStart', () => {
  it('gives the first day of the month, quarter or year', () => {
    expect(bucketStart('2025-08-17', 'month')).toBe('2025-08-01');
    expect(bucketStart('2025-08-17', 'quarter')).toBe('2025-07-01');
    expect(bucketStart('2025-08-17', 'year')).toBe('2025-01-01');
  });
});
