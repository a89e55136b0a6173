// Shapes shared by the analytics API's responses, named from the types generated from its
// OpenAPI document (@meic/api-clients): the contract is checked at compile time, not restated.
import type { AnalyticsPaths, QueryOf, ResponseOf } from '@meic/api-clients';

export type OverviewResponse = ResponseOf<AnalyticsPaths, '/v1/kpis/overview'>;
export type OverviewGroup = OverviewResponse['groups'][number];
export type OverviewFigures = OverviewResponse['totals'];

/**
 * A count cell. For roles other than site_staff the count is perturbed by the cell-key method
 * (docs/adr/0012); `suppressed` marks a figure withheld as a whole (never shown as a number).
 */
export type Count = OverviewFigures['enrolled'];
/** A rate in percent (0-100) with its 95% Wilson score interval. */
export type Rate = OverviewFigures['placementRatePct'];
/** How a response's figures were protected (every KPI response carries it). */
export type DisclosureNote = OverviewResponse['disclosure'];

/** The filters a KPI view echoes back (funnel, trends, breakdown, clusters, time to placement). */
export type ViewFilterEcho = ResponseOf<AnalyticsPaths, '/v1/kpis/funnel'>['filters'];

export type GroupBy = NonNullable<QueryOf<AnalyticsPaths, '/v1/kpis/overview'>['groupBy']>;

/**
 * Every member of the union `T`, in the order the UI shows them: `allOf<T>()([...])` fails to
 * compile when the list has a value `T` lacks or lacks one `T` has, so a list the UI iterates
 * over cannot drift from the generated contract.
 */
export const allOf =
  <T>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

export const GROUP_BY_VALUES = allOf<GroupBy>()(['country', 'site', 'programme']);

export function isGroupBy(v: string): v is GroupBy {
  return (GROUP_BY_VALUES as readonly string[]).includes(v);
}

type ProblemSchema = AnalyticsPaths['/v1/kpis/overview']['get']['responses'][401]['content']['application/problem+json'];

/**
 * RFC 9457 problem details, as every 4xx/5xx body of the platform. Read from error bodies as
 * they come (the proxy's, the service's), so every field may be missing.
 */
export type Problem = Partial<ProblemSchema>;
