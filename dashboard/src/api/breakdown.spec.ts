import { overviewQuery } from './analytics';
import { breakdownQuery } from './breakdown';
import { cohortsQuery, EMPTY_COHORT } from './cohorts';
import { definedQuery } from './http';
import { trendsQuery } from './trends';
import { EMPTY_FILTERS } from '@/filters/filters';

describe('queries', () => {
  it('send the view parameters and filters, never lang', () => {
    const filters = { ...EMPTY_FILTERS, country: 'IT', groupBy: 'site' as const };
    expect(trendsQuery(filters, { metric: 'placed', interval: 'quarter' })).toEqual({ metric: 'placed', interval: 'quarter', groupBy: 'site', programme: null, from: null, to: null, country: 'IT', site: null });
    expect(Object.keys(breakdownQuery(filters, { metric: 'placementRate', by: 'sex' }))).not.toContain('lang');
  });

  it('leave out empty values when sent', () => {
    const filters = { ...EMPTY_FILTERS, country: 'IT', groupBy: 'site' as const };
    expect(definedQuery(overviewQuery(filters))).toEqual({ groupBy: 'site', country: 'IT' });
  });

  it('prefix each cohort field with its cohort, an unknown activity left out', () => {
    const q = cohortsQuery({ ...EMPTY_COHORT, programme: 'LIME', activity: 'placed' }, { ...EMPTY_COHORT, site: 'IT-RM', activity: 'flying' });
    expect(definedQuery(q)).toEqual({ 'a.programme': 'LIME', 'a.activity': 'placed', 'b.site': 'IT-RM' });
    expect(Object.keys(q)).toHaveLength(12);
  });
});
