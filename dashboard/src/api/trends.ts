// The trends endpoint (GET /v1/kpis/trends): one count per period bucket, per group and in total.
import type { AnalyticsPaths, QueryOf, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics, type QueryInput } from './http';
import { allOf } from './types';

export type TrendsResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/trends'>;
export type TrendGroup = TrendsResponse['groups'][number];
export type TrendSeries = TrendsResponse['totals'];
export type TrendPoint = TrendSeries['series'][number];

export type TrendMetric = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/trends'>['metric']>;
export type TrendInterval = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/trends'>['interval']>;

/** Every metric the endpoint counts, in the service's order. */
export const TREND_METRICS = allOf<TrendMetric>()(['enrolled', 'assessed', 'trained', 'internshipsStarted', 'placed', 'dropouts']);
export const TREND_INTERVALS = allOf<TrendInterval>()(['month', 'quarter', 'year']);

export interface TrendsQuery {
  metric: TrendMetric;
  interval: TrendInterval;
}

/** The query the endpoint accepts; it rejects unknown parameters, so `lang` stays out. */
export function trendsQuery(filters: Filters, q: TrendsQuery) {
  return { metric: q.metric, interval: q.interval, ...overviewQuery(filters) } satisfies QueryInput<'/v1/kpis/trends'>;
}

export function fetchTrends(token: string, filters: Filters, q: TrendsQuery, signal?: AbortSignal): Promise<TrendsResponse> {
  return getAnalytics('/v1/kpis/trends', { token, signal, query: trendsQuery(filters, q) });
}
