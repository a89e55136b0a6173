// Cohort comparison (GET /v1/kpis/cohorts): two cohort definitions in, the same indicators
// for each out.
import type { AnalyticsPaths, QueryOf, ResponseOf } from '@meic/api-clients';
import { getAnalytics, type QueryInput } from './http';
import { allOf } from './types';

export type CohortsResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/cohorts'>;
export type CohortFigures = CohortsResponse['a'];
/** Placement within a window: the rate, those observed for the whole window (its denominator) and those enrolled too recently. */
export type CohortWindow = CohortFigures['placementWithin6Months'];
/** Kaplan–Meier median in days (`t`, null where the curve does not reach one half) with its interval. */
export type CohortMedian = CohortFigures['medianDaysToPlacement'];

/** One cohort as asked for, and as the response echoes it; null = no restriction. */
export type CohortDefinition = CohortFigures['definition'];
export type CohortField = keyof CohortDefinition;
export const COHORT_FIELDS = allOf<CohortField>()(['programme', 'country', 'site', 'enrolledFrom', 'enrolledTo', 'activity']);

/** Steps a cohort may be narrowed to ("people who had this step"); the service's STEP_NAMES. */
export type CohortActivity = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/cohorts'>['a.activity']>;
export const COHORT_ACTIVITIES = allOf<CohortActivity>()([
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
]);

export function isCohortActivity(v: string | null): v is CohortActivity {
  return v !== null && (COHORT_ACTIVITIES as readonly string[]).includes(v);
}

export const EMPTY_COHORT: CohortDefinition = { programme: null, country: null, site: null, enrolledFrom: null, enrolledTo: null, activity: null };

type CohortsQuery = QueryInput<'/v1/kpis/cohorts'>;

function prefixed(name: 'a' | 'b', def: CohortDefinition): CohortsQuery {
  const activity = isCohortActivity(def.activity) ? def.activity : null;
  const query: CohortsQuery = {};
  for (const k of COHORT_FIELDS) {
    if (k === 'activity') query[`${name}.activity`] = activity;
    else query[`${name}.${k}`] = def[k];
  }
  return query;
}

/** `a.programme=LIME&b.site=IT-RM…`: the query the endpoint takes (it rejects unknown parameters). */
export function cohortsQuery(a: CohortDefinition, b: CohortDefinition): CohortsQuery {
  return { ...prefixed('a', a), ...prefixed('b', b) };
}

export function fetchCohorts(token: string, query: { a: CohortDefinition; b: CohortDefinition }, signal?: AbortSignal): Promise<CohortsResponse> {
  return getAnalytics('/v1/kpis/cohorts', { token, signal, query: cohortsQuery(query.a, query.b) });
}
