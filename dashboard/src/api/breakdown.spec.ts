import { breakdownQuery, parseBreakdownResponse } from './breakdown';
import { parseTrendsResponse, trendsQuery } from './trends';
import { ResponseShapeError } from './validate';
import { EMPTY_FILTERS } from '../filters/filters';

const header = {
  groupBy: 'country',
  filters: { from: '2024-10-01', to: '2026-11-24', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  generatedAt: '2026-11-24T14:24:51.908Z',
};

describe('parseTrendsResponse', () => {
  it('keeps the figures and drops a number sent in a suppressed cell', () => {
    const r = parseTrendsResponse({
      ...header,
      metric: 'placed',
      interval: 'quarter',
      periods: ['2026-07-01'],
      groups: [{ key: 'CY', label: 'CY', country: 'CY', programme: null, total: { value: 176, suppressed: false }, series: [{ period: '2026-07-01', value: { value: 4, suppressed: true } }] }],
      totals: { total: { value: 176, suppressed: false }, series: [{ period: '2026-07-01', value: { value: 50, suppressed: false } }] },
    });
    expect(r.groups[0]?.series[0]?.value).toEqual({ value: null, suppressed: true });
    expect(r.totals.series[0]?.value).toEqual({ value: 50, suppressed: false });
    expect(r.filters.asOf).toBe('2026-11-24');
  });

  it('reports a body of another shape', () => {
    expect(() => parseTrendsResponse({ ...header, metric: 'placed', interval: 'week', periods: [], groups: [], totals: { total: { value: 0, suppressed: false }, series: [] } })).toThrow(ResponseShapeError);
    expect(() => parseTrendsResponse({ ...header, metric: 'placed', interval: 'month', periods: [], groups: [{ key: 'CY' }], totals: {} })).toThrow(ResponseShapeError);
  });
});

describe('parseBreakdownResponse', () => {
  it('reads exhaustive and a null rate for count metrics', () => {
    const r = parseBreakdownResponse({
      ...header,
      metric: 'enrolled',
      by: 'courseType',
      exhaustive: false,
      categories: ['none'],
      groups: [],
      totals: { total: { count: { value: 960, suppressed: false }, rate: null }, categories: [{ category: 'none', count: { value: 40, suppressed: false }, rate: null }] },
    });
    expect(r.exhaustive).toBe(false);
    expect(r.totals.categories[0]).toEqual({ category: 'none', count: { value: 40, suppressed: false }, rate: null });
  });

  it('reports an unknown dimension', () => {
    expect(() => parseBreakdownResponse({ ...header, metric: 'enrolled', by: 'religion', exhaustive: true, categories: [], groups: [], totals: { total: {}, categories: [] } })).toThrow(ResponseShapeError);
  });
});

describe('queries', () => {
  it('send the view parameters and filters, never lang', () => {
    const filters = { ...EMPTY_FILTERS, country: 'IT', groupBy: 'site' as const };
    expect(trendsQuery(filters, { metric: 'placed', interval: 'quarter' })).toEqual({ metric: 'placed', interval: 'quarter', groupBy: 'site', programme: null, from: null, to: null, country: 'IT', site: null });
    expect(Object.keys(breakdownQuery(filters, { metric: 'placementRate', by: 'sex' }))).not.toContain('lang');
  });
});
