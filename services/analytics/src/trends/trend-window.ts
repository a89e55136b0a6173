import { intervalBuckets, type Step } from '../kpis/measures';
import { addMonthsIso } from '../kpi-views/kpi-groups';
import { badQuery } from '../kpi-views/bad-query.problem';

export const TREND_METRICS = {
  enrolled: 'enrolled',
  assessed: 'assessed',
  trained: 'courseCompleted',
  internshipsStarted: 'internshipStarted',
  placed: 'placed',
  dropouts: 'droppedOut',
} as const satisfies Record<string, Step>;
export type TrendMetric = keyof typeof TREND_METRICS;
export const TREND_METRIC_NAMES = Object.keys(TREND_METRICS) as TrendMetric[];

export type Interval = 'month' | 'quarter' | 'year';

/** More buckets than a chart can show. */
export const MAX_BUCKETS = 120;
/** Without `from`, series start this many months before their end. */
export const DEFAULT_MONTHS = 24;

export interface TrendWindow {
  from: string;
  to: string;
  buckets: string[];
}

/** Start of the month, quarter or year containing an ISO date. */
export function bucketStart(iso: string, interval: Interval): string {
  return intervalBuckets(iso, iso, interval)[0] ?? iso;
}

/**
 * The period a series covers and its buckets (their start dates). Without `to` it ends at the
 * evaluation date; without `from` it starts with the bucket holding the day 24 months before its
 * end (or before asOf, when `to` is later), so that an open query stays a bounded series.
 * A window of more than MAX_BUCKETS buckets is refused, naming `interval` (the field to coarsen).
 */
export function trendWindow(query: { from?: string; to?: string }, interval: Interval, asOf: string): TrendWindow {
  const to = query.to ?? asOf;
  const end = to < asOf ? to : asOf;
  const from = query.from ?? bucketStart(addMonthsIso(end, -DEFAULT_MONTHS), interval);
  if (from > to) throw badQuery([{ path: '/from', message: `must not be after to (${to})` }]);
  const buckets = intervalBuckets(from, to, interval);
  if (buckets.length > MAX_BUCKETS) {
    throw badQuery([{ path: '/interval', message: `gives ${buckets.length >= 1000 ? 'more than 1000' : buckets.length} buckets from ${from} to ${to}; at most ${MAX_BUCKETS}: choose a longer interval or a shorter period` }]);
  }
  return { from, to, buckets };
}
