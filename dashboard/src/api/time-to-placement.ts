// The time-to-placement endpoint (GET /v1/kpis/time-to-placement): Kaplan–Meier curves per group.
import type { Filters } from '../filters/filters';
import { overviewQuery } from './analytics';
import { countCell, groupIdentity, numOrNull, obj, viewHeader } from './validate';
import type { DisclosureNote, ViewFilterEcho } from './types';
import { getAnalytics } from './http';
import type { Count, GroupBy } from './types';
import { ResponseShapeError } from './validate';

export interface KmPoint {
  /** Days since enrolment. */
  t: number;
  /** Share not yet placed, S(t), 0–1. */
  survival: number;
  low: number | null;
  high: number | null;
}

export interface KmCurve {
  cohort: Count;
  events: Count;
  /** The cohort count is suppressed, so the whole curve is withheld. */
  suppressed: boolean;
  /** Last day shown when the tail (fewer than minCell at risk) was cut. */
  truncatedAt: number | null;
  curve: KmPoint[] | null;
  atRisk: { t: number; count: Count }[];
  median: { t: number | null; low: number | null; high: number | null };
}

export interface KmGroup extends KmCurve {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
}

export interface TimeToPlacementResponse {
  groupBy: GroupBy;
  filters: ViewFilterEcho;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  riskTimes: number[];
  groups: KmGroup[];
  totals: KmCurve;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ResponseShapeError(path);
  return v;
}

function nullableNum(v: unknown, path: string): number | null {
  const x = v ?? null;
  if (!numOrNull(x)) throw new ResponseShapeError(path);
  return x;
}

function curve(v: unknown, path: string): KmCurve {
  const o = obj(v, path);
  if (typeof o.suppressed !== 'boolean') throw new ResponseShapeError(`${path}.suppressed`);
  const points = o.curve ?? null;
  if (points !== null && !Array.isArray(points)) throw new ResponseShapeError(`${path}.curve`);
  if (!Array.isArray(o.atRisk)) throw new ResponseShapeError(`${path}.atRisk`);
  const median = obj(o.median ?? { t: null, low: null, high: null }, `${path}.median`);
  return {
    cohort: countCell(o.cohort, `${path}.cohort`),
    events: countCell(o.events, `${path}.events`),
    suppressed: o.suppressed,
    truncatedAt: nullableNum(o.truncatedAt, `${path}.truncatedAt`),
    // A withheld curve draws nothing, whatever points came with it.
    curve:
      o.suppressed || points === null
        ? null
        : points.map((p, i) => {
            const po = obj(p, `${path}.curve[${i}]`);
            return {
              t: num(po.t, `${path}.curve[${i}].t`),
              survival: num(po.survival, `${path}.curve[${i}].survival`),
              low: nullableNum(po.low, `${path}.curve[${i}].low`),
              high: nullableNum(po.high, `${path}.curve[${i}].high`),
            };
          }),
    atRisk: o.atRisk.map((a, i) => {
      const ao = obj(a, `${path}.atRisk[${i}]`);
      return { t: num(ao.t, `${path}.atRisk[${i}].t`), count: countCell(ao.count, `${path}.atRisk[${i}].count`) };
    }),
    median: {
      t: nullableNum(median.t, `${path}.median.t`),
      low: nullableNum(median.low, `${path}.median.low`),
      high: nullableNum(median.high, `${path}.median.high`),
    },
  };
}

export function parseTimeToPlacementResponse(body: unknown): TimeToPlacementResponse {
  const o = obj(body, '$');
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  const riskTimes = Array.isArray(o.riskTimes) ? o.riskTimes.map((t, i) => num(t, `$.riskTimes[${i}]`)) : [];
  return {
    ...viewHeader(o),
    riskTimes,
    groups: o.groups.map((g, i) => {
      const go = obj(g, `$.groups[${i}]`);
      return { ...groupIdentity(go, `$.groups[${i}]`), ...curve(go, `$.groups[${i}]`) };
    }),
    totals: curve(o.totals, '$.totals'),
  };
}

export function fetchTimeToPlacement(token: string, filters: Filters, signal?: AbortSignal): Promise<TimeToPlacementResponse> {
  return getAnalytics('/v1/kpis/time-to-placement', parseTimeToPlacementResponse, { token, signal, query: overviewQuery(filters) });
}
