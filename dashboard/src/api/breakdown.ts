// The breakdown endpoint (GET /v1/kpis/breakdown): a count, or the placement rate, per category
// of one attribute (sex, age band, …), per group and in total.
import type { AnalyticsPaths, QueryOf, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics, type QueryInput } from './http';
import { allOf } from './types';

export type BreakdownResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/breakdown'>;
export type BreakdownGroup = BreakdownResponse['groups'][number];
/** A group's or the totals' figures: one in total and one per category. */
export type BreakdownOf = BreakdownResponse['totals'];
/** One category's figures (for placementRate `count` is the rate's numerator, `rate` is null otherwise). */
export type BreakdownCell = BreakdownOf['categories'][number];
export type BreakdownFigure = BreakdownOf['total'];

export type BreakdownMetric = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/breakdown'>['metric']>;
export type BreakdownDimension = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/breakdown'>['by']>;

/** Every metric and attribute the endpoint breaks down, in the order the view offers them. */
export const BREAKDOWN_METRICS = allOf<BreakdownMetric>()(['placementRate', 'enrolled', 'placed', 'trained', 'internshipsStarted', 'dropouts']);
export const BREAKDOWN_DIMENSIONS = allOf<BreakdownDimension>()(['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType']);

export interface BreakdownQuery {
  metric: BreakdownMetric;
  by: BreakdownDimension;
}

/** The query the endpoint accepts; it rejects unknown parameters, so `lang` stays out. */
export function breakdownQuery(filters: Filters, q: BreakdownQuery) {
  return { metric: q.metric, by: q.by, ...overviewQuery(filters) } satisfies QueryInput<'/v1/kpis/breakdown'>;
}

export function fetchBreakdown(token: string, filters: Filters, q: BreakdownQuery, signal?: AbortSignal): Promise<BreakdownResponse> {
  return getAnalytics('/v1/kpis/breakdown', { token, signal, query: breakdownQuery(filters, q) });
}
