// The answer to a lead's first question, above the overview's figures: the site furthest behind
// its placement target, and whether women there are placed less often than men.
import { fetchBreakdown } from '@/api/breakdown';
import type { OverviewGroup, Rate } from '@/api/types';
import { EMPTY_FILTERS, serializeQuery, type Filters } from '@/filters/filters';
import { useI18n } from '@/i18n/i18n';
import { Link } from '@/router/router';
import { useViewData } from '@/shell/use-view-data';
import { furthestBehind } from './behind-target';

function shown(rate: Rate | null | undefined): rate is Rate & { value: number } {
  return Boolean(rate && !rate.suppressed && rate.value !== null);
}

export function BehindTargetCallout({ groups, filters, asOf }: { groups: readonly OverviewGroup[]; filters: Filters; asOf: string | null }) {
  const { t, fmt, lang } = useI18n();
  const behind = furthestBehind(groups, asOf);
  const siteFilters: Filters = { ...EMPTY_FILTERS, site: behind?.key ?? null, from: filters.from, to: filters.to };
  const bySex = useViewData(behind ? ['behind', behind.key, filters.from, filters.to] : null, (token, signal) =>
    fetchBreakdown(token, siteFilters, { metric: 'placementRate', by: 'sex' }, signal),
  );
  if (!behind || behind.compared < 2) return null;

  const site = bySex.data?.groups.find((g) => g.key === behind.key) ?? bySex.data?.totals;
  const women = site?.categories.find((c) => c.category === 'female')?.rate;
  const men = site?.categories.find((c) => c.category === 'male')?.rate;
  const link = `/breakdowns${serializeQuery(siteFilters, lang, [
    ['metric', 'placementRate'],
    ['by', 'sex'],
  ])}`;

  let sexLine: string;
  if (bySex.status === 'loading') sexLine = t('behind.sexLoading');
  else if (shown(women) && shown(men)) {
    const gap = men.value - women.value;
    const overlap = women.low !== null && women.high !== null && men.low !== null && men.high !== null && women.high >= men.low && men.high >= women.low;
    sexLine = t(gap > 0 ? 'behind.womenLower' : 'behind.womenNotLower', {
      women: fmt.percentWithInterval(women.value, women.low, women.high),
      men: fmt.percentWithInterval(men.value, men.low, men.high),
      gap: fmt.number(Math.round(Math.abs(gap) * 10) / 10),
    });
    if (overlap) sexLine += ` ${t('behind.overlap')}`;
  } else sexLine = t('behind.sexUnavailable');

  return (
    <section className="behind-target notice notice--warning" aria-labelledby="behind-target-title">
      <h2 id="behind-target-title" className="behind-target__title">
        {t('behind.title')}
      </h2>
      <p className="behind-target__site">
        {t('behind.site', {
          site: behind.label,
          placed: fmt.number(behind.placed),
          target: fmt.number(behind.target),
          pct: fmt.percent(behind.progressPct),
          n: behind.compared,
        })}
        {behind.notStarted.length > 0 && <span className="behind-target__unranked"> {t('behind.notStarted', { sites: fmt.list(behind.notStarted.map((g) => g.label)) })}</span>}
        {behind.pending.length > 0 && <span className="behind-target__unranked"> {t('behind.pending', { sites: fmt.list(behind.pending.map((g) => g.label)) })}</span>}
      </p>
      <p className="behind-target__sex">
        {sexLine}{' '}
        <Link to={link}>{t('behind.compare')}</Link>
      </p>
    </section>
  );
}
