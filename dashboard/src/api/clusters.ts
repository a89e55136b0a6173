// The clusters endpoint (GET /v1/kpis/clusters): response types, a light shape check and the fetch.
import type { Filters } from '../filters/filters';
import { overviewQuery } from './analytics';
import { countCell, groupIdentity, obj, rateCell, viewHeader } from './validate';
import type { DisclosureNote, ViewFilterEcho } from './types';
import { getAnalytics } from './http';
import type { Count, GroupBy, Rate } from './types';
import { ResponseShapeError } from './validate';

/** The counts per organisation type (MEIC-14 members and active; MEIC-15 contributions). */
export const TYPE_COUNTS = ['members', 'active', 'internships', 'placements', 'courses'] as const;
export type TypeCount = (typeof TYPE_COUNTS)[number];

export type ClusterTypeFigures = { type: string } & Record<TypeCount, Count>;

export interface ClusterFigures {
  enrolled: Count;
  placementRatePct: Rate;
  members: Count;
  activeMembers: Count;
  /** Active members per 100 participants enrolled; null when either is suppressed or nobody enrolled. */
  activePer100: number | null;
  byType: ClusterTypeFigures[];
}

export interface ClusterGroup extends ClusterFigures {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
}

export interface ClustersResponse {
  groupBy: GroupBy;
  filters: ViewFilterEcho;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  types: string[];
  groups: ClusterGroup[];
  totals: ClusterFigures;
}

function figures(v: unknown, path: string): ClusterFigures {
  const o = obj(v, path);
  const per100 = o.activePer100 ?? null;
  if (per100 !== null && (typeof per100 !== 'number' || !Number.isFinite(per100))) throw new ResponseShapeError(`${path}.activePer100`);
  if (!Array.isArray(o.byType)) throw new ResponseShapeError(`${path}.byType`);
  const activeMembers = countCell(o.activeMembers, `${path}.activeMembers`);
  const enrolled = countCell(o.enrolled, `${path}.enrolled`);
  return {
    enrolled,
    placementRatePct: rateCell(o.placementRatePct, `${path}.placementRatePct`),
    members: countCell(o.members, `${path}.members`),
    activeMembers,
    // A figure derived from a hidden count is hidden with it, whatever the server sent.
    activePer100: activeMembers.suppressed || enrolled.suppressed ? null : per100,
    byType: o.byType.map((t, i) => {
      const p = `${path}.byType[${i}]`;
      const to = obj(t, p);
      if (typeof to.type !== 'string') throw new ResponseShapeError(`${p}.type`);
      const cells = Object.fromEntries(TYPE_COUNTS.map((k) => [k, countCell(to[k], `${p}.${k}`)])) as Record<TypeCount, Count>;
      return { type: to.type, ...cells };
    }),
  };
}

export function parseClustersResponse(body: unknown): ClustersResponse {
  const o = obj(body, '$');
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  if (!Array.isArray(o.types) || !o.types.every((t): t is string => typeof t === 'string')) throw new ResponseShapeError('$.types');
  return {
    ...viewHeader(o),
    types: o.types,
    groups: o.groups.map((g, i) => {
      const go = obj(g, `$.groups[${i}]`);
      return { ...groupIdentity(go, `$.groups[${i}]`), ...figures(go, `$.groups[${i}]`) };
    }),
    totals: figures(o.totals, '$.totals'),
  };
}

export function fetchClusters(token: string, filters: Filters, signal?: AbortSignal): Promise<ClustersResponse> {
  return getAnalytics('/v1/kpis/clusters', parseClustersResponse, { token, signal, query: overviewQuery(filters) });
}
