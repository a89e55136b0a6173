// The time-to-placement endpoint (GET /v1/kpis/time-to-placement): Kaplan–Meier curves per group.
// A curve flagged `suppressed` (its cohort count is) comes without points (see suppression.ts).
import type { AnalyticsPaths, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics } from './http';

export type TimeToPlacementResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/time-to-placement'>;
export type KmGroup = TimeToPlacementResponse['groups'][number];
export type KmCurve = TimeToPlacementResponse['totals'];
/** A point of the curve: days since enrolment `t`, share not yet placed `survival` (0–1). */
export type KmPoint = NonNullable<KmCurve['curve']>[number];

export function fetchTimeToPlacement(token: string, filters: Filters, signal?: AbortSignal): Promise<TimeToPlacementResponse> {
  return getAnalytics('/v1/kpis/time-to-placement', { token, signal, query: overviewQuery(filters) });
}
