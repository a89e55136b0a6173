// The funnel endpoint (GET /v1/kpis/funnel): response types, a light shape check and the fetch.
import type { Filters } from '../filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics } from './http';
import type { Count, DisclosureNote, GroupBy, Rate, ViewFilterEcho } from './types';

export type { ViewFilterEcho } from './types';
import { countCell, groupIdentity, obj, rateCell, ResponseShapeError, viewHeader } from './validate';

export const FUNNEL_STEPS = ['enrolled', 'assessed', 'trained', 'internship', 'placed', 'employed6'] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];

export interface FunnelStep {
  step: FunnelStepName;
  count: Count;
  /** People with the previous step and this one over the previous step's count; null for the first step. */
  conversion: Rate | null;
}

export interface FunnelGroup {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
  steps: FunnelStep[];
}


export interface FunnelResponse {
  groupBy: GroupBy;
  filters: ViewFilterEcho;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  steps: FunnelStepName[];
  groups: FunnelGroup[];
  totals: { steps: FunnelStep[] };
}

function isStep(v: unknown): v is FunnelStepName {
  return typeof v === 'string' && (FUNNEL_STEPS as readonly string[]).includes(v);
}

function steps(v: unknown, path: string): FunnelStep[] {
  if (!Array.isArray(v)) throw new ResponseShapeError(path);
  return v.map((s, i) => {
    const o = obj(s, `${path}[${i}]`);
    if (!isStep(o.step)) throw new ResponseShapeError(`${path}[${i}].step`);
    return {
      step: o.step,
      count: countCell(o.count, `${path}[${i}].count`),
      conversion: o.conversion === null || o.conversion === undefined ? null : rateCell(o.conversion, `${path}[${i}].conversion`),
    };
  });
}

export function parseFunnelResponse(body: unknown): FunnelResponse {
  const o = obj(body, '$');
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  const stepNames = Array.isArray(o.steps) ? o.steps.filter(isStep) : [...FUNNEL_STEPS];
  return {
    ...viewHeader(o),
    steps: stepNames.length > 0 ? stepNames : [...FUNNEL_STEPS],
    groups: o.groups.map((g, i) => {
      const go = obj(g, `$.groups[${i}]`);
      return { ...groupIdentity(go, `$.groups[${i}]`), steps: steps(go.steps, `$.groups[${i}].steps`) };
    }),
    totals: { steps: steps(obj(o.totals, '$.totals').steps, '$.totals.steps') },
  };
}

export function fetchFunnel(token: string, filters: Filters, signal?: AbortSignal): Promise<FunnelResponse> {
  return getAnalytics('/v1/kpis/funnel', parseFunnelResponse, { token, signal, query: overviewQuery(filters) });
}
