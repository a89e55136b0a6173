import { siteTotals, typesOf, type TypedRow } from '../kpis/organisation-measures';
import { perHundred } from './cluster-figures';

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

describe('perHundred', () => {
  it('gives active members per 100 enrolled, one decimal', () => {
    expect(perHundred(shown(7), shown(300))).toBe(2.3);
    expect(perHundred(shown(0), shown(40))).toBe(0);
  });
  it('is null when a part is hidden or nobody enrolled', () => {
    expect(perHundred(hidden, shown(40))).toBeNull();
    expect(perHundred(shown(4), hidden)).toBeNull();
    expect(perHundred(shown(4), shown(0))).toBeNull();
  });
});

describe('organisation rows', () => {
  const rows: TypedRow[] = [
    { site_code: 'IT-RM', type: 'enterprise', values: { members: { n: 3, key: 0 }, active: { n: 2, key: 0 } } },
    { site_code: 'IT-RM', type: '', values: { members: { n: 1, key: 0 }, active: { n: 1, key: 0 } } },
    { site_code: 'GR-ATH', type: 'enterprise', values: { members: { n: 4, key: 0 }, active: { n: 0, key: 0 } } },
  ];
  it('lists the contract types first, then unknown ones', () => {
    const types = typesOf(rows);
    expect(types.slice(-1)).toEqual(['unknown']);
    expect(types).toContain('enterprise');
  });
  it('sums a field per site in the order of the sites, 0 where a site has none', () => {
    const sites = [
      { code: 'GR-ATH', country: 'GR', programme: 'AMIL' },
      { code: 'IT-MI', country: 'IT', programme: 'LIME' },
      { code: 'IT-RM', country: 'IT', programme: 'AMIL' },
    ];
    expect(siteTotals(rows, sites, 'enterprise', 'members').map((t) => t.n)).toEqual([4, 0, 3]);
    expect(siteTotals(rows, sites, 'unknown', 'active').map((t) => t.n)).toEqual([0, 0, 1]);
  });
});
