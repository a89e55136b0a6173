import { useId, useMemo, type ReactNode } from 'react';
import { overviewQuery } from '../../api/analytics';
import { fetchClusters, type ClusterGroup, type ClustersResponse } from '../../api/clusters';
import { ApiError } from '../../api/http';
import {
  CONTRIBUTION_KINDS,
  contributionRows,
  contributionsChartHeight,
  contributionTable,
  describeContributions,
  transformProps as contributionsOption,
  type ContributionKind,
  type ContributionLabels,
} from '../../charts/cluster-contributions.transform';
import { describeIntensity, intensityChartHeight, intensityRows, intensityTable, transformProps as intensityOption, type IntensityLabels } from '../../charts/cluster-intensity.transform';
import {
  describeMembers,
  MEMBER_COUNTS,
  memberRows,
  membersChartHeight,
  memberTable,
  memberTotalsRow,
  shownTypes,
  transformProps as membersOption,
  type MemberCount,
  type MemberLabels,
} from '../../charts/cluster-members.transform';
import { ChartPanel } from '../../components/chart-panel';
import { DisclosureNote } from '../../components/disclosure-note';
import { StatePanel } from '../../components/state-panel';
import { SuppressionNote } from '../../components/suppressed';
import { EmptyState, ErrorState, LoadingState, useAnalytics, useDocumentTitle } from '../../components/view-states';
import { FilterBar } from '../../filters/filter-bar';
import { isRangeValid, type Filters } from '../../filters/filters';
import { useMediaQuery } from '../../hooks/use-media-query';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useFilters, useViewParams } from '../../router/query';
import { findRoute } from '../../routes';
import { useSiteOptions } from '../../hooks/use-site-options';
import './clusters.css';

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const AVAILABLE = findRoute('/clusters')?.filters ?? [];
const KNOWN_TYPES = new Set([
  'employer_association',
  'vet_provider',
  'public_employment_service',
  'local_authority',
  'enterprise',
  'chamber_of_commerce',
  'trade_union',
  'civil_society_org',
  'migrant_association',
  'university',
  'unknown',
]);

/** An organisation type in the UI language; a type this build does not know is shown as the API names it. */
function typeLabel(t: I18n['t'], type: string): string {
  return KNOWN_TYPES.has(type) ? t(`clusters.type.${type}` as MessageKey) : type;
}

function groupTitle(g: ClusterGroup, groupBy: ClustersResponse['groupBy'], fmt: I18n['fmt']): string {
  return groupBy === 'country' ? fmt.country(g.key) : g.label;
}

function periodText(data: ClustersResponse, t: I18n['t'], fmt: I18n['fmt']): string {
  const { from, to } = data.filters;
  // The service echoes open ends as far-off dates; those mean "the whole period".
  const open = (!from || from <= '1900-01-01') && (!to || to >= '2299-12-31');
  return open ? t('overview.periodAll') : t('overview.period', { from: from && from > '1900-01-01' ? fmt.date(from) : '…', to: to && to < '2299-12-31' ? fmt.date(to) : '…' });
}

function selectionParts(filters: Filters, groupBy: string): (string | null)[] {
  return [filters.programme, filters.country, filters.site, filters.from, filters.to, `by-${groupBy}`];
}

function parseCount(v: string | null): MemberCount {
  return MEMBER_COUNTS.find((c) => c === v) ?? 'members';
}

interface PanelProps {
  data: ClustersResponse;
  subtitle: string;
  compact: boolean;
}

function IntensityPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const groupBy = t(`groupBy.${data.groupBy}` as const).toLowerCase();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const pointLabel = (g: ClusterGroup) => (data.groupBy === 'site' ? g.key : groupLabel(g));
    const formatRate = (v: number, lo: number | null, hi: number | null) => fmt.percentWithInterval(v, lo, hi);
    const labels: IntensityLabels = {
      xAxis: t('clusters.xAxis'),
      xAxisLog: t('clusters.xAxisLog'),
      yAxis: t('clusters.yAxis'),
      overall: (rate) => t('clusters.overall', { rate }),
      suppressed: t('suppressed.label'),
      noData: '–',
      tooltipPer100: t('clusters.per100'),
      tooltipRate: t('clusters.placementRate'),
      tooltipBase: (numerator, denominator) => t('clusters.base', { numerator, denominator }),
    };
    const rows = intensityRows(data, groupLabel, pointLabel);
    const ariaLabel = describeIntensity(
      rows,
      {
        overall: (n, details) => t('clusters.ariaIntensity', { n, details }),
        point: (v) => t('clusters.ariaPoint', v),
        missing: (groups) => t('clusters.ariaMissing', { groups }),
      },
      fmt.number,
      formatRate,
    );
    const option = intensityOption(data, { labels, groupLabel, pointLabel, formatNumber: fmt.number, formatRate, ariaDescription: ariaLabel, fontFamily: CHART_FONT, compact });
    const table = intensityTable(rows, data.totals, {
      caption: t('clusters.intensityCaption'),
      group: t('clusters.col.group'),
      enrolled: t('clusters.col.enrolled'),
      activeMembers: t('clusters.col.active'),
      per100: t('clusters.per100'),
      rate: t('clusters.placementRate'),
      totals: t('clusters.totals'),
    });
    return { rows, option, ariaLabel, table };
  }, [data, t, fmt, compact]);
  const missing = model.rows.filter((r) => !r.plotted).map((r) => r.label);
  return (
    <ChartPanel
      title={t('clusters.intensityTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', 'intensity', ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={intensityChartHeight(compact)}
      table={model.table}
      minCell={data.minCell}
      footer={missing.length ? <p className="footnote">{t('clusters.notPlotted', { groups: fmt.list(missing) })}</p> : undefined}
    >
      <p className="meta-line">{t('clusters.intensitySubtitle', { groupBy })}</p>
    </ChartPanel>
  );
}

function MembersPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const [params, setParams] = useViewParams();
  const count = parseCount(params.get('count'));
  const selectId = useId();
  const groupBy = t(`groupBy.${data.groupBy}` as const).toLowerCase();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const labels: MemberLabels = { type: (x) => typeLabel(t, x), hiddenTypes: t('clusters.hiddenTypes'), suppressed: t('suppressed.label'), total: t('clusters.col.total') };
    const rows = memberRows(data, count, groupLabel);
    const totals = memberTotalsRow(data, count, t('clusters.totals'));
    const types = shownTypes(data, count);
    const ariaLabel = describeMembers(
      rows,
      totals,
      types,
      { overall: (v) => t('clusters.ariaMembers', v), group: (v) => t('clusters.ariaMembersGroup', v) },
      labels,
      fmt.number,
    );
    const option = membersOption(data, { count, labels, groupLabel, formatNumber: fmt.number, ariaDescription: ariaLabel, fontFamily: CHART_FONT, compact });
    const table = memberTable(rows, totals, types, { caption: t('clusters.membersCaption'), group: t('clusters.col.group'), total: t('clusters.col.total'), type: labels.type });
    return { option, ariaLabel, table, height: membersChartHeight(rows.length, types.length), anyHidden: rows.some((r) => r.hidden !== null) };
  }, [data, count, t, fmt, compact]);
  return (
    <ChartPanel
      title={count === 'members' ? t('clusters.membersTitle') : t('clusters.activeTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', count, ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={model.height}
      table={model.table}
      minCell={data.minCell}
      footer={model.anyHidden ? <p className="footnote">{t('clusters.hiddenNote')}</p> : undefined}
    >
      <div className="clusters-count">
        <label htmlFor={selectId}>{t('clusters.count')}</label>
        <select id={selectId} value={count} onChange={(e) => setParams({ count: e.target.value === 'members' ? null : e.target.value }, { replace: true })}>
          {MEMBER_COUNTS.map((c) => (
            <option key={c} value={c}>
              {t(`clusters.count.${c}` as const)}
            </option>
          ))}
        </select>
      </div>
      <p className="meta-line">{count === 'members' ? t('clusters.membersSubtitle', { groupBy }) : t('clusters.activeSubtitle', { groupBy })}</p>
    </ChartPanel>
  );
}

function ContributionsPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const kinds = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, t(`clusters.kind.${k}` as const)])) as Record<ContributionKind, string>;
    const labels: ContributionLabels = { type: (x) => typeLabel(t, x), kinds, suppressed: t('suppressed.label') };
    const rows = contributionRows(data, labels.type);
    const ariaLabel = describeContributions(rows, labels, { overall: (v) => t('clusters.ariaContributions', v), none: t('clusters.ariaContributionsNone') }, fmt.number);
    const option = contributionsOption(data, { labels, formatNumber: fmt.number, ariaDescription: ariaLabel, fontFamily: CHART_FONT, compact });
    const table = contributionTable(data, groupLabel, {
      caption: t('clusters.contributionsCaption'),
      group: t('clusters.col.group'),
      type: t('clusters.col.type'),
      totals: t('clusters.totals'),
      typeLabel: labels.type,
      kinds,
    });
    return { rows, option, ariaLabel, table };
  }, [data, t, fmt, compact]);
  return (
    <ChartPanel
      title={t('clusters.contributionsTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', 'contributions', ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={contributionsChartHeight(model.rows.length)}
      table={model.table}
      minCell={data.minCell}
    >
      <p className="meta-line">{t('clusters.contributionsSubtitle')}</p>
      {model.rows.length === 0 ? <p className="notice notice--info">{t('clusters.noContributions')}</p> : null}
    </ChartPanel>
  );
}

function anySuppressed(data: ClustersResponse): boolean {
  return [data.totals, ...data.groups].some(
    (f) => [f.enrolled, f.members, f.activeMembers, f.placementRatePct].some((c) => c.suppressed) || f.byType.some((x) => [x.members, x.active, x.internships, x.placements, x.courses].some((c) => c.suppressed)),
  );
}

export default function ClustersPage() {
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useFilters();
  const compact = useMediaQuery('(max-width: 640px)');
  useDocumentTitle(t('clusters.title'));

  const rangeValid = isRangeValid(filters);
  const request = useAnalytics(rangeValid ? `clusters|${JSON.stringify(overviewQuery(filters))}` : null, (tok, signal) => fetchClusters(tok, filters, signal));

  const loaded = request.status === 'success';

  const sites = useSiteOptions(loaded);

  const data = request.data;
  const error = request.status === 'error' ? request.error : null;
  const loading = request.status === 'loading';
  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error && !(error instanceof ApiError && error.kind === 'unauthorized')) {
    body = <ErrorState error={error} onRetry={request.retry} onReset={resetFilters} />;
  } else if (!data) {
    body = <LoadingState />;
  } else if (data.groups.length === 0) {
    body = <EmptyState onReset={resetFilters} />;
  } else {
    const subtitle = `${periodText(data, t, fmt)} · ${t('filters.groupBy')}: ${t(`groupBy.${data.groupBy}` as const)}`;
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {periodText(data, t, fmt)}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />
        <IntensityPanel data={data} subtitle={subtitle} compact={compact} />
        <MembersPanel data={data} subtitle={subtitle} compact={compact} />
        <ContributionsPanel data={data} subtitle={subtitle} compact={compact} />
        <p className="footnote">{t('clusters.note')}</p>
        <p className="footnote">{t('kpi.rateHelp')}.</p>
        {anySuppressed(data) ? <SuppressionNote minCell={data.minCell} /> : null}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('clusters.title')}</h1>
        <p className="lead">{t('clusters.lead')}</p>
      </div>
      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />
      {body}
    </div>
  );
}
