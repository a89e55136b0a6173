import { formalDefinition, indicatorsPeriod, type IndicatorsResponse } from '@/api/indicators';
import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import { toCsv } from '@/charts/data-table';
import { anySuppressed, indicatorTable, type IndicatorTableLabels } from './indicator-rows';

// Cut down from a real /v1/indicators answer: one indicator of each kind.
const body: IndicatorsResponse = {
  period: { label: null, from: '1900-01-01', to: '2299-12-31' },
  asOf: '2026-11-24',
  lang: 'en',
  filters: { country: null, programme: null, site: null },
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:52.554Z',
  indicators: [
    {
      code: 'MEIC-01',
      title: 'Participants enrolled (of whom women)',
      description: 'People whose first enrolment falls in the period.',
      unit: 'participants',
      kind: 'count',
      disaggregations: ['sex'],
      value: { value: 5036, suppressed: false },
      of: [{ key: 'women', title: 'Women', value: { value: 2037, suppressed: false } }],
      rates: [],
      median: null,
      byType: [],
      target: { kind: 'enrolled', value: 5460, progressPct: 92.2 },
    },
    {
      code: 'MEIC-09',
      title: 'Placement rate within 6 and within 12 months of enrolment (cohort)',
      description: '',
      unit: 'percent',
      kind: 'rate',
      disaggregations: [],
      value: null,
      of: [],
      rates: [
        { key: 'within6', title: 'Within 6 months', rate: { value: 13.7, low: 12.6, high: 14.9, numerator: 506, denominator: 3691, suppressed: false } },
        { key: 'within12', title: 'Within 12 months', rate: { value: 40, low: 20, high: 60, numerator: 2, denominator: 5, suppressed: true } },
      ],
      median: null,
      byType: [],
      target: null,
    },
    {
      code: 'MEIC-10',
      title: 'Median days from enrolment to placement (Kaplan–Meier)',
      description: '',
      unit: 'days',
      kind: 'median_days',
      disaggregations: [],
      value: null,
      of: [],
      rates: [],
      median: { days: null, cohort: { value: 5036, suppressed: false } },
      byType: [],
      target: null,
    },
    {
      code: 'MEIC-14',
      title: 'Cluster members by organisation type',
      description: '',
      unit: 'organisations',
      kind: 'organisations',
      disaggregations: [],
      value: null,
      of: [],
      rates: [],
      median: null,
      byType: [{ type: 'enterprise', counts: { members: { value: 40, suppressed: false }, active: { value: null, suppressed: true } } }],
      target: null,
    },
  ],
};

const labels: IndicatorTableLabels = {
  caption: 'Indicators',
  code: 'Code',
  indicator: 'Indicator',
  measure: 'Figure',
  count: 'Count',
  rate: 'Rate',
  medianDays: 'Median days',
  target: 'Target',
  progress: 'Progress',
  total: 'All',
  rate1: 'Rate',
  median: 'Median',
  notReached: 'not reached',
  orgType: (t) => (t === 'enterprise' ? 'Enterprise' : t),
  countName: (k) => k,
};

const table = indicatorTable(withholdSuppressed(body), labels);
const cells = (key: string) => table.rows.find((r) => r.key === key)?.cells;

describe('indicatorTable', () => {
  it('gives a count its target and progress, and each sub-count its own row', () => {
    expect(cells('MEIC-01-0')).toEqual(['MEIC-01', 'Participants enrolled (of whom women)', 'All', { value: 5036, suppressed: false }, null, null, 5460, 92.2]);
    expect(cells('MEIC-01-1')?.slice(2, 4)).toEqual(['Women', { value: 2037, suppressed: false }]);
  });

  it('keeps each rate with its interval, and a suppressed rate without numbers', () => {
    expect(cells('MEIC-09-0')?.[4]).toEqual({ value: 13.7, low: 12.6, high: 14.9, numerator: 506, denominator: 3691, suppressed: false });
    expect(cells('MEIC-09-1')?.[4]).toEqual({ value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true });
  });

  it('says a median is not reached rather than showing a number', () => {
    expect(cells('MEIC-10-0')?.slice(2, 6)).toEqual(['Median', { value: 5036, suppressed: false }, null, 'not reached']);
  });

  it('lists counts per organisation type, suppressed ones as suppressed', () => {
    expect(cells('MEIC-14-1')?.slice(2, 4)).toEqual(['Enterprise · active', { value: null, suppressed: true }]);
    expect(anySuppressed(table.rows)).toBe(true);
  });

  it('spans code and title over the rows of their indicator', () => {
    expect(table.rows.filter((r) => r.code === 'MEIC-01').map((r) => [r.first, r.span])).toEqual([
      [true, 2],
      [false, 0],
    ]);
  });

  it('exports suppressed as suppressed and rate intervals as columns', () => {
    const csv = toCsv(table, { suppressed: 'suppressed', ciLow: (l) => `${l} low`, ciHigh: (l) => `${l} high` }).split('\r\n');
    expect(csv[0]).toBe('Code,Indicator,Figure,Count,Rate,Rate low,Rate high,Median days,Target,Progress');
    expect(csv).toContain('MEIC-09,Placement rate within 6 and within 12 months of enrolment (cohort),Within 6 months,,13.7,12.6,14.9,,,');
    expect(csv).toContain('MEIC-14,Cluster members by organisation type,Enterprise · active,suppressed,,,,,,');
  });
});

describe('indicatorsPeriod', () => {
  it('sends a closed range only when both dates are set', () => {
    expect(indicatorsPeriod({ from: '2025-01-01', to: '2025-06-30' })).toBe('2025-01-01..2025-06-30');
    expect(indicatorsPeriod({ from: '2025-01-01', to: null })).toBeNull();
  });
});

describe('formalDefinition', () => {
  it('keeps the kind-specific part of a catalogue entry, not the fields shown as such', () => {
    const entry = {
      code: 'MEIC-09',
      title: { en: 'Placement rate', it: 'Tasso di inserimento', el: 'Ποσοστό τοποθέτησης' },
      description: { en: 'Placed within 6 months of enrolment.' },
      unit: 'percent',
      kind: 'rate' as const,
      disaggregations: ['sex' as const],
      numerator: { step: 'placed', withinDays: 183 },
    };
    expect(formalDefinition(entry)).toEqual({ numerator: { step: 'placed', withinDays: 183 } });
  });
});
