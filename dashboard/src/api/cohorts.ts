// Cohort comparison (GET /v1/kpis/cohorts): two cohort definitions in, the same indicators
// for each out. Types, the response check and the fetch.
import { getAnalytics, type QueryValue } from './http';
import type { Count, DisclosureNote, Rate } from './types';
import { countCell, disclosureNote, isObj, numOrNull, obj, rateCell, ResponseShapeError } from './validate';

/** Steps a cohort may be narrowed to ("people who had this step"); the service's STEP_NAMES. */
export const COHORT_ACTIVITIES = [
  'enrolled',
  'assessed',
  'courseEnrolled',
  'courseCompleted',
  'l2Enrolled',
  'l2Left',
  'l2Improved',
  'vocationalEnrolled',
  'internshipStarted',
  'internshipEnded',
  'placed',
  'followedUp3',
  'followedUp6',
  'followedUp12',
  'employed3',
  'employed6',
  'employed12',
  'mentored',
  'droppedOut',
] as const;
export type CohortActivity = (typeof COHORT_ACTIVITIES)[number];

export const COHORT_FIELDS = ['programme', 'country', 'site', 'enrolledFrom', 'enrolledTo', 'activity'] as const;
export type CohortField = (typeof COHORT_FIELDS)[number];

/** One cohort as asked for; null = no restriction. */
export type CohortDefinition = Record<CohortField, string | null>;

export const EMPTY_COHORT: CohortDefinition = { programme: null, country: null, site: null, enrolledFrom: null, enrolledTo: null, activity: null };

export interface CohortWindow {
  rate: Rate;
  /** Enrolled long enough before asOf to be observed for the whole window (the denominator). */
  observed: Count;
  /** Enrolled too recently: left out of the rate. */
  notYetObservable: Count;
}

export interface CohortMedian {
  /** Kaplan–Meier median in days; null where the curve does not reach one half. */
  t: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

export interface CohortFigures {
  definition: CohortDefinition;
  enrolled: Count;
  placementWithin6Months: CohortWindow;
  placementWithin12Months: CohortWindow;
  medianDaysToPlacement: CohortMedian;
  dropoutRate: Rate;
  employedAt6Months: Rate;
}

export interface CohortsResponse {
  asOf: string;
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  a: CohortFigures;
  b: CohortFigures;
}


function window(v: unknown, path: string): CohortWindow {
  const o = obj(v, path);
  return { rate: rateCell(o.rate, `${path}.rate`), observed: countCell(o.observed, `${path}.observed`), notYetObservable: countCell(o.notYetObservable, `${path}.notYetObservable`) };
}

function median(v: unknown, path: string): CohortMedian {
  const o = obj(v, path);
  if (typeof o.suppressed !== 'boolean') throw new ResponseShapeError(`${path}.suppressed`);
  const pick = (k: 't' | 'low' | 'high'): number | null => {
    const x = o[k] ?? null;
    if (!numOrNull(x)) throw new ResponseShapeError(`${path}.${k}`);
    return o.suppressed ? null : x;
  };
  return { t: pick('t'), low: pick('low'), high: pick('high'), suppressed: o.suppressed };
}

function definition(v: unknown): CohortDefinition {
  const o = isObj(v) ? v : {};
  const out = { ...EMPTY_COHORT };
  for (const k of COHORT_FIELDS) out[k] = typeof o[k] === 'string' ? o[k] : null;
  return out;
}

function cohort(v: unknown, path: string): CohortFigures {
  const o = obj(v, path);
  return {
    definition: definition(o.definition),
    enrolled: countCell(o.enrolled, `${path}.enrolled`),
    placementWithin6Months: window(o.placementWithin6Months, `${path}.placementWithin6Months`),
    placementWithin12Months: window(o.placementWithin12Months, `${path}.placementWithin12Months`),
    medianDaysToPlacement: median(o.medianDaysToPlacement, `${path}.medianDaysToPlacement`),
    dropoutRate: rateCell(o.dropoutRate, `${path}.dropoutRate`),
    employedAt6Months: rateCell(o.employedAt6Months, `${path}.employedAt6Months`),
  };
}

export function parseCohortsResponse(body: unknown): CohortsResponse {
  const o = obj(body, '$');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  if (typeof o.asOf !== 'string') throw new ResponseShapeError('$.asOf');
  return {
    asOf: o.asOf,
    minCell: o.minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
    a: cohort(o.a, '$.a'),
    b: cohort(o.b, '$.b'),
  };
}

/** `a.programme=LIME&b.site=IT-RM…`: the query the endpoint takes (it rejects unknown parameters). */
export function cohortsQuery(a: CohortDefinition, b: CohortDefinition): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [name, def] of [['a', a], ['b', b]] as const) {
    for (const k of COHORT_FIELDS) query[`${name}.${k}`] = def[k];
  }
  return query;
}

export function fetchCohorts(token: string, query: { a: CohortDefinition; b: CohortDefinition }, signal?: AbortSignal): Promise<CohortsResponse> {
  return getAnalytics('/v1/kpis/cohorts', parseCohortsResponse, { token, signal, query: cohortsQuery(query.a, query.b) });
}
