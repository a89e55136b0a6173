// The indicator catalogue evaluated for a period (GET /v1/indicators) and as defined
// (GET /v1/indicators/catalogue).
import type { AnalyticsPaths, ResponseOf } from '@meic/api-clients';
import type { Filters } from '@/filters/filters';
import type { Lang } from '@/i18n/langs';
import { getAnalytics, type QueryInput } from './http';
import { allOf } from './types';

export type IndicatorsResponse = ResponseOf<AnalyticsPaths, '/v1/indicators'>;
export type EvaluatedIndicator = IndicatorsResponse['indicators'][number];
export type IndicatorSubCount = EvaluatedIndicator['of'][number];
/** One of an indicator's rates; `title` is null when the indicator has a single rate. */
export type IndicatorRate = EvaluatedIndicator['rates'][number];
/** Counts per organisation type, e.g. members, active … (organisations) or internships … (contributions). */
export type IndicatorByType = EvaluatedIndicator['byType'][number];

export type IndicatorKind = EvaluatedIndicator['kind'];
export const INDICATOR_KINDS = allOf<IndicatorKind>()(['count', 'rate', 'median_days', 'organisations', 'contributions']);

/** An indicator as defined: titles and descriptions per language, and its kind-specific definition. */
export type IndicatorDefinition = ResponseOf<AnalyticsPaths, '/v1/indicators/catalogue'>['indicators'][number];

/** Fields shown as such; the rest of a definition is its formal, kind-specific part. */
const COMMON_FIELDS = new Set(['code', 'title', 'description', 'unit', 'kind', 'disaggregations']);

/** The kind-specific part of a definition (conditions, numerator, denominator …), for the formal view. */
export function formalDefinition(d: IndicatorDefinition): Record<string, unknown> {
  return Object.fromEntries(Object.entries(d).filter(([k]) => !COMMON_FIELDS.has(k)));
}

/**
 * The period the API takes, from the shared filters: an inclusive range when both dates are
 * set; otherwise none (the whole history), since the API has no open-ended range.
 */
export function indicatorsPeriod(filters: Pick<Filters, 'from' | 'to'>): string | null {
  return filters.from && filters.to ? `${filters.from}..${filters.to}` : null;
}

export function indicatorsQuery(filters: Filters, lang: Lang) {
  return { period: indicatorsPeriod(filters), lang, country: filters.country, programme: filters.programme, site: filters.site } satisfies QueryInput<'/v1/indicators'>;
}

export function fetchIndicators(token: string, query: { filters: Filters; lang: Lang }, signal?: AbortSignal): Promise<IndicatorsResponse> {
  return getAnalytics('/v1/indicators', { token, signal, query: indicatorsQuery(query.filters, query.lang) });
}

export function fetchIndicatorCatalogue(token: string, signal?: AbortSignal): Promise<IndicatorDefinition[]> {
  return getAnalytics('/v1/indicators/catalogue', { token, signal }).then((r) => r.indicators);
}
