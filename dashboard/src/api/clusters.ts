// The clusters endpoint (GET /v1/kpis/clusters): cluster members and their contributions per group.
import type { AnalyticsPaths, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics } from './http';
import { allOf } from './types';

export type ClustersResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/clusters'>;
export type ClusterGroup = ClustersResponse['groups'][number];
export type ClusterFigures = ClustersResponse['totals'];
export type ClusterTypeFigures = ClusterFigures['byType'][number];

/** The counts per organisation type (MEIC-14 members and active; MEIC-15 contributions). */
export type TypeCount = Exclude<keyof ClusterTypeFigures, 'type'>;
export const TYPE_COUNTS = allOf<TypeCount>()(['members', 'active', 'internships', 'placements', 'courses']);

/**
 * Active members per 100 participants enrolled; null when either count is suppressed (a figure
 * derived from a hidden count is hidden with it, whatever the server sent) or nobody enrolled.
 */
export function activePer100(f: Pick<ClusterFigures, 'activeMembers' | 'enrolled' | 'activePer100'>): number | null {
  return f.activeMembers.suppressed || f.enrolled.suppressed ? null : f.activePer100;
}

export function fetchClusters(token: string, filters: Filters, signal?: AbortSignal): Promise<ClustersResponse> {
  return getAnalytics('/v1/kpis/clusters', { token, signal, query: overviewQuery(filters) });
}
