import type { DisclosureNote } from './types';
// The trends endpoint (GET /v1/kpis/trends): one count per period bucket, per group and in total.
import type { Filters } from '../filters/filters';
import { getAnalytics } from './http';
import { GROUP_BY_VALUES, type Count, type GroupBy } from './types';
import { countCell, disclosureNote, isObj, obj, ResponseShapeError } from './validate';

/** The service's TREND_METRIC_NAMES (services/analytics/src/trends/trend-window.ts), in its order. */
export const TREND_METRICS = ['enrolled', 'assessed', 'trained', 'internshipsStarted', 'placed', 'dropouts'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const TREND_INTERVALS = ['month', 'quarter', 'year'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

export interface TrendPoint {
  /** First day of the bucket (ISO date). */
  period: string;
  value: Count;
}

export interface TrendSeries {
  total: Count;
  series: TrendPoint[];
}

export interface TrendGroup extends TrendSeries {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
}

export interface ViewFiltersEcho {
  from: string | null;
  to: string | null;
  asOf: string | null;
  country: string | null;
  site: string | null;
  programme: string | null;
}

export interface TrendsResponse {
  groupBy: GroupBy;
  filters: ViewFiltersEcho;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  metric: TrendMetric;
  interval: TrendInterval;
  periods: string[];
  groups: TrendGroup[];
  totals: TrendSeries;
}

export interface TrendsQuery {
  metric: TrendMetric;
  interval: TrendInterval;
}

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function series(v: unknown, path: string): TrendSeries {
  const o = obj(v, path);
  if (!Array.isArray(o.series)) throw new ResponseShapeError(`${path}.series`);
  return {
    total: countCell(o.total, `${path}.total`),
    series: o.series.map((p, i) => {
      const po = obj(p, `${path}.series[${i}]`);
      if (typeof po.period !== 'string') throw new ResponseShapeError(`${path}.series[${i}].period`);
      return { period: po.period, value: countCell(po.value, `${path}.series[${i}].value`) };
    }),
  };
}

export function filtersEcho(v: unknown): ViewFiltersEcho {
  const f = isObj(v) ? v : {};
  return { from: strOrNull(f.from), to: strOrNull(f.to), asOf: strOrNull(f.asOf), country: strOrNull(f.country), site: strOrNull(f.site), programme: strOrNull(f.programme) };
}

export function parseGroupBy(v: unknown): GroupBy {
  if (typeof v !== 'string' || !(GROUP_BY_VALUES as readonly string[]).includes(v)) throw new ResponseShapeError('$.groupBy');
  return v as GroupBy;
}

export function parseTrendsResponse(body: unknown): TrendsResponse {
  const o = obj(body, '$');
  const groupBy = parseGroupBy(o.groupBy);
  if (typeof o.metric !== 'string' || !(TREND_METRICS as readonly string[]).includes(o.metric)) throw new ResponseShapeError('$.metric');
  if (typeof o.interval !== 'string' || !(TREND_INTERVALS as readonly string[]).includes(o.interval)) throw new ResponseShapeError('$.interval');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  if (!Array.isArray(o.periods) || !o.periods.every((p) => typeof p === 'string')) throw new ResponseShapeError('$.periods');
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  return {
    groupBy,
    filters: filtersEcho(o.filters),
    minCell: o.minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
    metric: o.metric as TrendMetric,
    interval: o.interval as TrendInterval,
    periods: o.periods as string[],
    groups: o.groups.map((g, i) => {
      const path = `$.groups[${i}]`;
      const go = obj(g, path);
      if (typeof go.key !== 'string' || typeof go.label !== 'string') throw new ResponseShapeError(`${path}.key`);
      return { key: go.key, label: go.label, country: strOrNull(go.country), programme: strOrNull(go.programme), ...series(go, path) };
    }),
    totals: series(o.totals, '$.totals'),
  };
}

/** The query the endpoint accepts; it rejects unknown parameters, so `lang` stays out. */
export function trendsQuery(filters: Filters, q: TrendsQuery): Record<string, string | null> {
  return {
    metric: q.metric,
    interval: q.interval,
    groupBy: filters.groupBy,
    programme: filters.programme,
    from: filters.from,
    to: filters.to,
    country: filters.country,
    site: filters.site,
  };
}

export function fetchTrends(token: string, filters: Filters, q: TrendsQuery, signal?: AbortSignal): Promise<TrendsResponse> {
  return getAnalytics('/v1/kpis/trends', parseTrendsResponse, { token, signal, query: trendsQuery(filters, q) });
}
