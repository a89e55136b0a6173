// The funnel endpoint (GET /v1/kpis/funnel): how many reach each step, and the conversions between them.
import type { AnalyticsPaths, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics } from './http';
import { allOf } from './types';

export type { ViewFilterEcho } from './types';

export type FunnelResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/funnel'>;
export type FunnelGroup = FunnelResponse['groups'][number];
/** A step's count and, from the second step on, the conversion from the previous one (else null). */
export type FunnelStep = FunnelGroup['steps'][number];
export type FunnelStepName = FunnelResponse['steps'][number];

export const FUNNEL_STEPS = allOf<FunnelStepName>()(['enrolled', 'assessed', 'trained', 'internship', 'placed', 'employed6']);

export function fetchFunnel(token: string, filters: Filters, signal?: AbortSignal): Promise<FunnelResponse> {
  return getAnalytics('/v1/kpis/funnel', { token, signal, query: overviewQuery(filters) });
}
