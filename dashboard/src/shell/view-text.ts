// Texts the KPI views write the same way: a group's name, the period a response covers, the
// subtitle of a grouped chart and the selection in an export's file name. Pure.
import type { GroupBy } from '@/api/types';
import type { Filters } from '@/filters/filters';
import type { Formatter } from '@/i18n/format';
import type { MessageKey, MessageParams } from '@/i18n/messages';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The service echoes an open end of the period as one of these far-off dates (or as null). */
const OPEN_FROM = '1900-01-01';
const OPEN_TO = '2299-12-31';

/** A group's name: a country in the UI language, anything else as the API labels it. */
export function groupTitle(group: { key: string; label: string }, groupBy: string, fmt: Formatter): string {
  return groupBy === 'country' ? fmt.country(group.key) : group.label;
}

/** "Period: 1 Jan 2025 – …", or the whole programme period when neither end is set. */
export function periodText(period: { from?: string | null; to?: string | null }, t: Translate, fmt: Formatter): string {
  const from = period.from && period.from > OPEN_FROM ? period.from : null;
  const to = period.to && period.to < OPEN_TO ? period.to : null;
  if (!from && !to) return t('overview.periodAll');
  return t('overview.period', { from: from ? fmt.date(from) : '…', to: to ? fmt.date(to) : '…' });
}

/** "<period> · Group by: <grouping>": what a grouped chart shows, also printed in its PNG. */
export function groupedSubtitle(response: { filters: { from?: string | null; to?: string | null }; groupBy: GroupBy }, t: Translate, fmt: Formatter): string {
  return `${periodText(response.filters, t, fmt)} · ${t('filters.groupBy')}: ${t(`groupBy.${response.groupBy}` as const)}`;
}

/** The selection in an export's file name: the filters, then the grouping. */
export function selectionParts(filters: Filters, groupBy: string): (string | null)[] {
  return [filters.programme, filters.country, filters.site, filters.from, filters.to, `by-${groupBy}`];
}
