import { overviewQuery } from '@/api/analytics';
import { DEFAULT_GROUP_BY, EMPTY_FILTERS, RESET_FILTERS, hasActiveFilters, isIsoDate, isRangeValid, parseFilters, parseLang, serializeQuery, updateFilters, viewParams } from './filters';

describe('parseFilters', () => {
  it('reads every filter from the query string', () => {
    expect(parseFilters('?programme=AMIL&country=IT&site=IT-RM&from=2025-01-01&to=2025-12-31&groupBy=programme&lang=it')).toEqual({
      programme: 'AMIL',
      country: 'IT',
      site: 'IT-RM',
      from: '2025-01-01',
      to: '2025-12-31',
      groupBy: 'programme',
    });
  });

  it('uses the API default grouping when groupBy is missing or unknown', () => {
    expect(parseFilters('').groupBy).toBe(DEFAULT_GROUP_BY);
    expect(parseFilters('?groupBy=planet').groupBy).toBe(DEFAULT_GROUP_BY);
  });

  it('drops values the API would reject instead of sending them', () => {
    const f = parseFilters('?country=Italy&site=rome&from=2025-02-30&to=yesterday&programme=%3Cscript%3E');
    expect(f).toEqual({ ...EMPTY_FILTERS });
  });

  it('accepts lower-case codes and normalises them', () => {
    expect(parseFilters('?country=it&site=cy-nic')).toMatchObject({ country: 'IT', site: 'CY-NIC' });
  });
});

describe('serializeQuery', () => {
  it('writes a canonical, ordered query, leaving out empty values and the default grouping', () => {
    const f = { ...EMPTY_FILTERS, site: 'IT-RM', country: 'IT', from: '2025-01-01' };
    expect(serializeQuery(f, 'el')).toBe('?country=IT&site=IT-RM&from=2025-01-01&lang=el');
    expect(serializeQuery(EMPTY_FILTERS, null)).toBe('');
    expect(serializeQuery({ ...EMPTY_FILTERS, groupBy: 'country' }, 'en')).toBe('?groupBy=country&lang=en');
  });

  it('round-trips: a copied link reproduces the same view', () => {
    const search = '?programme=AMIL&country=GR&site=GR-ATH&from=2025-03-01&to=2025-06-30&groupBy=programme&lang=it';
    expect(serializeQuery(parseFilters(search), parseLang(search))).toBe(search);
  });
});

describe('parseLang', () => {
  it('knows en, it and el only', () => {
    expect(parseLang('?lang=el')).toBe('el');
    expect(parseLang('?lang=fr')).toBeNull();
    expect(parseLang('')).toBeNull();
  });
});

describe('updateFilters', () => {
  it('drops a site outside a newly chosen country', () => {
    const current = { ...EMPTY_FILTERS, country: 'IT', site: 'IT-RM' };
    expect(updateFilters(current, { country: 'CY' })).toMatchObject({ country: 'CY', site: null });
    expect(updateFilters(current, { country: 'IT' })).toMatchObject({ country: 'IT', site: 'IT-RM' });
  });

  it('moves the country to the chosen site', () => {
    expect(updateFilters({ ...EMPTY_FILTERS, country: 'IT' }, { site: 'GR-ATH' })).toMatchObject({ country: 'GR', site: 'GR-ATH' });
  });
});

describe('dates and ranges', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });

  it('rejects a range that ends before it starts', () => {
    expect(isRangeValid({ from: '2025-06-01', to: '2025-01-01' })).toBe(false);
    expect(isRangeValid({ from: '2025-01-01', to: '2025-01-01' })).toBe(true);
    expect(isRangeValid({ from: null, to: '2025-01-01' })).toBe(true);
  });

  it('knows when any filter is set', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, groupBy: 'country' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, to: '2025-01-01' })).toBe(true);
  });
});

describe('overviewQuery', () => {
  it('sends the filters the overview endpoint accepts, and never the language', () => {
    const q = overviewQuery(parseFilters('?country=IT&groupBy=country&lang=it'));
    expect(q).toEqual({ groupBy: 'country', programme: null, from: null, to: null, country: 'IT', site: null });
    expect(Object.keys(q)).not.toContain('lang');
  });
});

describe('view parameters', () => {
  it('keeps a view’s own parameters between the shared filters and the language, so a link reproduces the view', () => {
    const search = '?lang=it&by=sex&country=GR&metric=placementRate&groupBy=site';
    expect(viewParams(search)).toEqual([
      ['by', 'sex'],
      ['metric', 'placementRate'],
    ]);
    expect(serializeQuery(parseFilters(search), 'it', viewParams(search))).toBe('?country=GR&by=sex&metric=placementRate&lang=it');
  });
});

describe('RESET_FILTERS', () => {
  it('clears every filter and keeps the grouping', () => {
    const all = parseFilters('?programme=AMIL&country=IT&site=IT-RM&from=2025-01-01&to=2025-12-31&groupBy=country');
    const reset = updateFilters(all, RESET_FILTERS);
    expect(reset).toEqual({ ...EMPTY_FILTERS, groupBy: 'country' });
    expect(hasActiveFilters(reset)).toBe(false);
  });
});
