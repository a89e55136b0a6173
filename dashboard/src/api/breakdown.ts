// The breakdown endpoint (GET /v1/kpis/breakdown): a count, or the placement rate, per category
// of one attribute (sex, age band, …), per group and in total.
import type { Filters } from '../filters/filters';
import { getAnalytics } from './http';
import { filtersEcho, parseGroupBy, type ViewFiltersEcho } from './trends';
import type { Count, DisclosureNote, GroupBy, Rate } from './types';
import { countCell, disclosureNote, obj, rateCell, ResponseShapeError } from './validate';

/** services/analytics/src/breakdown/breakdown.schemas.ts BREAKDOWN_METRICS. */
export const BREAKDOWN_METRICS = ['placementRate', 'enrolled', 'placed', 'trained', 'internshipsStarted', 'dropouts'] as const;
export type BreakdownMetric = (typeof BREAKDOWN_METRICS)[number];

/** services/analytics/src/kpis/measures.ts BREAKDOWN_DIMENSIONS. */
export const BREAKDOWN_DIMENSIONS = ['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownFigure {
  /** The metric's count; for placementRate the enrolment cohort placed (the rate's numerator). */
  count: Count;
  /** placementRate only. */
  rate: Rate | null;
}

export interface BreakdownCell extends BreakdownFigure {
  category: string;
}

export interface BreakdownOf {
  total: BreakdownFigure;
  categories: BreakdownCell[];
}

export interface BreakdownGroup extends BreakdownOf {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
}

export interface BreakdownResponse {
  groupBy: GroupBy;
  filters: ViewFiltersEcho;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  metric: BreakdownMetric;
  by: BreakdownDimension;
  /** false for courseType: one person counts in every type they took, so columns do not add up. */
  exhaustive: boolean;
  categories: string[];
  groups: BreakdownGroup[];
  totals: BreakdownOf;
}

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function rate(v: unknown, path: string): Rate | null {
  return v === null || v === undefined ? null : rateCell(v, path);
}

function figure(v: unknown, path: string): BreakdownFigure {
  const o = obj(v, path);
  return { count: countCell(o.count, `${path}.count`), rate: rate(o.rate, `${path}.rate`) };
}

function breakdownOf(v: unknown, path: string): BreakdownOf {
  const o = obj(v, path);
  if (!Array.isArray(o.categories)) throw new ResponseShapeError(`${path}.categories`);
  return {
    total: figure(o.total, `${path}.total`),
    categories: o.categories.map((c, i) => {
      const co = obj(c, `${path}.categories[${i}]`);
      if (typeof co.category !== 'string') throw new ResponseShapeError(`${path}.categories[${i}].category`);
      return { category: co.category, ...figure(co, `${path}.categories[${i}]`) };
    }),
  };
}

export function parseBreakdownResponse(body: unknown): BreakdownResponse {
  const o = obj(body, '$');
  const groupBy = parseGroupBy(o.groupBy);
  if (typeof o.metric !== 'string' || !(BREAKDOWN_METRICS as readonly string[]).includes(o.metric)) throw new ResponseShapeError('$.metric');
  if (typeof o.by !== 'string' || !(BREAKDOWN_DIMENSIONS as readonly string[]).includes(o.by)) throw new ResponseShapeError('$.by');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  if (!Array.isArray(o.categories) || !o.categories.every((c) => typeof c === 'string')) throw new ResponseShapeError('$.categories');
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  return {
    groupBy,
    filters: filtersEcho(o.filters),
    minCell: o.minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
    metric: o.metric as BreakdownMetric,
    by: o.by as BreakdownDimension,
    exhaustive: o.exhaustive !== false,
    categories: o.categories as string[],
    groups: o.groups.map((g, i) => {
      const path = `$.groups[${i}]`;
      const go = obj(g, path);
      if (typeof go.key !== 'string' || typeof go.label !== 'string') throw new ResponseShapeError(`${path}.key`);
      return { key: go.key, label: go.label, country: strOrNull(go.country), programme: strOrNull(go.programme), ...breakdownOf(go, path) };
    }),
    totals: breakdownOf(o.totals, '$.totals'),
  };
}

export interface BreakdownQuery {
  metric: BreakdownMetric;
  by: BreakdownDimension;
}

/** The query the endpoint accepts; it rejects unknown parameters, so `lang` stays out. */
export function breakdownQuery(filters: Filters, q: BreakdownQuery): Record<string, string | null> {
  return {
    metric: q.metric,
    by: q.by,
    groupBy: filters.groupBy,
    programme: filters.programme,
    from: filters.from,
    to: filters.to,
    country: filters.country,
    site: filters.site,
  };
}

export function fetchBreakdown(token: string, filters: Filters, q: BreakdownQuery, signal?: AbortSignal): Promise<BreakdownResponse> {
  return getAnalytics('/v1/kpis/breakdown', parseBreakdownResponse, { token, signal, query: breakdownQuery(filters, q) });
}
