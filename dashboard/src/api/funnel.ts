// The funnel endpoint (GET /v1/kpis/funnel): response types, a light shape check and the fetch.
import type { Filters } from '../filters/filters';
import { overviewQuery } from './analytics';
import { getAnalytics } from './http';
import { GROUP_BY_VALUES, type Count, type GroupBy, type Rate } from './types';
import { ResponseShapeError } from './validate';

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

export interface ViewFilterEcho {
  from: string | null;
  to: string | null;
  asOf: string | null;
  country: string | null;
  site: string | null;
  programme: string | null;
}

export interface FunnelResponse {
  groupBy: GroupBy;
  filters: ViewFilterEcho;
  minCell: number;
  generatedAt: string;
  steps: FunnelStepName[];
  groups: FunnelGroup[];
  totals: { steps: FunnelStep[] };
}

// Shape checks shared by the funnel and time-to-placement parsers (validate.ts keeps its own private).
type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function numOrNull(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}
export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new ResponseShapeError(path);
  return v;
}
export function countCell(v: unknown, path: string): Count {
  const o = obj(v, path);
  if (typeof o.suppressed !== 'boolean' || !numOrNull(o.value)) throw new ResponseShapeError(path);
  // A suppressed cell never carries a number, whatever the server sent.
  return { value: o.suppressed ? null : o.value, suppressed: o.suppressed };
}
export function rateCell(v: unknown, path: string): Rate {
  const o = obj(v, path);
  if (typeof o.suppressed !== 'boolean') throw new ResponseShapeError(`${path}.suppressed`);
  const pick = (k: 'value' | 'low' | 'high' | 'numerator' | 'denominator'): number | null => {
    const x = o[k] ?? null;
    if (!numOrNull(x)) throw new ResponseShapeError(`${path}.${k}`);
    return o.suppressed ? null : x;
  };
  return { value: pick('value'), low: pick('low'), high: pick('high'), numerator: pick('numerator'), denominator: pick('denominator'), suppressed: o.suppressed };
}
export function viewHeader(o: Obj): { groupBy: GroupBy; filters: ViewFilterEcho; minCell: number; generatedAt: string } {
  if (typeof o.groupBy !== 'string' || !(GROUP_BY_VALUES as readonly string[]).includes(o.groupBy)) throw new ResponseShapeError('$.groupBy');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  const f = isObj(o.filters) ? o.filters : {};
  const filt = (k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
  return {
    groupBy: o.groupBy as GroupBy,
    filters: { from: filt('from'), to: filt('to'), asOf: filt('asOf'), country: filt('country'), site: filt('site'), programme: filt('programme') },
    minCell: o.minCell,
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
  };
}
export function groupIdentity(o: Obj, path: string): { key: string; label: string; country: string | null; programme: string | null } {
  if (typeof o.key !== 'string' || typeof o.label !== 'string') throw new ResponseShapeError(`${path}.key`);
  const country = o.country ?? null;
  const programme = o.programme ?? null;
  if ((country !== null && typeof country !== 'string') || (programme !== null && typeof programme !== 'string')) throw new ResponseShapeError(`${path}.country`);
  return { key: o.key, label: o.label, country, programme };
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
